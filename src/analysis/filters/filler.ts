import bundled from '../../../config/filler.json' with { type: 'json' };
import { foldCase } from './fold.ts';

export interface FillerList {
  /** Single words that never name a topic in a query (`haberleri`, `news`). */
  words: string[];
  /** Word sequences that pad a query only together (`son dakika`: `dakika` alone is a word). */
  phrases: string[];
}

export interface FillerConfig {
  languages: Record<string, FillerList>;
}

/** For each token, whether it is filler. Tokens are compared lower-cased and ASCII-folded. */
export type FillerMatcher = (tokens: string[], lang: string) => boolean[];

interface Compiled {
  words: Set<string>;
  phrases: string[][];
}

function compile(lists: FillerList[]): Compiled {
  return {
    words: new Set(lists.flatMap((l) => l.words.map(foldCase))),
    // Longest first, so `breaking news` wins over `news` alone (either way both words go).
    phrases: lists.flatMap((l) => l.phrases.map((p) => p.split(/\s+/u).map(foldCase))).sort((a, b) => b.length - a.length),
  };
}

/**
 * A matcher over the given lists. A query whose language is unknown is checked against every
 * language's list: filler words of the two languages do not collide with each other's topics
 * (`son` is `last` in Turkish but `son` in English, so English queries keep it).
 */
export function buildFillerMatcher(config: FillerConfig): FillerMatcher {
  const perLang = new Map(Object.entries(config.languages).map(([lang, list]) => [lang, compile([list])]));
  const all = compile(Object.values(config.languages));
  return (tokens, lang) => {
    const list = perLang.get(lang) ?? all;
    const folded = tokens.map(foldCase);
    const mask = folded.map((t) => list.words.has(t));
    for (const phrase of list.phrases) {
      for (let i = 0; i + phrase.length <= folded.length; i++) {
        if (phrase.every((w, k) => folded[i + k] === w)) for (let k = 0; k < phrase.length; k++) mask[i + k] = true;
      }
    }
    return mask;
  };
}

export const isFiller: FillerMatcher = buildFillerMatcher(bundled as FillerConfig);

/**
 * The words a query searches for, and those it drops: stop words and filler go, unless
 * nothing else is left. Then filler is searched (`haberler` alone finds news), and a query of
 * stop words alone is searched as typed. `hasPhrases`: a quoted phrase is content enough.
 */
export function contentWords(
  tokens: string[],
  stop: ReadonlySet<string>,
  lang: string,
  hasPhrases: boolean,
  filler: FillerMatcher = isFiller,
): { terms: string[]; dropped: string[] } {
  const fill = filler(tokens, lang);
  const isStop = tokens.map((t) => stop.has(t));
  const pick = (keep: (i: number) => boolean) => ({
    terms: tokens.filter((_, i) => keep(i)),
    dropped: tokens.filter((_, i) => !keep(i)),
  });
  const content = pick((i) => !isStop[i] && !fill[i]);
  if (content.terms.length > 0 || hasPhrases) return content;
  const fillerOnly = pick((i) => !isStop[i]);
  if (fillerOnly.terms.length > 0) return fillerOnly;
  return { terms: tokens, dropped: [] };
}
