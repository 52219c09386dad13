// npm run bench:lang — query language of short queries: the 1,000 most frequent content words
// of each language in the shared corpus (by document frequency, stop words left out), typed in
// lower case as people type them, with and without the hunspell dictionary step; the Turkish
// ones that hold ç ğ ı ö ş ü again typed in ASCII; and two-word queries made of them.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzerFor, detectQueryLanguage, foldDiacritics, tokenSpans, UNDETERMINED } from '../src/analysis/index.ts';
import { dictionaryLoad, loadDictionaries } from '../src/analysis/lang-dict.ts';
import { loadCorpus, type CorpusDoc } from './lib/corpus.ts';
import { percentile } from './lib/metrics.ts';
import { rng } from './lib/rng.ts';

const TOP = 1000;
const PAIRS = 500;
const TARGET = 0.95;
const SENTENCE_END = /[.!?…:\n"“”]\s*$/;

interface Word {
  word: string;
  df: number;
  /** Written with a capital where no sentence starts, in most of its body occurrences. */
  name: boolean;
}

/** The most frequent content words of one language's documents, and which of them are names. */
function topWords(docs: CorpusDoc[], lang: string): Word[] {
  const a = analyzerFor(lang);
  const df = new Map<string, number>();
  const caps = new Map<string, [capital: number, inside: number]>();
  for (const d of docs) {
    const seen = new Set<string>();
    for (const text of [d.title, d.body]) {
      const spans = tokenSpans(text);
      spans.forEach((s, i) => {
        const base = s.token.split(/['\u2019]/)[0]!;
        const w = a.lower(base);
        if (w.length < 2 || /\d/.test(w) || a.stop.has(w)) return;
        seen.add(w);
        // Capitalisation counts only inside sentences of the body (titles are often capitalised).
        if (text === d.body && i > 0 && !SENTENCE_END.test(text.slice(spans[i - 1]!.end, s.start))) {
          const c = caps.get(w) ?? [0, 0];
          if (/^\p{Lu}/u.test(base)) c[0]++;
          c[1]++;
          caps.set(w, c);
        }
      });
    }
    for (const w of seen) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return [...df]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, TOP)
    .map(([word, n]) => {
      const [capital, inside] = caps.get(word) ?? [0, 0];
      return { word, df: n, name: inside > 0 && capital / inside >= 0.5 };
    });
}

interface Tally {
  n: number;
  right: number;
  und: number;
  wrong: number;
  /** Right, or a name left undetermined: the figure the target applies to. */
  ok: number;
  wrongExamples: string[];
  undExamples: string[];
}

function tally(items: { q: string; lang: string; name: boolean }[], dictionary: boolean): Tally {
  const t: Tally = { n: 0, right: 0, und: 0, wrong: 0, ok: 0, wrongExamples: [], undExamples: [] };
  for (const it of items) {
    const got = detectQueryLanguage(it.q, { dictionary }).lang;
    t.n++;
    if (got === it.lang) t.right++;
    else if (got === UNDETERMINED) {
      t.und++;
      if (!it.name && t.undExamples.length < 40) t.undExamples.push(it.q);
    }
    else {
      t.wrong++;
      if (t.wrongExamples.length < 12) t.wrongExamples.push(`${it.q}→${got}`);
    }
    if (got === it.lang || (it.name && got === UNDETERMINED)) t.ok++;
  }
  return t;
}

const pct = (x: number, n: number) => (n ? (x / n).toFixed(3) : '–');

async function main() {
  const corpus = await loadCorpus();
  const rand = rng(20261202);
  const rows: string[] = [];
  const misses: string[] = [];
  const unsure: string[] = [];
  let met = true;
  const load = (() => {
    loadDictionaries();
    return { ...dictionaryLoad };
  })();

  const all: string[] = [];
  for (const lang of ['tr', 'en'] as const) {
    const words = topWords(corpus.filter((d) => d.lang === lang && !d.id.startsWith('seed')), lang);
    const classes: [string, { q: string; lang: string; name: boolean }[]][] = [];
    classes.push([`top ${TOP}`, words.map((w) => ({ q: w.word, lang, name: w.name }))]);
    classes.push([`top ${TOP}, not names`, words.filter((w) => !w.name).map((w) => ({ q: w.word, lang, name: false }))]);
    classes.push([`top ${TOP}, names`, words.filter((w) => w.name).map((w) => ({ q: w.word, lang, name: true }))]);
    if (lang === 'tr') {
      const folded = words.filter((w) => foldDiacritics(w.word) !== w.word);
      classes.push([`ASCII-typed (${folded.length} with ç ğ ı ö ş ü)`, folded.map((w) => ({ q: foldDiacritics(w.word), lang, name: w.name }))]);
    }
    const content = words.filter((w) => !w.name);
    const pairs = Array.from({ length: PAIRS }, () => {
      const [a, b] = [content[Math.floor(rand() * content.length)]!, content[Math.floor(rand() * content.length)]!];
      return { q: `${a.word} ${b.word}`, lang, name: false };
    });
    classes.push([`${PAIRS} two-word queries`, pairs]);
    for (const [name, items] of classes) {
      const before = tally(items, false);
      const after = tally(items, true);
      rows.push(`| ${lang} | ${name} | ${items.length} | ${pct(before.right, before.n)} | ${pct(before.wrong, before.n)} | ${pct(after.right, after.n)} | ${pct(after.und, after.n)} | ${pct(after.wrong, after.n)} | **${pct(after.ok, after.n)}** |`);
      if (after.wrongExamples.length) misses.push(`- ${lang}, ${name}: ${after.wrongExamples.join(', ')}`);
      if (name.endsWith('not names') && after.undExamples.length) unsure.push(`- ${lang}: ${after.undExamples.join(', ')}`);
      if (name === `top ${TOP}` && after.ok / after.n < TARGET) met = false;
    }
    all.push(...words.map((w) => w.word));
  }

  // Cost once loaded: one detection per top word, repeated (the cache is warm after round one).
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of all) {
      const t = process.hrtime.bigint();
      detectQueryLanguage(q);
      times.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }
  times.sort((a, b) => a - b);

  const report = [
    `# Query language benchmark`,
    ``,
    `Run ${new Date().toISOString().slice(0, 10)} (Node ${process.version}) on the shared corpus, \`npm run bench:lang\`. Words: the ${TOP} most frequent`,
    `of each language by document frequency, stop words, digits and one-letter words left out, typed in lower case.`,
    `"Names": written with a capital inside sentences in at least half of their body occurrences; they may stay \`und\`.`,
    `Before = letters, stop words, endings and tinyld n-grams; after = the same with the hunspell dictionaries (dictionary-tr, dictionary-en via nspell) before n-grams.`,
    `**ok** = right language, or a name left \`und\` (target ≥ ${TARGET} on the top ${TOP}: ${met ? 'met' : 'NOT met'}).`,
    ``,
    `| lang | words | n | before: right | before: wrong | after: right | after: und | after: wrong | after: ok |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows,
    ``,
    `Dictionaries: loaded in ${load.ms.toFixed(0)} ms, heap +${(load.heapBytes / 2 ** 20).toFixed(0)} MiB (once per process, on the first short query). Detection of one word, dictionaries loaded: p50 ${percentile(times, 50).toFixed(1)} µs, p99 ${percentile(times, 99).toFixed(1)} µs (timings on a shared 2-core machine: noisy).`,
    ``,
    `Wrong language after (first 12 per class):`,
    ``,
    ...misses,
    ``,
    `Undetermined after, not names (first 40 per language):`,
    ``,
    ...unsure,
    '',
  ].join('\n');
  process.stdout.write(report);
  await writeFile(path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'lang.md'), report);
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack}\n`);
  process.exit(1);
});
