import { languageConfig } from './config.ts';
import { splitAtApostrophes, stripApostropheSuffix, stripPossessive } from './filters/apostrophe.ts';
import { lowerCase, turkishLowerCase } from './filters/lowercase.ts';
import { asciiExactForm, exactForm, rootCode } from './filters/exact.ts';
import { foldsToOtherWord, isBroadRoot, isSharedFold, isTwinWord, sharedFoldRoot } from './filters/lemma-tr.ts';
import { buildAltStemmer, buildFoldedStemmer, buildHeadwordCheck, buildStemmer, buildWordCheck, type Stemmer } from './filters/stem.ts';
import { memoByWord } from './filters/memo.ts';
import { buildStopSet, removeStopWords, type StopListSpec } from './filters/stop.ts';

export type TokenFilter = (tokens: string[]) => string[];

export interface LanguageSpec extends StopListSpec {
  label: string;
  chain: string[];
  stemmer?: string;
}

export interface Analyzer {
  lang: string;
  /** The filters in order, for documents. */
  filters: TokenFilter[];
  /** The same chain without stop-word removal: queries decide about stop words themselves. */
  normalize: TokenFilter[];
  lower: (s: string) => string;
  stop: ReadonlySet<string>;
  /** Analysed term → stem (ASCII-folded), for the stem fields and query stems. */
  stem: Stemmer;
  /** The stem of a term written in capitals with an ASCII `I` (filters/stem.ts buildFoldedStemmer). */
  foldedStem: Stemmer;
  /** Further stems the index also stores for the term (filters/stem.ts buildAltStemmer). */
  altStems: (term: string) => string[];
  /** Whether the stemmer's dictionary knows the term. */
  isWord: (term: string) => boolean;
  /** Whether the dictionary lists the term as it is (one lookup, no analysis). */
  isHeadword: (term: string) => boolean;
  /** Term → its exact spelling for the `*_exact` fields (filters/exact.ts), if it needs one. */
  exact: (term: string) => string | undefined;
  /**
   * Term → the code of its root as spelled, also in the `*_exact` fields, where its folded stem
   * stands for several words (Turkish: `ölecek` → `qroxlq`, öl not ol); undefined otherwise.
   */
  rootCode: (term: string) => string | undefined;
}

// Each filter named in config/languages.json, built for one language's spec.
const FILTERS: Record<string, (spec: StopListSpec, lower: (s: string) => string) => TokenFilter> = {
  apostrophe: () => stripApostropheSuffix,
  possessive: () => stripPossessive,
  'apostrophe-split': () => splitAtApostrophes,
  'turkish-lowercase': () => (t) => t.map(turkishLowerCase),
  // lowerCase drops U+0307, so a token of combining dots alone would become ''.
  lowercase: () => (t) => t.map(lowerCase).filter((w) => w.length > 0),
  stop: (spec, lower) => {
    const set = buildStopSet(spec, lower);
    return (t) => removeStopWords(t, set);
  },
};

function buildAnalyzer(lang: string, spec: LanguageSpec): Analyzer {
  const lower = spec.chain.includes('turkish-lowercase') ? turkishLowerCase : lowerCase;
  const build = (name: string): TokenFilter => {
    const make = FILTERS[name];
    if (!make) throw new Error(`config/languages.json: unknown filter "${name}" for ${lang}`);
    return make(spec, lower);
  };
  return {
    lang,
    filters: spec.chain.map(build),
    normalize: spec.chain.filter((n) => n !== 'stop').map(build),
    lower,
    stop: spec.chain.includes('stop') ? buildStopSet(spec, lower) : new Set(),
    stem: buildStemmer(spec.stemmer ?? 'none'),
    foldedStem: buildFoldedStemmer(spec.stemmer ?? 'none'),
    altStems: buildAltStemmer(spec.stemmer ?? 'none'),
    isWord: buildWordCheck(spec.stemmer ?? 'none'),
    isHeadword: buildHeadwordCheck(spec.stemmer ?? 'none'),
    // Turkish text also marks ASCII words that have a Turkish-letter twin (`sis` beside `şiş`).
    exact: spec.chain.includes('turkish-lowercase') ? (t) => exactForm(t) ?? asciiExactForm(t, isTwinWord) : exactForm,
    rootCode: spec.stemmer === 'lexicon-tr' ? memoByWord((t) => {
      const root = sharedFoldRoot(t);
      return root === undefined ? undefined : rootCode(root);
    }) : () => undefined,
  };
}

/**
 * Per analysed term, whether it was typed in capitals with an ASCII `I` (`ŞIKE`, `SEÇIM`), where
 * Turkish lower-casing wrote `ı` though it may stand for `i`: such a term's letters are not taken
 * as written. Known only where the chain kept one term per token; otherwise none is.
 */
export function typedWithCapitalI(tokens: readonly string[], normalized: readonly string[]): boolean[] {
  return normalized.length === tokens.length ? tokens.map((t) => t.includes('I')) : normalized.map(() => false);
}

/**
 * Whether a query asks for a term's exact spelling (query.ts), and so whether the index needs
 * it: in Turkish only where the spelling tells documents of one stem apart, a word the lexicon
 * does not know (a name, a misspelling), a broad root (a verb, a verbal noun: `yap`,
 * `yapılma`), or a fold shared with another word (`kır`/`kir`, `kısmı` → kısmi). A noun root's
 * inflections are one word, so their spelling is not asked for. `root`: the stem searched for
 * the term (the index's is its own stem), undefined when none is.
 */
export function spellingMatters(analyzer: Analyzer, term: string, root: string | undefined): boolean {
  if (analyzer.lang !== 'tr' || !analyzer.isWord(term)) return true;
  return root === undefined || isBroadRoot(root) || tellsFoldApart(analyzer, term, root);
}

/**
 * A Turkish lexicon word whose spelling tells it from another word under Meilisearch's fold:
 * its root's fold is shared, or the word itself folds to another word, and it has an exact
 * spelling to ask for (a word with Turkish letters, or an ASCII word with a twin).
 */
export function tellsFoldApart(analyzer: Analyzer, term: string, root: string | undefined): boolean {
  if (analyzer.lang !== 'tr' || !analyzer.isWord(term) || root === undefined) return false;
  return (isSharedFold(root) || foldsToOtherWord(term)) && analyzer.exact(term) !== undefined;
}

/**
 * The stems the index stores for a term: its stem and its further stems (the reading of its
 * ASCII-typed form, a plural's verb), or its folded stem alone when typed with a capital `I`.
 */
export function termStems(analyzer: Analyzer, term: string, capitalI: boolean): string[] {
  return capitalI ? [analyzer.foldedStem(term)] : [analyzer.stem(term), ...analyzer.altStems(term)];
}

const languages = languageConfig.languages as Record<string, LanguageSpec>;
const analyzers = new Map(Object.entries(languages).map(([lang, spec]) => [lang, buildAnalyzer(lang, spec)]));
const fallback = buildAnalyzer('und', {
  label: 'other',
  chain: languageConfig.fallbackChain,
  stemmer: languageConfig.fallbackStemmer,
});

/** The analyzer for a language; languages without a configured chain get the neutral one. */
export function analyzerFor(lang: string | undefined): Analyzer {
  return (lang && analyzers.get(lang)) || fallback;
}

export function languageLabel(lang: string): string | undefined {
  return languages[lang]?.label;
}

export function runChain(tokens: string[], filters: TokenFilter[]): string[] {
  let out = tokens;
  for (const f of filters) out = f(out);
  return out;
}
