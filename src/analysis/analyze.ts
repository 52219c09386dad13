import { analyzerFor, runChain } from './chains.ts';
import { tokenize } from './filters/tokenize.ts';

/** Index-time analysis: the full chain of the document's language. */
export function analyzeText(text: string, lang: string): string[] {
  return runChain(tokenize(text), analyzerFor(lang).filters);
}

/** Analysed form stored beside the original field (space-joined terms). */
export function analyzedField(text: string | undefined, lang: string): string {
  return text ? analyzeText(text, lang).join(' ') : '';
}
