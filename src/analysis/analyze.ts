import { analyzerFor, runChain, termStems, typedWithCapitalI, type Analyzer } from './chains.ts';
import { memoByWord } from './filters/memo.ts';
import { engineWords } from './filters/engine-words.ts';
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
  /** ASCII spellings of words with ı ş ç ğ ö ü, distinct (see filters/exact.ts). */
  exact: string;
}

/** What a document's analysis stores for one analysed term (stop words keep their exact spelling). */
interface TermForms {
  stop: boolean;
  /** termStems for a term not typed with a capital `I`. */
  stems: string[];
  exact: string | undefined;
  root: string | undefined;
}

interface WordCaches {
  /** The chain without stop-word removal on one token: every filter is token-local, so the chain on a text is this on each token. */
  normalizeWord: (token: string) => string[];
  formsOf: (term: string) => TermForms;
}

const caches = new WeakMap<Analyzer, WordCaches>();

/**
 * Per analyzer, a token's terms and a term's stored forms, each worked out once: news text is
 * Zipfian, and two lookups per word replace the chain's filters and four lookups of the
 * stemmers' own caches.
 */
function wordCaches(analyzer: Analyzer): WordCaches {
  let c = caches.get(analyzer);
  if (!c) {
    c = {
      normalizeWord: memoByWord((token) => runChain([token], analyzer.normalize)),
      formsOf: memoByWord((t) => ({ stop: analyzer.stop.has(t), stems: termStems(analyzer, t, false), exact: analyzer.exact(t), root: analyzer.rootCode(t) })),
    };
    caches.set(analyzer, c);
  }
  return c;
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
  const { normalizeWord, formsOf } = wordCaches(analyzer);
  const normalized = tokens.length === 1 ? normalizeWord(tokens[0]!) : tokens.flatMap(normalizeWord);
  const capitalI = typedWithCapitalI(tokens, normalized);
  // Stop words keep their exact spelling: `şu` (that) must still be told from `su` (water).
  // A word's further stems follow it. Root codes come after the word codes: both distinct,
  // both only rank.
  const all: string[] = [];
  const codes = new Set<string>();
  const roots = new Set<string>();
  normalized.forEach((t, i) => {
    const forms = formsOf(t);
    if (forms.exact) codes.add(forms.exact);
    if (forms.stop) return;
    if (capitalI[i]) all.push(analyzer.foldedStem(t));
    else {
      all.push(...forms.stems);
      if (forms.root) roots.add(forms.root);
    }
  });
  // A stem field adds only what the original field cannot match: a stem Meilisearch already
  // indexes as a word of the text (`deprem`, `election`: 70% of the corpus's stems) matches
  // there, in a field that ranks higher, and a repeated stem adds no match (ranking reads no
  // term frequency; the first position is kept). Both made the stem fields the larger part of
  // the engine's indexing work and disk (bench:index).
  const present = engineWords(text, undefined, at);
  const stems = [...new Set(all)].filter((s) => s !== '' && !present.has(s));
  const exact = [...codes, ...roots];
  return { stems: stemChunks(stems), exact: exact.slice(0, STEMS_PER_FIELD).join(FIELD_SEPARATOR) };
}

/** Stems as the strings of the stem fields: the first chunk hard-separated, the tail space-joined. */
export function stemChunks(stems: readonly string[]): string[] {
  const chunks: string[] = [];
  if (stems.length) chunks.push(stems.slice(0, STEMS_PER_FIELD).join(FIELD_SEPARATOR));
  for (let i = STEMS_PER_FIELD; i < stems.length; i += TAIL_STEMS_PER_FIELD) chunks.push(stems.slice(i, i + TAIL_STEMS_PER_FIELD).join(' '));
  return chunks;
}
