// npm run bench:filler — the evidence behind config/filler.json: how often each word of the
// written query log (bench/data/query-log.txt) pads queries about different topics, and its
// document frequency in each half of the corpus; and the corpus words above the document-
// frequency line that are neither stop words nor filler, with why they stay.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzerFor, detectQueryLanguage, tokenize } from '../src/analysis/index.ts';
import { isFiller } from '../src/analysis/filters/filler.ts';
import { loadCorpus } from './lib/corpus.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** A word in more than this share of a language's documents carries no topic on its own. */
const HIGH_DF = 0.2;

async function main() {
  const corpus = await loadCorpus();
  const df: Record<string, Map<string, number>> = {};
  const size: Record<string, number> = {};
  for (const lang of ['tr', 'en']) {
    const a = analyzerFor(lang);
    const docs = corpus.filter((d) => d.lang === lang);
    const counts = new Map<string, number>();
    for (const d of docs) {
      for (const w of new Set(tokenize(`${d.title} ${d.body}`).map((t) => a.lower(t.split(/['\u2019]/)[0]!)))) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    df[lang] = counts;
    size[lang] = docs.length;
  }
  const share = (lang: string, w: string) => (df[lang]!.get(w) ?? 0) / size[lang]!;

  // Query log: per word, the queries it is in and the other words it stands beside.
  const log = (await readFile(path.join(HERE, 'data', 'query-log.txt'), 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const seen = new Map<string, { lang: string; queries: number; beside: Set<string>; filler: boolean; stop: boolean }>();
  for (const q of log) {
    const lang = detectQueryLanguage(q).lang;
    const a = analyzerFor(lang);
    const words = tokenize(q).map((t) => a.lower(t.split(/['\u2019]/)[0]!));
    const filler = isFiller(words, lang);
    words.forEach((w, i) => {
      const s = seen.get(w) ?? { lang, queries: 0, beside: new Set<string>(), filler: false, stop: a.stop.has(w) };
      s.queries++;
      s.filler ||= filler[i]!;
      for (const o of words) if (o !== w && !a.stop.has(o) && !isFiller([o], lang)[0]) s.beside.add(o);
      seen.set(w, s);
    });
  }
  const logRows = [...seen]
    .filter(([, s]) => s.queries >= 2 || s.filler)
    .sort((x, y) => Number(y[1].filler) - Number(x[1].filler) || y[1].queries - x[1].queries || x[0].localeCompare(y[0]))
    .map(([w, s]) => `| ${w} | ${s.lang} | ${s.queries} | ${s.beside.size} | ${(100 * share('tr', w)).toFixed(1)}% | ${(100 * share('en', w)).toFixed(1)}% | ${s.stop ? 'stop word' : s.filler ? '**filler**' : '–'} |`);

  const high: string[] = [];
  for (const lang of ['tr', 'en']) {
    const a = analyzerFor(lang);
    const words = [...df[lang]!]
      .filter(([w, n]) => n / size[lang]! > HIGH_DF && !/\d/.test(w) && !a.stop.has(w) && !isFiller([w], lang)[0])
      .sort((x, y) => y[1] - x[1])
      .map(([w, n]) => `${w} ${((100 * n) / size[lang]!).toFixed(0)}%`);
    high.push(`- ${lang}: ${words.join(', ')}`);
  }

  const report = [
    `# Query filler evidence`,
    ``,
    `Run ${new Date().toISOString().slice(0, 10)}, \`npm run bench:filler\`: ${log.length} queries of bench/data/query-log.txt (written by this project), document frequencies over the shared corpus (${size.tr} tr, ${size.en} en documents).`,
    `"Beside": distinct content words the word stands beside in the log (filler pads many topics). Words seen in at least two queries, and every filler word.`,
    ``,
    `| word | query lang | queries | beside | df tr | df en | class |`,
    `| --- | --- | ---: | ---: | ---: | ---: | --- |`,
    ...logRows,
    ``,
    `Corpus words in more than ${100 * HIGH_DF}% of their language's documents that are neither stop words nor filler: they are not typed as padding in the log, and some name a topic in a phrase (\`new york\`, \`ilk yardım\`), so they stay searchable words (Meilisearch's \`words\` rule and ranking handle their weight):`,
    ``,
    ...high,
    '',
  ].join('\n');
  process.stdout.write(report);
  await writeFile(path.join(HERE, 'results', 'filler.md'), report);
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack}\n`);
  process.exit(1);
});
