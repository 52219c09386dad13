// npm run bench:relevance — known-item and exact-form precision benchmark, raw Meilisearch
// against this project's index, on the same engine in the same run. See bench/README.md.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzerFor, foldDiacritics, queryMatcher, rewriteQuery, tokenize, turkishLowerCase } from '../src/analysis/index.ts';
import { multiSearch } from '../src/meili/search.ts';
import { loadDictionaries } from '../src/analysis/lang-dict.ts';
import { readEnv } from '../src/env.ts';
import { createClient } from '../src/meili/client.ts';
import { connectMeili } from '../src/engine/connect.ts';
import { search } from '../src/search/service.ts';
import { CORPUS_FILES, loadCorpus, type CorpusDoc } from './lib/corpus.ts';
import { buildProjectIndex, buildRawIndex } from './lib/engine.ts';
import { mrrAt10, precisionAt, recallAt10 } from './lib/metrics.ts';
import { docTokenSet, EN_CLASSES, perturb, TR_CLASSES, TurkishVocabulary, type KnownItemQuery } from './lib/perturb.ts';
import { rng, sample } from './lib/rng.ts';
import { pool } from './lib/concurrency.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAIRS_DOCS = path.join(HERE, 'data', 'minimal-pairs.ndjson');
const RAW_INDEX = 'bench_raw';
const OUR_INDEX = 'bench_project';

const { values: args } = parseArgs({
  options: {
    'per-lang': { type: 'string', default: '200' },
    seed: { type: 'string', default: '20261125' },
    reindex: { type: 'boolean', default: false },
    'project-index': { type: 'string', default: OUR_INDEX },
    label: { type: 'string', default: 'relevance' },
    out: { type: 'string', default: path.join(HERE, 'results') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'Usage: npm run bench:relevance -- [--per-lang N] [--seed S] [--reindex] [--out DIR] [--project-index NAME] [--label L]\n' +
      'Indexes ../shared/corpus and the seeds into a raw Meilisearch index and into the project index\n' +
      '(both reused while unchanged; --reindex forces), then runs perturbed known-item queries and the\n' +
      'minimal-pair precision set on both. Without MEILI_URL it uses the embedded engine in data/bench-meili.\n' +
      'Writes DIR/<label>.md and DIR/<label>.json. ANALYSIS_CONFIG (another languages.json) is honoured:\n' +
      'bench:stemmers uses it to compare stemmers, each on its own project index.\n',
  );
  process.exit(0);
}

/** The few title words that best identify a document: rare in the corpus, not stop words. */
function distinctiveWords(doc: CorpusDoc, df: Map<string, number>): string[] {
  const analyzer = analyzerFor(doc.lang);
  const seen = new Set<string>();
  const candidates: { word: string; df: number; pos: number }[] = [];
  tokenize(doc.title).forEach((token, pos) => {
    const word = token.split(/['’]/)[0]!;
    const key = foldDiacritics(analyzer.lower(word));
    if (word.length < 4 || /\d/.test(word) || analyzer.stop.has(analyzer.lower(word)) || seen.has(key)) return;
    seen.add(key);
    const n = df.get(key) ?? 0;
    if (n >= 2) candidates.push({ word, df: n, pos });
  });
  return candidates
    .sort((a, b) => a.df - b.df)
    .slice(0, 3)
    .sort((a, b) => a.pos - b.pos)
    .map((c) => c.word);
}

function documentFrequencies(docs: CorpusDoc[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) {
    const lower = analyzerFor(d.lang).lower;
    const keys = new Set(tokenize(`${d.title} ${d.body}`).map((t) => foldDiacritics(lower(t.split(/['’]/)[0]!))));
    for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
  }
  return df;
}


const fmt = (n: number) => n.toFixed(3);

async function main() {
  // As `npm start` does after it listens: short queries are read with the hunspell dictionaries.
  loadDictionaries();
  const env = readEnv({ MEILI_DATA_DIR: 'data/bench-meili', ...process.env });
  const conn = await connectMeili(env, 'indexer');
  const client = createClient(conn, 30_000);
  const started = Date.now();
  try {
    const corpus = await loadCorpus();
    const pairDocs = await loadCorpus([PAIRS_DOCS]);
    const all = [...corpus, ...pairDocs];
    const byId = new Map(all.map((d) => [d.id, d]));

    const t0 = Date.now();
    const rawState = await buildRawIndex(client, RAW_INDEX, all, args.reindex!);
    const t1 = Date.now();
    const ourState = await buildProjectIndex(client, args['project-index']!, [...CORPUS_FILES, PAIRS_DOCS], all.length, env.dataDir, args.reindex!);
    const t2 = Date.now();
    process.stderr.write(`raw index ${rawState} in ${((t1 - t0) / 1000).toFixed(1)} s, project index ${ourState} in ${((t2 - t1) / 1000).toFixed(1)} s\n`);

    const ctx = { client, indexUid: args['project-index']! };
    // Both with page/hitsPerPage, so totals are exhaustive counts (up to each index's maxTotalHits).
    const raw = async (q: string) => {
      const r = await client.index(RAW_INDEX).search(q, { page: 1, hitsPerPage: 10, attributesToRetrieve: ['id'] });
      return { ids: r.hits.map((h) => String(h.id)), total: r.totalHits };
    };
    const ours = async (q: string) => {
      const r = await search(ctx, { q, sort: 'relevance', page: 1, perPage: 10, facets: [] });
      return { ids: r.hits.map((h) => h.id), total: r.total };
    };

    // Known-item queries.
    const df = documentFrequencies(corpus);
    const vocabulary = new TurkishVocabulary();
    for (const d of corpus) if (d.lang === 'tr') for (const t of tokenize(`${d.title} ${d.body}`)) vocabulary.add(t);
    const rand = rng(Number(args.seed));
    const perLang = Number(args['per-lang']);
    const queries: KnownItemQuery[] = [];
    for (const lang of ['tr', 'en']) {
      const pool = corpus.filter((d) => d.lang === lang && distinctiveWords(d, df).length === 3);
      for (const d of sample(rand, pool, perLang)) {
        queries.push(...perturb(lang, distinctiveWords(d, df), d.id, docTokenSet(d.title, d.body), rand, (w) => (df.get(w) ?? 0) >= 2, vocabulary));
      }
    }
    const runAll = (fn: typeof raw) =>
      pool(queries, 4, async (q) => {
        const r = await fn(q.q);
        return { q, rank: r.ids.indexOf(q.target) + 1, total: r.total, ids: r.ids };
      });
    const rawResults = await runAll(raw);
    const ourResults = await runAll(ours);
    // Raw Meilisearch keeps its default maxTotalHits (1000): compare counts up to that.
    const RAW_CAP = 1000;
    const fewer = ourResults.filter((r, i) => Math.min(r.total, RAW_CAP) < Math.min(rawResults[i]!.total, RAW_CAP));
    // Totals differ for reasons that are not losses (raw keeps documents that match only a stop
    // word, or a typo of a long word). What must never happen: a document raw Meilisearch ranks in
    // its top 10 that holds every content word of the query (any inflection), and the gateway does
    // not find at all.
    const lost: { q: string; id: string }[] = [];
    let unchecked = 0;
    await pool(queries.map((q, i) => ({ q, raw: rawResults[i]!.ids })), 4, async ({ q, raw: ids }) => {
      const rw = rewriteQuery(q.q);
      const holdsAll = (id: string) => {
        const d = byId.get(id);
        if (!d) return false;
        const words = tokenize(`${d.title} ${d.body}`);
        return rw.terms.every((t) => {
          const m = queryMatcher({ stems: { [t]: rw.stems[t] ?? [] }, phrases: [], prefix: rw.prefix && rw.stems[t]?.includes(rw.prefix) ? rw.prefix : undefined });
          return words.some((w) => m(w, d.lang) >= 0);
        });
      };
      const genuine = ids.filter(holdsAll);
      if (genuine.length === 0 || rw.terms.length === 0) return;
      // Every stem required (matchingStrategy all, no exact spellings): a document holding every
      // content word must be among these.
      const stemsOnly = [...rw.phrases, ...new Set(Object.values(rw.stems).flat())].join(' ');
      const [found] = await multiSearch<{ id: string }>(client, [
        { indexUid: args['project-index']!, q: stemsOnly, matchingStrategy: 'all', limit: 1000, attributesToRetrieve: ['id'] },
      ]);
      const have = new Set(found!.hits.map((h) => h.id));
      for (const id of genuine) {
        if (have.has(id)) continue;
        if ((found!.estimatedTotalHits ?? 0) > 1000) unchecked++;
        else lost.push({ q: q.q, id });
      }
    });
    const rows: string[] = [];
    const summary: Record<string, unknown> = {};
    for (const [lang, classes] of [['tr', TR_CLASSES], ['en', EN_CLASSES]] as const) {
      rows.push(`\n### ${lang === 'tr' ? 'Turkish' : 'English'} known-item queries (${perLang} documents, 3 title words each)\n`);
      rows.push('| class | raw MRR@10 | gateway MRR@10 | raw R@10 | gateway R@10 | gateway / own exact |');
      rows.push('| --- | ---: | ---: | ---: | ---: | ---: |');
      const ownExact = mrrAt10(ourResults.filter((r) => r.q.lang === lang && r.q.cls === 'exact'));
      for (const cls of classes) {
        const sel = (rs: typeof rawResults) => rs.filter((r) => r.q.lang === lang && r.q.cls === cls);
        const m = { rawMrr: mrrAt10(sel(rawResults)), ourMrr: mrrAt10(sel(ourResults)), rawR: recallAt10(sel(rawResults)), ourR: recallAt10(sel(ourResults)) };
        summary[`${lang}.${cls}`] = { ...m, keep: m.ourMrr / ownExact };
        rows.push(`| ${cls} | ${fmt(m.rawMrr)} | ${fmt(m.ourMrr)} | ${fmt(m.rawR)} | ${fmt(m.ourR)} | ${fmt(m.ourMrr / ownExact)} |`);
      }
    }

    // The inflected queries the gateway misses, with the stems it searched: where recall goes.
    rows.push('\n### Turkish inflected queries the gateway misses (target not in its top 10), first 15\n');
    rows.push('| query | title words | stems searched |');
    rows.push('| --- | --- | --- |');
    const exactOf = new Map(ourResults.filter((r) => r.q.cls === 'exact').map((r) => [r.q.target, r.q.q]));
    for (const r of ourResults.filter((x) => x.q.lang === 'tr' && x.q.cls === 'inflected' && x.rank === 0).slice(0, 15)) {
      const rw = rewriteQuery(r.q.q);
      rows.push(`| ${r.q.q} | ${exactOf.get(r.q.target) ?? ''} | ${rw.terms.map((t) => `${t} → ${(rw.stems[t] ?? []).join('/')}`).join(', ')} |`);
    }
    rows.push('\n### English typo queries the gateway misses (target not in its top 10), first 15\n');
    rows.push('| query | title words |');
    rows.push('| --- | --- |');
    for (const r of ourResults.filter((x) => x.q.lang === 'en' && x.q.cls === 'typo' && x.rank === 0).slice(0, 15)) {
      rows.push(`| ${r.q.q} | ${exactOf.get(r.q.target) ?? ''} |`);
    }
    summary.inflectedMisses = ourResults.filter((x) => x.q.lang === 'tr' && x.q.cls === 'inflected' && x.rank === 0).length;

    // Exact-form precision on minimal pairs.
    const pairsSpec = JSON.parse(await readFile(path.join(HERE, 'data', 'minimal-pairs.json'), 'utf8')) as { pairs: [string, string][] };
    const hasExact = (id: string, form: string) => {
      const d = byId.get(id);
      return !!d && tokenize(`${d.title} ${d.body}`).some((t) => turkishLowerCase(t.split(/['’]/)[0]!) === form);
    };
    const rawRel: boolean[][] = [];
    const ourRel: boolean[][] = [];
    rows.push('\n### Exact-form precision (each spelling of each pair typed as the query)\n');
    rows.push('| query | twin | raw top 3 exact | gateway top 3 exact |');
    rows.push('| --- | --- | --- | --- |');
    // Both directions: the word typed with Turkish letters, and its ASCII twin typed as is.
    for (const [form, twin] of pairsSpec.pairs.flatMap(([a, b]) => [[a, b], [b, a]] as const)) {
      const r = (await raw(form)).ids.slice(0, 3).map((id) => hasExact(id, form));
      const o = (await ours(form)).ids.slice(0, 3).map((id) => hasExact(id, form));
      rawRel.push(r);
      ourRel.push(o);
      const mark = (xs: boolean[]) => xs.map((x) => (x ? '✓' : '✗')).join(' ');
      rows.push(`| ${form} | ${twin} | ${mark(r)} | ${mark(o)} |`);
    }
    const prec = { rawP1: precisionAt(1, rawRel), ourP1: precisionAt(1, ourRel), rawP3: precisionAt(3, rawRel), ourP3: precisionAt(3, ourRel) };
    summary.precision = prec;
    rows.push(`\nexact-form precision@1: raw ${fmt(prec.rawP1)}, gateway ${fmt(prec.ourP1)}; precision@3: raw ${fmt(prec.rawP3)}, gateway ${fmt(prec.ourP3)}`);

    const head = [
      `# Relevance benchmark`,
      ``,
      `Run ${new Date().toISOString().slice(0, 10)}, seed ${args.seed}, ${queries.length} known-item queries per index, ${all.length} documents (corpus + seeds + ${pairDocs.length} minimal-pair documents).`,
      `Raw: Meilisearch 1.21 defaults on the documents as given. Gateway: this project's index and query analysis (src/search/service.ts).`,
    ];
    const worst = (lang: string) =>
      Math.min(...Object.entries(summary).filter(([k]) => k.startsWith(`${lang}.`)).map(([, v]) => (v as { keep: number }).keep));
    summary.fewerThanRaw = { queries: fewer.length, of: queries.length, examples: fewer.slice(0, 5).map((r) => r.q.q) };
    summary.lostMatches = { documents: lost.length, unchecked, examples: lost.slice(0, 5) };
    rows.push(`\nraw Meilisearch top-10 documents holding every content word of the query that the gateway does not find: ${lost.length}${unchecked ? ` (${unchecked} not checked: past 1,000 hits)` : ''}${lost.length ? ` (e.g. ${lost.slice(0, 5).map((l) => `${JSON.stringify(l.q)} → ${l.id}`).join(', ')})` : ''}`);
    rows.push(`\nqueries where the gateway found fewer documents than raw Meilisearch (counts capped at ${RAW_CAP}): ${fewer.length} of ${queries.length}${fewer.length ? ` (e.g. ${fewer.slice(0, 5).map((r) => JSON.stringify(r.q.q)).join(', ')})` : ''}`);
    const line = `summary: gateway keeps ≥ ${fmt(worst('tr'))} (tr) and ≥ ${fmt(worst('en'))} (en) of its exact-query MRR@10 in every class; exact-form P@1 raw ${fmt(prec.rawP1)} vs gateway ${fmt(prec.ourP1)}; ${((Date.now() - started) / 1000).toFixed(0)} s`;
    const report = [...head, ...rows, '', line, ''].join('\n');
    process.stdout.write(report);
    await mkdir(args.out!, { recursive: true });
    await writeFile(path.join(args.out!, `${args.label}.md`), report);
    // Every query's target rank (0: not in the top 10), so two runs can be compared query by query.
    const ranks = ourResults.map((r, i) => ({ lang: r.q.lang, cls: r.q.cls, q: r.q.q, target: r.q.target, raw: rawResults[i]!.rank, gateway: r.rank }));
    await writeFile(path.join(args.out!, `${args.label}.json`), JSON.stringify({ seed: args.seed, perLang, summary, ranks }));
  } finally {
    await conn.close();
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
