// Generated requests for the fuzz test: hostile strings in every parameter and body the
// gateway accepts, deterministic for a seed so a failure can be replayed.
import { pick } from '../../bench/lib/rng.ts';

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query string exactly as sent (may hold invalid percent-encodings). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** What kind of request this is, for the report. */
  kind: string;
}

const PIECES = [
  'İ̇', 'I\u0307', 'ı', 'İSTANBUL', "istanbul'da", 'Kılıçdaroğlu’nun', 'seçim', 'the', 've', 'şu', '"', "'", '\\', '`',
  '\u0000', '\u0001', '\u001f', '\u007f', '\u200f', '\u202e', '\u200d', '\ufeff', '\ufffd', '\ud800', '\udfff', '👩‍👩‍👧',
  '\u0301'.repeat(50), '-', '--', '"-', '" OR lang = "en', 'lang = tr', '_geoRadius(0,0,1)', '*', '%', '%%', '&', '=', ',', ',,',
  '<script>alert(1)</script>', '<mark>', '&lt;', '${x}', '{{x}}', '../../etc/passwd', 'NaN', '-1', '0', '1e309', '99999999999',
  ' ', '\t', '\n', '\r\n', 'a'.repeat(600), 'ş'.repeat(300), 'x y z w v u t s r q p o n m l k j i h g f e d c b a',
];
const RAW_ENCODINGS = ['%FF', '%C3%28', '%E2%82', '%ED%A0%80', '%00', '%', '%G1', '%F0%9F%98', '%C0%AF', '%EF%BF%BF'];
const SEARCH_PARAMS = ['q', 'lang', 'from', 'to', 'source', 'category', 'sort', 'page', 'perPage', 'facets', 'cropLength', 'highlight', 'highlightPreTag', 'limit'];
const VALUES: Record<string, string[]> = {
  lang: ['tr', 'en', 'tr,en', 'TR', 'xx', 'und', 'tr,'],
  from: ['2024', '2024-06', '2024-06-15', '2023-02-29', '0000', '9999-12-31', '2024-6'],
  to: ['2025', '1987-03', '1987-10-20', '2024-13'],
  sort: ['relevance', 'date:desc', 'date:asc', 'date', 'title:asc'],
  page: ['1', '2', '1000', '1001', '0', '-1', '1.5', '01'],
  perPage: ['1', '10', '100', '101', '0'],
  facets: ['lang,year,month,source,category', '', 'lang', 'author', 'lang,lang'],
  cropLength: ['5', '30', '100', '4', '1000'],
  highlight: ['html', 'none', 'markdown'],
};

function fuzzString(rand: () => number, max = 6): string {
  const n = 1 + Math.floor(rand() * max);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rand, PIECES) + (rand() < 0.5 ? ' ' : '');
  if (rand() < 0.05) s = s.repeat(1 + Math.floor(rand() * 50));
  return s;
}

/** Lone surrogates cannot be percent-encoded: they go out as the bytes a careless client sends. */
function encode(s: string): string {
  return s.isWellFormed() ? encodeURIComponent(s) : `${encodeURIComponent(s.toWellFormed())}%ED%A0%80`;
}

/** A value, or sometimes raw invalid percent-encoding bytes. */
function encodedValue(rand: () => number, name: string): string {
  if (rand() < 0.1) return pick(rand, RAW_ENCODINGS) + encode(fuzzString(rand, 2));
  const known = VALUES[name];
  const v = known && rand() < 0.6 ? pick(rand, known) : fuzzString(rand);
  return encode(v);
}

function queryString(rand: () => number, params: string[]): string {
  const parts: string[] = [];
  const n = Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) {
    const name = rand() < 0.9 ? pick(rand, params) : encode(fuzzString(rand, 2));
    // Arrays where strings are expected: repeated names and bracket syntax.
    const repeats = rand() < 0.08 ? 2 + Math.floor(rand() * 3) : 1;
    const key = rand() < 0.05 ? `${name}[]` : rand() < 0.03 ? `${name}[a]` : name;
    for (let r = 0; r < repeats; r++) parts.push(`${key}=${encodedValue(rand, name)}`);
  }
  if (rand() < 0.03) parts.push('q');
  return parts.length ? `?${parts.join('&')}` : '';
}

/** JSON nested `depth` levels deep: what a JSON bomb looks like to a parser. */
function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

function documentBody(rand: () => number): string | Uint8Array<ArrayBuffer> {
  const r = rand();
  if (r < 0.1) return deepJson(10_000 + Math.floor(rand() * 90_000));
  if (r < 0.15) return `{"id":"x","title":"${'a'.repeat(1000)}"`; // truncated
  if (r < 0.2) return new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // invalid UTF-8
  if (r < 0.25) return JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ id: `n${i}`, title: 't' })));
  if (r < 0.3) return JSON.stringify({ id: { $gt: '' }, title: ['a'], body: 7, date: 20240101 });
  if (r < 0.35) return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"title":"p","id":"proto"}`;
  const doc = () => ({
    id: rand() < 0.2 ? fuzzString(rand, 2) : `fuzz-${Math.floor(rand() * 50)}`,
    title: fuzzString(rand),
    body: fuzzString(rand, 20),
    ...(rand() < 0.5 ? { lang: rand() < 0.5 ? pick(rand, ['tr', 'en', 'xx', 'TR']) : fuzzString(rand, 1) } : {}),
    ...(rand() < 0.5 ? { date: pick(rand, [...VALUES.from!, ...VALUES.to!, fuzzString(rand, 1)]) } : {}),
    ...(rand() < 0.3 ? { source: fuzzString(rand, 2), category: fuzzString(rand, 2) } : {}),
  });
  return JSON.stringify(rand() < 0.5 ? doc() : Array.from({ length: 1 + Math.floor(rand() * 5) }, doc));
}

/** A Meilisearch-style search body as instant-meilisearch sends it, with hostile values. */
function meiliBody(rand: () => number): string {
  const r = rand();
  if (r < 0.08) return JSON.stringify({ q: 'x', filter: `${'('.repeat(1000 + Math.floor(rand() * 3000))}lang = tr` });
  if (r < 0.12) return JSON.stringify({ q: 'x', filter: Array.from({ length: 100 }, () => Array.from({ length: 50 }, () => 'lang = tr OR lang = en')) });
  if (r < 0.16) return deepJson(5000);
  if (r < 0.2) return JSON.stringify({ q: 'x', constructor: 1, __proto__: { a: 1 } });
  const pickOr = (values: unknown[]) => (rand() < 0.7 ? pick(rand, values) : fuzzString(rand, 2));
  const body: Record<string, unknown> = { q: rand() < 0.8 ? fuzzString(rand, 3) : pick(rand, [null, 7, ['a']]) };
  if (rand() < 0.5) body.filter = pickOr([['"lang"="tr"'], [['"lang"="tr"', '"lang"="en"']], 'year >= 2020', 'year 2020 TO 2024', 'lang = "tr\\" OR x', '_geoRadius(1,2,3)']);
  if (rand() < 0.5) body.facets = pickOr([['lang', 'year'], ['*'], ['body'], 'lang']);
  if (rand() < 0.4) [body.highlightPreTag, body.highlightPostTag] = pick(rand, [['__ais-highlight__', '__/ais-highlight__'], ['<em>', '</em>'], ['<img src=x onerror=alert(1)>', '']]);
  if (rand() < 0.4) body.attributesToCrop = pickOr([['body:8'], ['*:5'], ['body:0']]);
  if (rand() < 0.4) Object.assign(body, pick(rand, [{ limit: 21, offset: 0 }, { page: 2, hitsPerPage: 20 }, { limit: -1 }, { offset: 1e9 }]));
  if (rand() < 0.3) body.sort = pickOr([['date_ts:desc'], ['title:asc']]);
  return JSON.stringify(body);
}

export function generate(rand: () => number, adminKey: string, indexUid = 'documents'): FuzzRequest {
  const r = rand();
  const auth = (): Record<string, string> => {
    const x = rand();
    if (x < 0.7) return { Authorization: `Bearer ${adminKey}` };
    if (x < 0.8) return {};
    if (x < 0.9) return { Authorization: `Bearer ${adminKey.slice(0, -1)}${rand() < 0.5 ? 'x' : ''}` };
    return { Authorization: fuzzString(rand, 2).replace(/[^\t\x20-\x7e]/g, '') };
  };
  if (r < 0.1) {
    const body = meiliBody(rand);
    const headers = { 'Content-Type': 'application/json' };
    if (rand() < 0.5) return { kind: 'meili', method: 'POST', path: `/meili/indexes/${rand() < 0.9 ? indexUid : encode(fuzzString(rand, 1))}/search`, headers, body };
    return { kind: 'meili', method: 'POST', path: '/meili/multi-search', headers, body: `{"queries":[${body.startsWith('{') ? body.replace(/^\{/, `{"indexUid":"${indexUid}",`) : body}]}` };
  }
  if (r < 0.5) return { kind: 'search', method: 'GET', path: `/search${queryString(rand, SEARCH_PARAMS)}` };
  if (r < 0.75) return { kind: 'suggest', method: 'GET', path: `/suggest${queryString(rand, ['q', 'lang', 'limit'])}` };
  if (r < 0.85) {
    const type = rand() < 0.8 ? 'application/json' : pick(rand, ['text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded']);
    return { kind: 'documents:post', method: 'POST', path: '/documents', headers: { ...auth(), 'Content-Type': type }, body: documentBody(rand) };
  }
  if (r < 0.95) {
    const id = rand() < 0.1 ? pick(rand, RAW_ENCODINGS) : encode(fuzzString(rand, 2));
    return { kind: 'documents:id', method: rand() < 0.5 ? 'GET' : 'DELETE', path: `/documents/${id}`, headers: auth() };
  }
  return { kind: 'stats', method: 'GET', path: `/stats${queryString(rand, ['x'])}`, headers: auth() };
}
