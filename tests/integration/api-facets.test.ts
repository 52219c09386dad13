// Facets, filters, sorting and paging of /search on a labelled set, against counts computed
// here from the input array in plain JS (an independent model, not the gateway's code).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { ANSWER_TIMEOUT_MS, cleanup, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('api_facets');
const app = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false }).app;

// Spellings and the bucket key each must land in (written by hand, not computed by src/).
const SOURCE_KEY: Record<string, string> = {
  'İstanbul Haber': 'istanbul-haber', 'ISTANBUL HABER': 'istanbul-haber', 'istanbul haber': 'istanbul-haber', 'Istanbul Haber': 'istanbul-haber',
  'Anadolu Ajansı': 'anadolu-ajansi', 'ANADOLU AJANSI': 'anadolu-ajansi', Reuters: 'reuters', reuters: 'reuters',
};
const CATEGORY_KEY: Record<string, string> = { Ekonomi: 'ekonomi', ekonomi: 'ekonomi', EKONOMİ: 'ekonomi', Sağlık: 'saglik', sağlık: 'saglik', Spor: 'spor' };
// Cycles of coprime lengths (3, 13, 10, 7, 4) mix every combination over 48 documents.
const DATES = ['2022', '2023-03', '2023-11-05', '2024', '2024-06', '2024-06-20', '2024-12-31', '2025-01', '2025-02-14', null, '2021-07-01', null, '2024-01-01'];
const SOURCES = ['İstanbul Haber', 'ISTANBUL HABER', 'İstanbul Haber', 'istanbul haber', 'Anadolu Ajansı', 'İstanbul Haber', 'ANADOLU AJANSI', 'Reuters', 'Anadolu Ajansı', null];
const CATEGORIES = ['Ekonomi', 'ekonomi', 'Sağlık', 'EKONOMİ', 'Spor', 'sağlık', null];

interface Doc { id: string; lang: 'tr' | 'en'; title: string; body: string; date?: string; source?: string; category?: string; marmara: boolean }
const docs: Doc[] = Array.from({ length: 48 }, (_, i) => {
  const lang = i % 3 === 0 ? 'en' : 'tr';
  // The word the `q` cases look for: in the title of some documents, only in the body of others.
  const marmara = i % 4 === 0;
  const inTitle = i % 8 === 0;
  const title = lang === 'tr' ? (inTitle ? `Marmara bölgesinde toplantı ${i}` : `Meclis gündemi ${i}`) : inTitle ? `Meeting in the Marmara region ${i}` : `Council agenda ${i}`;
  const body = lang === 'tr' ? `Bugünkü oturumda${marmara && !inTitle ? ' Marmara için' : ''} yeni kararlar alındı.` : `New decisions${marmara && !inTitle ? ' on Marmara' : ''} were taken at today's session.`;
  const d: Doc = { id: `f${String(i).padStart(2, '0')}`, lang, title, body, marmara };
  const [date, source, category] = [DATES[i % DATES.length], SOURCES[i % SOURCES.length], CATEGORIES[i % CATEGORIES.length]];
  if (date) d.date = date;
  if (source) d.source = source;
  if (category) d.category = category;
  return d;
});
const byId = new Map(docs.map((d) => [d.id, d]));

// ---- the independent model ----
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** The inclusive [first day, last day] of YYYY, YYYY-MM or YYYY-MM-DD, as comparable YYYY-MM-DD strings. */
function period(date: string): [string, string] {
  const [y, m, d] = date.split('-');
  if (d) return [date, date];
  if (m) return [`${y}-${m}-01`, `${y}-${m}-${lastDay(+y!, +m)}`];
  return [`${y}-01-01`, `${y}-12-31`];
}
interface Filters { q?: string; lang?: string; from?: string; to?: string; source?: string; category?: string }
type Group = 'lang' | 'date' | 'source' | 'category';
const keysOf = (list: string | undefined, table: Record<string, string>) => list?.split(',').map((v) => table[v] ?? v);
function matches(d: Doc, f: Filters, except?: Group): boolean {
  if (f.q && !d.marmara) return false;
  if (f.lang && except !== 'lang' && !f.lang.split(',').includes(d.lang)) return false;
  if (f.source && except !== 'source' && !(d.source && keysOf(f.source, SOURCE_KEY)!.includes(SOURCE_KEY[d.source]!))) return false;
  if (f.category && except !== 'category' && !(d.category && keysOf(f.category, CATEGORY_KEY)!.includes(CATEGORY_KEY[d.category]!))) return false;
  if ((f.from || f.to) && except !== 'date') {
    if (!d.date) return false;
    const [lo, hi] = period(d.date);
    if (f.from && hi < period(f.from)[0]) return false;
    if (f.to && lo > period(f.to)[1]) return false;
  }
  return true;
}
const FACET_KEY: Record<string, (d: Doc) => string | undefined> = {
  lang: (d) => d.lang,
  year: (d) => d.date?.slice(0, 4),
  month: (d) => (d.date && d.date.length >= 7 ? d.date.slice(0, 7) : undefined),
  source: (d) => d.source && SOURCE_KEY[d.source],
  category: (d) => d.category && CATEGORY_KEY[d.category],
};
function counts(ds: Doc[], facet: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of ds) {
    const k = FACET_KEY[facet]!(d);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
const GROUP_FACETS: Record<Group, string[]> = { lang: ['lang'], date: ['year', 'month'], source: ['source'], category: ['category'] };
// ---- end of the model ----

const ALL_FACETS = 'lang,year,month,source,category';
const get = (query: Record<string, string>) => request(app).get('/search').query(query);
const hitIds = (body: { hits: { id: string }[] }) => body.hits.map((h) => h.id);

let tmp: string;
before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'api-facets-'));
  const file = path.join(tmp, 'labelled.ndjson');
  await writeFile(file, docs.map(({ marmara: _m, ...d }) => JSON.stringify(d)).join('\n'));
  const summary = await runIndexer({ paths: [file], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.indexed, docs.length);
  assert.equal(summary.failed, 0);
});
after(async () => {
  await cleanup(index);
  await rm(tmp, { recursive: true, force: true });
});

describe('facet counts and filters equal the independent model', () => {
  const cases: Filters[] = [
    {},
    { q: 'marmara' },
    { q: 'marmarada', lang: 'tr' }, // inflected: the stem finds Marmara
    { lang: 'tr' },
    { lang: 'en,tr' },
    { to: '2024' }, // includes 2024-12-31 and the whole-year 2024
    { from: '2024-06-15' }, // includes 2024-06 and 2024, which cover that day
    { from: '2024-06-20', to: '2024-06-20' },
    { from: '2023-03', to: '2024-06' },
    { source: 'ISTANBUL HABER' },
    { source: 'istanbul haber' },
    { source: 'İstanbul Haber' },
    { source: 'Istanbul Haber' },
    { source: 'istanbul-haber' },
    { source: 'Reuters,ANADOLU AJANSI', lang: 'tr' },
    { category: 'EKONOMİ', from: '2024' },
    { q: 'marmara', lang: 'en', from: '2022', to: '2024-06', source: 'İstanbul Haber', category: 'ekonomi' },
  ];
  for (const f of cases) {
    it(JSON.stringify(f), async () => {
      const res = await get({ ...f, facets: ALL_FACETS, perPage: '100' } as Record<string, string>).expect(200);
      const expected = docs.filter((d) => matches(d, f));
      assert.equal(res.body.total, expected.length);
      assert.deepEqual(hitIds(res.body).sort(), expected.map((d) => d.id).sort());
      for (const facet of Object.keys(FACET_KEY)) assert.deepEqual(res.body.facets[facet], counts(expected, facet), `facets.${facet}`);
      // Disjunctive: each filtered group counted without its own filter, with all the others.
      const groups = (['lang', 'date', 'source', 'category'] as Group[]).filter((g) => (g === 'date' ? f.from || f.to : f[g]));
      const wantDisjunctive = Object.fromEntries(groups.flatMap((g) => GROUP_FACETS[g].map((n) => [n, counts(docs.filter((d) => matches(d, f, g)), n)])));
      assert.deepEqual(res.body.disjunctiveFacets, wantDisjunctive);
      // Orders: years and months by key, the others by count.
      for (const n of ['year', 'month']) assert.deepEqual(Object.keys(res.body.facets[n]), Object.keys(res.body.facets[n]).sort());
      const bySize = Object.values(res.body.facets.source as Record<string, number>);
      assert.deepEqual(bySize, [...bySize].sort((a, b) => b - a));
    });
  }

  it('lang=tr still shows the en count in disjunctiveFacets.lang; from/to still show every year', async () => {
    const tr = await get({ lang: 'tr' }).expect(200);
    assert.deepEqual(tr.body.facets.lang, { tr: docs.filter((d) => d.lang === 'tr').length });
    assert.equal(tr.body.disjunctiveFacets.lang.en, docs.filter((d) => d.lang === 'en').length);
    // The other language's chip needs its label too, though only the disjunctive counts hold it.
    assert.equal(tr.body.facetLabels.lang.en, 'English');
    const range = await get({ from: '2024', to: '2024' }).expect(200);
    assert.deepEqual(Object.keys(range.body.facets.year), ['2024']);
    assert.deepEqual(Object.keys(range.body.disjunctiveFacets.year), ['2021', '2022', '2023', '2024', '2025']);
  });

  it('facetLabels.source shows the most common spelling of each bucket', async () => {
    const res = await get({ facets: 'source,category' }).expect(200);
    const spellings = new Map<string, Map<string, number>>();
    for (const d of docs) {
      if (!d.source) continue;
      const m = spellings.get(SOURCE_KEY[d.source]!) ?? new Map<string, number>();
      spellings.set(SOURCE_KEY[d.source]!, m.set(d.source, (m.get(d.source) ?? 0) + 1));
    }
    const want = Object.fromEntries([...spellings].map(([k, m]) => [k, [...m].sort((a, b) => b[1] - a[1])[0]![0]]));
    assert.deepEqual(want, { 'istanbul-haber': 'İstanbul Haber', 'anadolu-ajansi': 'Anadolu Ajansı', reuters: 'Reuters' });
    assert.deepEqual(res.body.facetLabels.source, want);
    assert.deepEqual(Object.keys(res.body.facets.source).sort(), Object.keys(want).sort(), 'one bucket per source');
  });
});

describe('sorting and paging', () => {
  const start = (id: string) => (byId.get(id)!.date ? period(byId.get(id)!.date!)[0] : undefined);
  /** Dated hits ordered by the start of their period, then every undated one. */
  function assertDateOrder(ids: string[], dir: 'desc' | 'asc') {
    const dated = ids.filter((id) => start(id) !== undefined);
    assert.ok(ids.slice(0, dated.length).every((id) => start(id) !== undefined), `undated documents last: ${ids.map(start)}`);
    const starts = dated.map((id) => start(id)!);
    const sorted = [...starts].sort();
    assert.deepEqual(starts, dir === 'asc' ? sorted : sorted.reverse());
  }

  for (const dir of ['desc', 'asc'] as const) {
    it(`sort=date:${dir}, undated documents last`, async () => {
      const res = await get({ sort: `date:${dir}`, perPage: '100' }).expect(200);
      assert.equal(res.body.hits.length, docs.length);
      assertDateOrder(hitIds(res.body), dir);
      for (const h of res.body.hits) assert.equal(h.date, byId.get(h.id)!.date ?? null);
    });
  }

  // Meilisearch applies `sort` where the rankingRules list it (config/index-settings.json:
  // after words, typo, attribute, proximity), so with a q a title match outranks a newer body match.
  for (const dir of ['desc', 'asc'] as const) {
    it(`q=marmara&sort=date:${dir} orders every hit by date, undated last`, async () => {
      const res = await get({ q: 'marmara', sort: `date:${dir}`, perPage: '100' }).expect(200);
      assert.equal(res.body.total, docs.filter((d) => d.marmara).length);
      assertDateOrder(hitIds(res.body), dir);
    });
  }

  it('an empty q with filters lists newest first', async () => {
    const res = await get({ lang: 'tr', source: 'istanbul haber', perPage: '100' }).expect(200);
    assert.equal(res.body.total, docs.filter((d) => matches(d, { lang: 'tr', source: 'istanbul haber' })).length);
    assertDateOrder(hitIds(res.body), 'desc');
  });

  it('page/perPage/totalPages are exact and pages partition the hits', async () => {
    const perPage = 7;
    const pages = Math.ceil(docs.length / perPage);
    const seen: string[] = [];
    for (let page = 1; page <= pages + 1; page++) {
      const res = await get({ sort: 'date:asc', page: String(page), perPage: String(perPage) }).expect(200);
      assert.equal(res.body.total, docs.length);
      assert.equal(res.body.totalPages, pages);
      assert.equal(res.body.page, page);
      assert.equal(res.body.perPage, perPage);
      assert.equal(res.body.hits.length, page < pages ? perPage : page === pages ? docs.length - perPage * (pages - 1) : 0);
      seen.push(...hitIds(res.body));
    }
    assert.deepEqual(seen.sort(), docs.map((d) => d.id).sort());
  });

  it('a page past the first 10,000 hits is a 400 naming page; the last reachable page is not', async () => {
    for (const [page, perPage] of [['1001', '10'], ['101', '100'], ['10001', '1']]) {
      const res = await get({ page: page!, perPage: perPage! }).expect(400);
      assert.equal(res.body.error.param, 'page');
    }
    const last = await get({ page: '1000', perPage: '10' }).expect(200);
    assert.deepEqual(last.body.hits, []);
  });
});

describe('filter injection is refused, never interpreted', () => {
  const cases: [Record<string, string>, string][] = [
    [{ lang: 'tr" OR lang = "en' }, 'lang'],
    [{ source: 'x" OR lang = "en' }, 'source'],
    [{ category: 'a\\' }, 'category'],
    [{ from: '2024" OR date_ts > 0' }, 'from'],
    [{ to: '2024 OR 1=1' }, 'to'],
    [{ source: 'reuters,x\u0000' }, 'source'],
  ];
  for (const [query, param] of cases) {
    it(`${JSON.stringify(query)} → 400 (${param})`, async () => {
      const res = await get(query).expect(400).expect('content-type', /application\/json/);
      assert.equal(res.body.error.code, 'invalid_parameter');
      assert.equal(res.body.error.param, param);
    });
  }

  it("single quotes only make an unknown facet key: no hit, no widening", async () => {
    const res = await get({ source: "x' OR lang = 'en" }).expect(200);
    assert.equal(res.body.total, 0);
  });
});
