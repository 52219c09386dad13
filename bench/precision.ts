// npm run bench:precision — are the top 10 results about the words typed? Raw Meilisearch
// against the gateway on the same engine in the same run, on queries derived from the corpus
// (bench/lib/precision-queries.ts), judged by a morphology independent of the code under test
// (bench/lib/judge.ts). See README, "Benchmarks".
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDictionaries } from '../src/analysis/lang-dict.ts';
import { readEnv } from '../src/env.ts';
import { createClient } from '../src/meili/client.ts';
import { connectMeili } from '../src/engine/connect.ts';
import { search } from '../src/search/service.ts';
import { CORPUS_FILES, loadCorpus } from './lib/corpus.ts';
import { buildProjectIndex, buildRawIndex } from './lib/engine.ts';
import { matchIn } from './lib/judge.ts';
import { ndcgAt10, normalisedPrecisionAt10 } from './lib/metrics.ts';
import { CLASSES } from './lib/precision-queries.ts';
import { judgedQueries, type JudgedQuery } from './lib/precision-set.ts';
import { rawSearchBody } from './lib/raw.ts';
import { rng, sample } from './lib/rng.ts';
import { pool } from './lib/concurrency.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAIRS_DOCS = path.join(HERE, 'data', 'minimal-pairs.ndjson');
const RAW_INDEX = 'bench_raw';
const OUR_INDEX = 'bench_project';

const { values: args } = parseArgs({
  options: {
    'per-lang': { type: 'string', default: '200' },
    seed: { type: 'string', default: '20261202' },
    lang: { type: 'string' },
    reindex: { type: 'boolean', default: false },
    'rebuild-judge': { type: 'boolean', default: false },
    'project-index': { type: 'string', default: OUR_INDEX },
    'no-with-lang': { type: 'boolean', default: false },
    label: { type: 'string', default: 'precision' },
    out: { type: 'string', default: path.join(HERE, 'results') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'Usage: npm run bench:precision -- [--per-lang N] [--seed S] [--lang tr|en] [--reindex] [--rebuild-judge] [--no-with-lang] [--out DIR] [--label L] [--project-index NAME]\n' +
      'Derives N queries per language (default 200) from ../shared/corpus: frequent content words whose 5-letter prefix,\n' +
      'Snowball stem or one-typo neighbourhood is shared with an unrelated frequent word, typed as is (single), with a\n' +
      'co-occurring word (two-word), inflected, without Turkish letters (ascii), padded with filler (filler) or with one typo\n' +
      '(typo). Runs each on raw Meilisearch and on the gateway (no language given, as typed in the search box; and, unless\n' +
      '--no-with-lang, with the language filter), and judges every hit: relevant when its title or body holds a word of\n' +
      "each query word's family (bench/lib/morph-tr.ts, morph-en.ts). Reports normalised precision@10 and nDCG@10 per\n" +
      'language and class, the worst queries and a sample of judgements in DIR/<label>.md and DIR/<label>.json.\n' +
      'Indexes: bench_raw and bench_project, shared with bench:relevance (reused while unchanged; --reindex forces).\n' +
      'The judged queries are kept in data/bench-precision/ under a digest of the corpus, seed and judge code\n' +
      '(--rebuild-judge forces). Without MEILI_URL it uses the embedded engine in data/bench-meili.\n',
  );
  process.exit(0);
}

interface Side {
  ids: string[];
  rel: boolean[];
  p10: number;
  ndcg: number;
}
interface Row {
  q: JudgedQuery;
  relevantInCorpus: number;
  relevantInLang: number;
  raw: Side;
  gateway: Side;
  withLang?: Side;
}


const fmt = (n: number) => n.toFixed(3);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replaceAll('|', '\\|');

async function main() {
  // As `npm start` does after it listens: short queries are read with the hunspell dictionaries.
  loadDictionaries();
  const env = readEnv({ MEILI_DATA_DIR: 'data/bench-meili', ...process.env });
  const started = Date.now();
  const corpus = await loadCorpus();
  const pairDocs = await loadCorpus([PAIRS_DOCS]);
  const all = [...corpus, ...pairDocs];
  const t0 = Date.now();
  const langs = (args.lang ? [args.lang] : ['tr', 'en']) as ('tr' | 'en')[];
  const perLang = Number(args['per-lang']);
  const { queries, reused } = await judgedQueries({ docs: all, files: [...CORPUS_FILES, PAIRS_DOCS], seed: Number(args.seed), perLang, langs, rebuild: args['rebuild-judge'] });
  process.stderr.write(`${queries.length} judged queries ${reused ? 'reused' : 'built'} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  const byId = new Map(all.map((d) => [d.id, d]));

  const conn = await connectMeili(env, 'indexer');
  const client = createClient(conn, 60_000);
  try {
    const t1 = Date.now();
    const rawState = await buildRawIndex(client, RAW_INDEX, all, args.reindex!);
    const t2 = Date.now();
    const ourState = await buildProjectIndex(client, args['project-index']!, [...CORPUS_FILES, PAIRS_DOCS], all.length, env.dataDir, args.reindex!);
    process.stderr.write(`raw index ${rawState} in ${((t2 - t1) / 1000).toFixed(1)} s, project index ${ourState} in ${((Date.now() - t2) / 1000).toFixed(1)} s\n`);

    const ctx = { client, indexUid: args['project-index']! };
    const { q: _q, ...rawParams } = rawSearchBody('');
    const raw = async (q: string) => (await client.index(RAW_INDEX).search(q, { ...rawParams, attributesToRetrieve: ['id'] })).hits.map((h) => String(h.id));
    const gateway = async (q: string, lang?: string) =>
      (await search(ctx, { q, sort: 'relevance', page: 1, perPage: 10, facets: [], ...(lang ? { lang: [lang] } : {}) })).hits.map((h) => h.id);

    const rows: Row[] = await pool(queries, 2, async (q) => {
      const relevant = new Set(q.relevant);
      const side = (ids: string[], denominator: number): Side => {
        const rel = ids.map((id) => relevant.has(id));
        return { ids, rel, p10: normalisedPrecisionAt10(rel, denominator), ndcg: ndcgAt10(rel, denominator) };
      };
      const row: Row = { q, relevantInCorpus: q.relevant.length, relevantInLang: q.relevantInLang, raw: side(await raw(q.q), q.relevant.length), gateway: side(await gateway(q.q), q.relevant.length) };
      if (!args['no-with-lang']) row.withLang = side(await gateway(q.q, q.lang), q.relevantInLang);
      return row;
    });

    const out: string[] = [];
    const summary: Record<string, { queries: number; rawP10: number; gatewayP10: number; withLangP10: number; rawNdcg: number; gatewayNdcg: number; withLangNdcg: number }> = {};
    const withLang = !args['no-with-lang'];
    const measured = rows.filter((r) => r.q.cls !== 'example');
    for (const lang of langs) {
      const mine = measured.filter((r) => r.q.lang === lang);
      out.push(`\n### ${lang === 'tr' ? 'Turkish' : 'English'} (${mine.length} queries)\n`);
      out.push(`| class | queries | raw P@10 | gateway P@10 |${withLang ? ' gateway+lang P@10 |' : ''} raw nDCG@10 | gateway nDCG@10 |${withLang ? ' gateway+lang nDCG@10 |' : ''}`);
      out.push(`| --- | ---: | ---: | ---: |${withLang ? ' ---: |' : ''} ---: | ---: |${withLang ? ' ---: |' : ''}`);
      for (const cls of [...CLASSES[lang], 'all']) {
        const sel = cls === 'all' ? mine : mine.filter((r) => r.q.cls === cls);
        const m = {
          queries: sel.length,
          rawP10: mean(sel.map((r) => r.raw.p10)),
          gatewayP10: mean(sel.map((r) => r.gateway.p10)),
          withLangP10: mean(sel.map((r) => r.withLang?.p10 ?? NaN)),
          rawNdcg: mean(sel.map((r) => r.raw.ndcg)),
          gatewayNdcg: mean(sel.map((r) => r.gateway.ndcg)),
          withLangNdcg: mean(sel.map((r) => r.withLang?.ndcg ?? NaN)),
        };
        summary[`${lang}.${cls}`] = m;
        const b = (s: string) => (cls === 'all' ? `**${s}**` : s);
        out.push(
          `| ${b(cls)} | ${m.queries} | ${b(fmt(m.rawP10))} | ${b(fmt(m.gatewayP10))} |${withLang ? ` ${b(fmt(m.withLangP10))} |` : ''} ${b(fmt(m.rawNdcg))} | ${b(fmt(m.gatewayNdcg))} |${withLang ? ` ${b(fmt(m.withLangNdcg))} |` : ''}`,
        );
      }
    }

    const title = (id: string) => clip(byId.get(id)?.title ?? id, 50);
    for (const lang of langs) {
      const worst = measured
        .filter((r) => r.q.lang === lang)
        .sort((a, b) => a.gateway.p10 - b.gateway.p10 || a.gateway.ndcg - b.gateway.ndcg || (a.q.q < b.q.q ? -1 : 1))
        .slice(0, 15);
      out.push(`\n### Worst 15 ${lang === 'tr' ? 'Turkish' : 'English'} queries (gateway)\n`);
      out.push('| query | class | confused with | relevant in corpus | raw P@10 | gateway P@10 | gateway top 3 (✓ relevant) |');
      out.push('| --- | --- | --- | ---: | ---: | ---: | --- |');
      for (const r of worst) {
        const top = r.gateway.ids.slice(0, 3).map((id, i) => `${r.gateway.rel[i] ? '✓' : '✗'} ${title(id)}`).join('<br>') || '(no hits)';
        out.push(`| ${clip(r.q.q)} | ${r.q.cls} | ${r.q.rival} (${r.q.risk}) | ${r.relevantInCorpus} | ${fmt(r.raw.p10)} | ${fmt(r.gateway.p10)} | ${top} |`);
      }
    }

    const examples = rows.filter((r) => r.q.cls === 'example');
    if (examples.length) {
      out.push("\n### The issue's examples (hand-picked: not in any average above)\n");
      out.push('| query | judged words | relevant in corpus | raw P@10 | gateway P@10 | gateway top 3 (✓ relevant) |');
      out.push('| --- | --- | ---: | ---: | ---: | --- |');
      for (const r of examples) {
        const top = r.gateway.ids.slice(0, 3).map((id, i) => `${r.gateway.rel[i] ? '✓' : '✗'} ${title(id)}`).join('<br>') || '(no hits)';
        // With no relevant document in the corpus, precision is undefined: shown as –.
        const p = (x: number) => (r.relevantInCorpus ? fmt(x) : '–');
        out.push(`| ${r.q.q} | ${r.q.judged.map((w) => w.word).join(' + ')} | ${r.relevantInCorpus} | ${p(r.raw.p10)} | ${p(r.gateway.p10)} | ${top} |`);
      }
    }

    // An audit trail for the judge: random hits of either side with the token that made them relevant.
    const audit = rng(Number(args.seed) + 7);
    const judgements = measured.flatMap((r) =>
      (['raw', 'gateway'] as const).flatMap((s) => r[s].ids.map((id) => ({ q: r.q, side: s, id }))),
    );
    out.push('\n### A random sample of 20 judgements (to audit the judge)\n');
    out.push('| query | judged words | side | hit title | family token found |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const j of sample(audit, judgements, 20)) {
      const d = byId.get(j.id);
      const found = j.q.judged.map((w, i) => (d && matchIn(`${d.title} ${d.body}`, w.lang, new Set(j.q.families[i]))) ?? `no family token of *${w.word}*`);
      out.push(`| ${clip(j.q.q)} | ${j.q.judged.map((w) => w.word).join(' + ')} | ${j.side} | ${title(j.id)} | ${found.join(', ')} |`);
    }

    const line = langs
      .map((l) => `${l}: gateway P@10 ${fmt(summary[`${l}.all`]!.gatewayP10)} vs raw ${fmt(summary[`${l}.all`]!.rawP10)} (nDCG@10 ${fmt(summary[`${l}.all`]!.gatewayNdcg)} vs ${fmt(summary[`${l}.all`]!.rawNdcg)})`)
      .join('; ');
    const head = [
      '# Precision benchmark',
      '',
      `Run ${new Date().toISOString().slice(0, 10)}, seed ${args.seed}, ${measured.length} queries (+ ${examples.length} examples from the issue), ${all.length} documents (corpus + seeds + ${pairDocs.length} minimal-pair documents).`,
      'Raw: Meilisearch 1.21 defaults on the documents as given (the request of bench/lib/raw.ts). Gateway: src/search/service.ts, no language given (detected from the query);',
      'gateway+lang: with the language filter of the query\'s language (its denominator counts that language\'s documents only).',
      'P@10 is normalised: relevant hits in the top 10 / min(10, relevant documents in the corpus). A hit is relevant when its title or body holds',
      'a word of the family (the word or its inflections) of every content word of the query; filler is not judged; an ASCII-typed or misspelt',
      'query is judged by the word it was derived from.',
    ];
    const report = [...head, ...out, '', `summary: ${line}; ${((Date.now() - started) / 1000).toFixed(0)} s`, ''].join('\n');
    process.stdout.write(report);
    await mkdir(args.out!, { recursive: true });
    await writeFile(path.join(args.out!, `${args.label}.md`), report);
    await writeFile(
      path.join(args.out!, `${args.label}.json`),
      JSON.stringify(
        {
          seed: args.seed,
          perLang,
          summary,
          queries: rows.map((r) => ({
            lang: r.q.lang,
            cls: r.q.cls,
            q: r.q.q,
            judged: r.q.judged.map((w) => w.word),
            rival: r.q.rival,
            risk: r.q.risk,
            relevantInCorpus: r.relevantInCorpus,
            raw: { p10: r.raw.p10, ndcg: r.raw.ndcg, ids: r.raw.ids },
            gateway: { p10: r.gateway.p10, ndcg: r.gateway.ndcg, ids: r.gateway.ids },
            ...(r.withLang ? { withLang: { p10: r.withLang.p10, ndcg: r.withLang.ndcg, ids: r.withLang.ids } } : {}),
          })),
        },
        null,
        1,
      ),
    );
  } finally {
    await conn.close();
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
