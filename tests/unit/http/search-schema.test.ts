import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requests } from '../../../src/http/requests.ts';

const { searchQuery } = requests;

describe('searchQuery schema', () => {
  it('fills defaults', () => {
    assert.deepEqual(searchQuery.parse({}), { q: '', sort: 'relevance', page: 1, perPage: 10, cropLength: 30, highlight: 'html' });
  });

  it('parses valid values, ignoring unknown parameters', () => {
    assert.deepEqual(
      searchQuery.parse({
        q: 'seçim', lang: 'TR, en,tr', from: '2024-06', to: '2024-06', sort: 'date:desc', page: '3', perPage: '100', utm: 'x',
        source: 'Şehir Arşivi,ŞEHİR ARŞİVİ,reuters', category: 'ekonomi', facets: 'lang,month,source', cropLength: '12', highlight: 'none',
      }),
      {
        q: 'seçim', lang: ['tr', 'en'], from: '2024-06', to: '2024-06', sort: 'date:desc', page: 3, perPage: 100,
        source: ['sehir-arsivi', 'reuters'], category: ['ekonomi'], facets: ['lang', 'month', 'source'], cropLength: 12, highlight: 'none',
      },
    );
  });

  const rejected: [string, Record<string, unknown>, PropertyKey[]][] = [
    ['perPage=0', { perPage: '0' }, ['perPage']],
    ['perPage=101', { perPage: '101' }, ['perPage']],
    ['page=abc', { page: 'abc' }, ['page']],
    ['page=1.5', { page: '1.5' }, ['page']],
    ['page=0', { page: '0' }, ['page']],
    ['a lang list with an invalid code', { lang: 'tr,xx' }, ['lang']],
    ['a filter injection in lang', { lang: 'tr" OR lang = "en' }, ['lang']],
    ['an impossible date', { from: '2023-02-29' }, ['from']],
    ['a date with time', { to: '2024-06-15T10:00' }, ['to']],
    ['from after to', { from: '2024-06', to: '2024-05-31' }, ['from']],
    ['q over 512 characters', { q: 'a'.repeat(513) }, ['q']],
    ['an unknown sort', { sort: 'date' }, ['sort']],
    ['a repeated q', { q: ['seçim', 'sonuç'] }, ['q']],
    ['a repeated lang', { lang: ['tr', 'en'] }, ['lang']],
    ['a repeated page', { page: ['1', '2'] }, ['page']],
    ['a page past the reachable hits', { page: '1001', perPage: '10' }, ['page']],
    ['a source of punctuation only', { source: 'ok,"!"' }, ['source']],
    ['a filter injection in source', { source: 'x" OR lang = "en' }, ['source']],
    ['a backslash in category', { category: 'a\\' }, ['category']],
    ['an unknown facet', { facets: 'lang,author' }, ['facets']],
    ['cropLength=1000', { cropLength: '1000' }, ['cropLength']],
    ['highlight=markdown', { highlight: 'markdown' }, ['highlight']],
    ['a custom highlightPreTag', { highlightPreTag: '<b>' }, ['highlightPreTag']],
    ['a custom highlightPostTag', { highlightPostTag: '</b>' }, ['highlightPostTag']],
  ];
  for (const [name, input, path] of rejected) {
    it(`rejects ${name} at ${JSON.stringify(path)}`, () => {
      const r = searchQuery.safeParse(input);
      assert.equal(r.success, false);
      const paths = new Set(r.error?.issues.map((i) => JSON.stringify(i.path)));
      assert.deepEqual([...paths], [JSON.stringify(path)]);
    });
  }

  it('accepts q of exactly 512 characters', () => {
    assert.equal(searchQuery.parse({ q: 'ş'.repeat(512) }).q.length, 512);
  });
});
