import * as stopword from 'stopword';

export interface StopListSpec {
  /** Name of a list in the `stopword` package (ISO 639-3: `tur`, `eng`). */
  stopwords?: string;
  /** Words the package lists but that are content words for news search. */
  keep?: string[];
  extraStopwords?: string[];
}

/** Builds the stop set once; `lower` must be the same casing the chain applies to tokens. */
export function buildStopSet(spec: StopListSpec, lower: (s: string) => string): Set<string> {
  const lists = stopword as unknown as Record<string, string[] | undefined>;
  const base = spec.stopwords ? lists[spec.stopwords] : undefined;
  if (spec.stopwords && !base) throw new Error(`unknown stopword list "${spec.stopwords}"`);
  const keep = new Set((spec.keep ?? []).map(lower));
  const words = [...(base ?? []), ...(spec.extraStopwords ?? [])].map(lower);
  return new Set(words.filter((w) => !keep.has(w)));
}

export function removeStopWords(tokens: string[], stop: ReadonlySet<string>): string[] {
  return tokens.filter((t) => !stop.has(t));
}
