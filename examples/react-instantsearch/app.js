// The same page with React InstantSearch, written without JSX so that esbuild bundles it as it
// is. The gateway is in data-gateway on <body>, PUBLIC_API_KEY (if needed) in data-key.
import { instantMeiliSearch } from '@meilisearch/instant-meilisearch';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { Highlight, Hits, InstantSearch, Pagination, RefinementList, SearchBox, SortBy, Stats } from 'react-instantsearch';

const { gateway, key, index } = document.body.dataset;
const { searchClient } = instantMeiliSearch(`${gateway}/meili`, key ?? '', { primaryKey: 'id' });
const indexName = index ?? 'documents';

const Hit = ({ hit }) => h('article', null, h('h2', null, h(Highlight, { hit, attribute: 'title' })), h('p', null, `${hit.source ?? ''} · ${hit.date ?? ''}`));
const facet = (attribute) => h('section', { id: attribute }, h('h3', null, attribute), h(RefinementList, { attribute, searchable: true }));

function App() {
  return h(
    InstantSearch,
    { indexName, searchClient },
    h(SearchBox, { placeholder: 'Ara / Search' }),
    h(Stats),
    h(SortBy, { items: [{ label: 'Relevance', value: indexName }, { label: 'Newest first', value: `${indexName}:date_ts:desc` }] }),
    h('aside', null, facet('lang'), facet('source'), facet('category')),
    h(Hits, { hitComponent: Hit }),
    h(Pagination),
  );
}

createRoot(document.getElementById('app')).render(h(App));
