// The one text-analysis module: the indexer and the gateway both import from here.
export { analyzeText, analyzedField } from './analyze.ts';
export { analyzerFor, configuredLanguages, languageLabel } from './chains.ts';
export { detectLanguage, detectQueryLanguage, UNDETERMINED, type LanguageGuess } from './detect-lang.ts';
export { foldDiacritics } from './filters/fold.ts';
export { lowerCase, turkishLowerCase } from './filters/lowercase.ts';
export { tokenize } from './filters/tokenize.ts';
export { rewriteQuery, MEILI_MAX_QUERY_WORDS, type QueryRewrite } from './query.ts';
