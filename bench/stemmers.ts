// npm run bench:stemmers — the relevance benchmark once per stemming option, each on its own
// project index built with that option (ANALYSIS_CONFIG), so the stemmer is chosen by numbers.
// Takes about 3–4 minutes per option on two cores; results in bench/results/stemmers.md.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import base from '../config/languages.json' with { type: 'json' };

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const WORK = path.join(ROOT, 'data', 'bench-stemmers');

// [name, Turkish stemmer, English stemmer]
const VARIANTS: [string, string, string][] = [
  ['none', 'none', 'none'],
  ['prefix4', 'prefix:4', 'plural-prefix:4'],
  ['prefix5', 'prefix:5', 'plural-prefix:5'],
  ['prefix6', 'prefix:6', 'plural-prefix:6'],
  ['prefix5-en-plain', 'prefix:5', 'prefix:5'],
  ['snowball', 'snowball-tr', 'snowball-en'],
];

const { values: args } = parseArgs({ options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (args.help) {
  process.stdout.write(`Usage: npm run bench:stemmers -- [--only name,name]\nVariants: ${VARIANTS.map((v) => v[0]).join(', ')}\n`);
  process.exit(0);
}
const only = args.only?.split(',');

interface Result {
  summary: Record<string, { ourMrr: number; keep: number } | { ourP1: number; rawP1: number } | { queries: number }>;
}

await mkdir(WORK, { recursive: true });
const rows: string[] = [];
for (const [name, tr, en] of VARIANTS) {
  if (only && !only.includes(name)) continue;
  const config = structuredClone(base);
  config.languages.tr.stemmer = tr;
  config.languages.en.stemmer = en;
  const configFile = path.join(WORK, `${name}.json`);
  await writeFile(configFile, JSON.stringify(config, null, 2));
  process.stderr.write(`\n== ${name}: tr ${tr}, en ${en}\n`);
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'relevance.ts'), '--project-index', `bench_stem_${name.replace(/-/g, '_')}`, '--label', name, '--out', WORK],
    { cwd: ROOT, env: { ...process.env, ANALYSIS_CONFIG: configFile, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (run.status !== 0) throw new Error(`${name}: bench:relevance exited with ${run.status}`);
  const r = JSON.parse(await readFile(path.join(WORK, `${name}.json`), 'utf8')) as Result;
  const s = r.summary as Record<string, { ourMrr: number; keep: number }>;
  const worst = (lang: string) => Math.min(...Object.entries(s).filter(([k]) => k.startsWith(`${lang}.`)).map(([, v]) => v.keep));
  const p = r.summary.precision as { ourP1: number };
  const fewer = r.summary.fewerThanRaw as { queries: number };
  const f = (n: number) => n.toFixed(3);
  rows.push(
    `| ${name} | ${tr} / ${en} | ${f(s['tr.exact']!.ourMrr)} | ${f(s['tr.inflected']!.ourMrr)} | ${f(s['tr.ascii-inflected']!.ourMrr)} | ${f(worst('tr'))} | ${f(s['en.exact']!.ourMrr)} | ${f(s['en.number-swap']!.ourMrr)} | ${f(worst('en'))} | ${f(p.ourP1)} | ${fewer.queries} | ${((Date.now() - started) / 1000).toFixed(0)} s |`,
  );
}
const report = [
  '# Stemmer comparison',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} with bench:relevance (same seed and queries for every option; 200 documents per language). MRR@10 of the gateway; "worst keep" is the lowest ratio of a perturbed class to the exact class; "fewer" counts queries where the gateway found fewer documents than raw Meilisearch.`,
  '',
  '| option | tr / en stemmer | tr exact | tr inflected | tr ascii-inflected | tr worst keep | en exact | en number-swap | en worst keep | exact-form P@1 | fewer | time |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
].join('\n');
process.stdout.write(report);
if (!only) await writeFile(path.join(HERE, 'results', 'stemmers.md'), report);
