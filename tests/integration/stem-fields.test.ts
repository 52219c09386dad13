// The stem fields leave out a stem that the original field already holds as a word
// (filters/engine-words.ts): that is only right if Meilisearch itself finds the word there.
// Checked here on the real engine, on corpus articles and on text built around the characters
// Meilisearch does and does not separate words at.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyzerFor, runChain } from '../../src/analysis/chains.ts';
import { engineWords } from '../../src/analysis/filters/engine-words.ts';
import { tokenize } from '../../src/analysis/filters/tokenize.ts';
import { facetKey } from '../../src/analysis/index.ts';
import { createClient } from '../../src/meili/client.ts';
import { multiSearch } from '../../src/meili/search.ts';
import { corpusMissing, readCorpusHead } from '../unit/analysis/corpus-sample.ts';
import { cleanup, indexDocs, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('stem_fields');
const client = createClient(testTarget(), 60_000);

interface Doc {
  id: string;
  lang: string;
  title: string;
  body: string;
  category: string;
}

const crafted: Doc[] = [
  { title: 'APPLIED DNA SYSTEMS <ADNA> QTR', body: 'Exovir Inc <XOVR.O> said x=y a|b 5$ “quoted” «kitaplar» snake_case co-op AT&T U.S. 3.5' },
  { title: 'Erdoğan’ın ve Kılıçdaroğluʼnun açıklamaları', body: 'İSTANBUL’da Işık ışıkları; belediyeler (seçimlerde) [kararlar] {meclisler} “haberler” — son…' },
].map((d, i) => ({ ...d, id: `crafted-${i}`, lang: i === 0 ? 'en' : 'tr', category: `crafted-${i}` }));

/** The stems a field leaves out because the text holds them as words. */
function leftOut(text: string, lang: string): string[] {
  const analyzer = analyzerFor(lang);
  const content = runChain(tokenize(text), analyzer.normalize).filter((t) => !analyzer.stop.has(t));
  const present = engineWords(text);
  return [...new Set(content.map(analyzer.stem))].filter((s) => present.has(s));
}

describe('stem fields: a stem left out is found by Meilisearch in the original field', { skip: corpusMissing('tr') || corpusMissing('en') }, () => {
  let docs: Doc[] = [];
  before(async () => {
    const corpus = [...(await readCorpusHead('tr', 120)), ...(await readCorpusHead('en', 120))];
    docs = [...crafted, ...corpus.map((d, i) => ({ id: d.id, lang: d.lang, title: d.title, body: d.body, category: `c${i}` }))];
    await indexDocs(index, docs);
  });
  after(() => cleanup(index));

  it('in the title and in the body of every document, every word left out', async () => {
    const queries: { q: string; field: 'title' | 'body'; doc: Doc }[] = [];
    for (const doc of docs) {
      for (const field of ['title', 'body'] as const) for (const stem of leftOut(doc[field], doc.lang)) queries.push({ q: stem, field, doc });
    }
    assert.ok(queries.length > 5_000, `${queries.length} words checked`);
    // The crafted texts: what must be left out, and what must not.
    assert.deepEqual(leftOut(crafted[0]!.title, 'en').sort(), ['applied', 'dna', 'qtr']);
    assert.ok(!leftOut(crafted[0]!.body, 'en').includes('xovr'));
    const missed: string[] = [];
    for (let i = 0; i < queries.length; i += 200) {
      const part = queries.slice(i, i + 200);
      // A trailing space: the word as a whole word, not as a prefix.
      const answers = await multiSearch(client, part.map(({ q, field, doc }) => ({ indexUid: index, q: `${q} `, attributesToSearchOn: [field], filter: `category_key = "${facetKey(doc.category)}"`, limit: 1, attributesToRetrieve: ['id'] })));
      answers.forEach((a, k) => {
        if (a.hits[0]?.id !== part[k]!.doc.id) missed.push(`${part[k]!.doc.id} ${part[k]!.field}: ${part[k]!.q}`);
      });
    }
    assert.deepEqual(missed, []);
  });
});
