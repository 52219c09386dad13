import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFillerMatcher, contentWords, isFiller } from '../../../src/analysis/filters/filler.ts';
import { rewriteQuery } from '../../../src/analysis/query.ts';

const matcher = buildFillerMatcher({
  languages: {
    tr: { words: ['haberleri', 'hakkında', 'son'], phrases: ['son dakika', 'ne zaman'] },
    en: { words: ['news'], phrases: ['breaking news'] },
  },
});
const marked = (tokens: string[], lang: string) => tokens.filter((_, i) => matcher(tokens, lang)[i]);

describe('filler matcher', () => {
  it('marks single filler words of the query language', () => {
    assert.deepEqual(marked(['deprem', 'haberleri'], 'tr'), ['haberleri']);
    assert.deepEqual(marked(['earthquake', 'news'], 'en'), ['news']);
  });

  it('compares ASCII-folded: hakkinda is hakkında, haberlerı is haberleri', () => {
    assert.deepEqual(marked(['kılıçdaroğlu', 'hakkinda'], 'tr'), ['hakkinda']);
    assert.deepEqual(marked(['HABERLERİ'.toLocaleLowerCase('tr')], 'tr'), ['haberleri']);
  });

  it('marks a phrase only when its words stand together', () => {
    assert.deepEqual(marked(['deprem', 'ne', 'zaman'], 'tr'), ['ne', 'zaman']);
    assert.deepEqual(marked(['zaman', 'yolculuğu'], 'tr'), []);
    assert.deepEqual(marked(['breaking', 'news', 'turkey'], 'en'), ['breaking', 'news']);
    assert.deepEqual(marked(['breaking', 'records'], 'en'), []);
  });

  it('keeps each language to its own list, and checks every list when the language is unknown', () => {
    // `son` pads Turkish queries (`son deprem`), but is a word in English.
    assert.deepEqual(marked(['father', 'son'], 'en'), []);
    assert.deepEqual(marked(['son', 'deprem'], 'tr'), ['son']);
    assert.deepEqual(marked(['deprem', 'news'], 'und'), ['news']);
    assert.deepEqual(marked(['deprem', 'haberleri'], 'und'), ['haberleri']);
  });
});

describe('contentWords', () => {
  const stop = new Set(['ne', 'what', 'is']);
  it('drops stop words and filler when something else is left', () => {
    assert.deepEqual(contentWords(['deprem', 'ne', 'zaman'], stop, 'tr', false, matcher), { terms: ['deprem'], dropped: ['ne', 'zaman'] });
  });

  it('searches the filler when the query holds nothing else, without its stop words', () => {
    assert.deepEqual(contentWords(['haberleri'], stop, 'tr', false, matcher), { terms: ['haberleri'], dropped: [] });
    assert.deepEqual(contentWords(['son', 'dakika'], stop, 'tr', false, matcher), { terms: ['son', 'dakika'], dropped: [] });
    assert.deepEqual(contentWords(['what', 'is', 'news'], stop, 'en', false, matcher), { terms: ['news'], dropped: ['what', 'is'] });
  });

  it('searches a query of stop words alone as typed, and lets a phrase be the content', () => {
    assert.deepEqual(contentWords(['what', 'is'], stop, 'en', false, matcher), { terms: ['what', 'is'], dropped: [] });
    assert.deepEqual(contentWords(['news'], stop, 'en', true, matcher), { terms: [], dropped: ['news'] });
  });
});

describe('the bundled list (config/filler.json) in query rewriting', () => {
  it('deprem haberleri searches what deprem searches', () => {
    assert.equal(rewriteQuery('deprem haberleri').q, rewriteQuery('deprem').q);
    assert.equal(rewriteQuery('son dakika deprem').q, rewriteQuery('deprem').q);
    assert.equal(rewriteQuery('Kılıçdaroğlu hakkında').q, rewriteQuery('Kılıçdaroğlu').q);
    assert.equal(rewriteQuery('latest earthquake news').q, rewriteQuery('earthquake').q);
    assert.deepEqual(rewriteQuery('deprem haberleri').dropped, ['haberleri']);
  });

  it('a query made only of filler still searches something', () => {
    for (const q of ['haberler', 'news', 'son dakika', 'latest news', 'güncel haberler']) {
      const r = rewriteQuery(q);
      assert.ok(r.q.length > 0 && r.terms.length > 0, q);
    }
  });

  it('content words that look like filler stay', () => {
    assert.ok(isFiller(['dakika'], 'tr').every((x) => !x));
    assert.deepEqual(rewriteQuery('new york', 'en').terms, ['new', 'york']);
  });
});
