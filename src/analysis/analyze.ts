import { analyzerFor, runChain, spellingMatters, termStems, typedWithCapitalI, type Analyzer } from './chains.ts';
import { memoByWord } from './filters/memo.ts';
import { engineWords } from './filters/engine-words.ts';
import { exactForms, hasFoldableLetter } from './filters/exact.ts';
import { tokenize, tokenSpans, type TokenSpan } from './filters/tokenize.ts';

/** Index-time analysis: the full chain of the document's language. */
export function analyzeText(text: string, lang: string): string[] {
  return runChain(tokenize(text), analyzerFor(lang).filters);
}

/**
 * What stands between the words of a stem or exact field. Meilisearch puts 8 positions
 * across a hard separator, past its proximity window (word pairs up to 7 apart), so it
 * stores no word pairs for these fields: word-pair proximity was the largest part of its
 * indexing time and disk (bench:index), and the original title and body keep theirs, which
 * is what phrases and the proximity rule need.
 */
export const FIELD_SEPARATOR = '. ';

/**
 * Meilisearch indexes at most 65,535 word positions per attribute and silently ignores
 * the rest. A stem takes 8 positions in the first chunk (FIELD_SEPARATOR), so stems are cut
 * into chunks that each fit one attribute: the first holds this many; the end of a long
 * article stays searchable.
 */
export const STEMS_PER_FIELD = 8_000;

/**
 * Stems in each further chunk, joined by spaces (one position each): only a body with more
 * than STEMS_PER_FIELD distinct stems pays Meilisearch's word pairs for its tail, and four
 * chunks keep 188,000 stems searchable, not 32,000.
 */
export const TAIL_STEMS_PER_FIELD = 60_000;

export interface AnalysedField {
  /**
   * Stems of the content words (stop words removed) that the original field does not already
   * hold as words, each once, in order of first use: `seçimlerde` → `secim`; one string per chunk.
   */
  stems: string[];
  /** ASCII spellings of words with ı ş ç ğ ö ü that a query can ask for, distinct (see filters/exact.ts). */
  exact: string;
}

const spellings = new Map<string, (t: string) => string | undefined>();

/** A term's exact spelling as the index stores it: only where a query can ask for it. */
function indexedSpelling(analyzer: Analyzer): (t: string) => string | undefined {
  let f = spellings.get(analyzer.lang);
  if (!f) {
    // Memoised: the rule reads the stem and the lexicon (+20% of a document's analysis unmemoised).
    const kept = memoByWord((t: string) => (spellingMatters(analyzer, t, analyzer.stem(t) || undefined) ? analyzer.exact(t) : undefined), 50_000);
    f = (t) => (hasFoldableLetter(t) ? kept(t) : analyzer.exact(t));
    spellings.set(analyzer.lang, f);
  }
  return f;
}

/**
 * The searchable forms stored beside an original field; the original is never altered.
 * `spans`, when given, are `tokenSpans(text)`.
 */
export function analyzeField(text: string | undefined, lang: string, spans?: readonly TokenSpan[]): AnalysedField {
  if (!text) return { stems: [], exact: '' };
  const analyzer = analyzerFor(lang);
  // One pass of the word pattern serves the analysis and engineWords (and, through `spans`,
  // the caller's suggestion terms); a text not in NFC is tokenized normalized.
  const at = spans ?? tokenSpans(text);
  const tokens = text.normalize('NFC') === text ? at.map((s) => s.token) : tokenize(text);
  const normalized = runChain(tokens, analyzer.normalize);
  const capitalI = typedWithCapitalI(tokens, normalized);
  const content = normalized.map((t, i) => ({ t, capital: capitalI[i]! })).filter(({ t }) => !analyzer.stop.has(t));
  // Stop words keep their exact spelling: `şu` (that) must still be told from `su` (water).
  // A word's further stems follow it.
  const all = content.flatMap(({ t, capital }) => termStems(analyzer, t, capital));
  // A stem field adds only what the original field cannot match: a stem Meilisearch already
  // indexes as a word of the text (`deprem`, `election`: 70% of the corpus's stems) matches
  // there, in a field that ranks higher, and a repeated stem adds no match (ranking reads no
  // term frequency; the first position is kept). Both made the stem fields the larger part of
  // the engine's indexing work and disk (bench:index).
  const present = engineWords(text, undefined, at);
  const stems = [...new Set(all)].filter((s) => s !== '' && !present.has(s));
  // Root codes after the word codes: both distinct, both only rank.
  // Only spellings a query can ask for (spellingMatters): in Turkish not a noun's inflections,
  // 56% of the codes, which no query reads and which cost the engine 7% of its indexing time
  // (the corpus built beforehand, pushed three times each way: 59.5 → 55.5 s).
  const exact = [...exactForms(normalized, indexedSpelling(analyzer)), ...exactForms(content.filter((c) => !c.capital).map((c) => c.t), analyzer.rootCode)];
  return { stems: stemChunks(stems), exact: exact.slice(0, STEMS_PER_FIELD).join(FIELD_SEPARATOR) };
}

/** Stems as the strings of the stem fields: the first chunk hard-separated, the tail space-joined. */
export function stemChunks(stems: readonly string[]): string[] {
  const chunks: string[] = [];
  if (stems.length) chunks.push(stems.slice(0, STEMS_PER_FIELD).join(FIELD_SEPARATOR));
  for (let i = STEMS_PER_FIELD; i < stems.length; i += TAIL_STEMS_PER_FIELD) chunks.push(stems.slice(i, i + TAIL_STEMS_PER_FIELD).join(' '));
  return chunks;
}
