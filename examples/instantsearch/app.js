// An instantsearch.js page over the gateway's Meilisearch-compatible surface (/meili), through
// @meilisearch/instant-meilisearch: search box, hits with highlights, searchable refinement lists
// on lang, source and category, newest-first sorting, pagination and stats. Bundle it with
// esbuild (see README, "InstantSearch"); the page sets the gateway in data-gateway on <body>
// and, if the gateway wants one, PUBLIC_API_KEY in data-key.
import { instantMeiliSearch } from '@meilisearch/instant-meilisearch';
import instantsearch from 'instantsearch.js';
import { hits, pagination, refinementList, searchBox, sortBy, stats } from 'instantsearch.js/es/widgets';

const { gateway, key, index } = document.body.dataset;
const { searchClient } = instantMeiliSearch(`${gateway}/meili`, key ?? '', { primaryKey: 'id' });
const indexName = index ?? 'documents';

const search = instantsearch({ indexName, searchClient });
search.addWidgets([
  searchBox({ container: '#searchbox', placeholder: 'Ara / Search' }),
  stats({ container: '#stats' }),
  sortBy({
    container: '#sort',
    items: [
      { label: 'Relevance', value: indexName },
      { label: 'Newest first', value: `${indexName}:date_ts:desc` },
    ],
  }),
  refinementList({ container: '#lang', attribute: 'lang', searchable: true }),
  refinementList({ container: '#source', attribute: 'source', searchable: true }),
  refinementList({ container: '#category', attribute: 'category', searchable: true }),
  hits({
    container: '#hits',
    templates: {
      item: (hit, { html, components }) => html`<article>
        <h2>${components.Highlight({ hit, attribute: 'title' })}</h2>
        <p>${hit.source ?? ''} · ${hit.date ?? ''}</p>
      </article>`,
    },
  }),
  pagination({ container: '#pagination' }),
]);
search.start();
