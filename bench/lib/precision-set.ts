// The judged query set of bench:precision: the queries, the ids of the documents relevant to
// each and the family tokens of each query word. Building it (judge index, at-risk words) takes
// minutes on a busy machine and depends only on the corpus, the seed and the judge's code, so
// it is kept in data/bench-precision/ under a digest of all of them: a rerun after a change to
// the search code reuses it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusDoc } from './corpus.ts';
import { Judge } from './judge.ts';
import { precisionQueries, type PrecisionQuery } from './precision-queries.ts';
import { rng } from './rng.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const EXAMPLES = path.join(HERE, '..', 'data', 'issue-examples.json');
const JUDGE_SOURCES = ['text.ts', 'judge.ts', 'morph-tr.ts', 'morph-en.ts', 'precision-queries.ts', 'precision-set.ts', 'rng.ts'].map((f) => path.join(HERE, f));

export interface JudgedQuery extends PrecisionQuery {
  /** Ids of the corpus documents relevant to the query. */
  relevant: string[];
  /** How many of them are in the query's language (the denominator when filtering by language). */
  relevantInLang: number;
  /** For each judged word, the corpus tokens of its family (for showing what matched). */
  families: string[][];
}

async function digest(files: string[], params: unknown): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(params));
  for (const f of files) {
    const s = await stat(f);
    hash.update(`${path.basename(f)}:${s.size}:${s.mtimeMs}`);
  }
  for (const f of [...JUDGE_SOURCES, path.join(HERE, '..', 'data', 'query-filler.json'), EXAMPLES]) hash.update(await readFile(f));
  hash.update(JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).dependencies['@orama/stemmers']);
  return hash.digest('hex').slice(0, 16);
}

export async function judgedQueries(opts: {
  docs: CorpusDoc[];
  files: string[];
  seed: number;
  perLang: number;
  langs: ('tr' | 'en')[];
  cacheDir?: string;
  rebuild?: boolean;
}): Promise<{ queries: JudgedQuery[]; reused: boolean }> {
  const cacheDir = opts.cacheDir ?? path.join(ROOT, 'data', 'bench-precision');
  const key = await digest(opts.files, { seed: opts.seed, perLang: opts.perLang, langs: opts.langs });
  const file = path.join(cacheDir, `${key}.json`);
  if (!opts.rebuild) {
    const cached = await readFile(file, 'utf8').catch(() => undefined);
    if (cached) return { queries: JSON.parse(cached) as JudgedQuery[], reused: true };
  }
  const judge = new Judge(opts.docs);
  const queries: JudgedQuery[] = [];
  opts.langs.forEach((lang) => {
    // One stream per language, so that --lang en draws the same English queries as a full run.
    const rand = rng(opts.seed + (lang === 'tr' ? 0 : 1));
    for (const q of precisionQueries(lang, opts.perLang, rand, judge)) {
      const relevant = [...judge.relevant(q.judged)];
      queries.push({
        ...q,
        relevant: relevant.map((i) => judge.docs[i]!.id),
        relevantInLang: relevant.filter((i) => judge.docs[i]!.lang === lang).length,
        families: q.judged.map((w) => judge.family(w)),
      });
    }
  });
  // The issue's own examples: judged the same way, reported apart (class `example`).
  const examples = JSON.parse(await readFile(EXAMPLES, 'utf8')) as { examples: { lang: 'tr' | 'en'; q: string; judged: string[] }[] };
  for (const e of examples.examples.filter((x) => opts.langs.includes(x.lang))) {
    const judged = e.judged.map((word) => ({ word, lang: e.lang }));
    const relevant = [...judge.relevant(judged)];
    queries.push({
      lang: e.lang,
      cls: 'example',
      q: e.q,
      judged,
      word: e.judged[0]!,
      rival: '',
      risk: 'example',
      relevant: relevant.map((i) => judge.docs[i]!.id),
      relevantInLang: relevant.filter((i) => judge.docs[i]!.lang === e.lang).length,
      families: judged.map((w) => judge.family(w)),
    });
  }
  await mkdir(cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify(queries));
  return { queries, reused: false };
}
