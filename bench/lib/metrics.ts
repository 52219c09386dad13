export interface Judged {
  /** 1-based rank of the wanted document in the top 10, or 0 when absent. */
  rank: number;
}

export function mrrAt10(results: Judged[]): number {
  if (results.length === 0) return 0;
  return results.reduce((s, r) => s + (r.rank > 0 && r.rank <= 10 ? 1 / r.rank : 0), 0) / results.length;
}

export function recallAt10(results: Judged[]): number {
  if (results.length === 0) return 0;
  return results.filter((r) => r.rank > 0 && r.rank <= 10).length / results.length;
}

/** Share of the first k results that are relevant, averaged over queries. */
export function precisionAt(k: number, relevance: boolean[][]): number {
  if (relevance.length === 0) return 0;
  return relevance.reduce((s, rel) => s + rel.slice(0, k).filter(Boolean).length / k, 0) / relevance.length;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Relevant hits in the top 10 over the most the page can hold: min(10, relevant documents in the corpus). */
export function normalisedPrecisionAt10(relevance: boolean[], relevantInCorpus: number): number {
  const ideal = Math.min(10, relevantInCorpus);
  return ideal === 0 ? 0 : relevance.slice(0, 10).filter(Boolean).length / ideal;
}

/** nDCG@10 with binary gains; the ideal page has min(10, relevant in corpus) relevant hits on top. */
export function ndcgAt10(relevance: boolean[], relevantInCorpus: number): number {
  const gain = (rel: boolean[]) => rel.slice(0, 10).reduce((s, r, i) => s + (r ? 1 / Math.log2(i + 2) : 0), 0);
  const ideal = gain(Array.from({ length: Math.min(10, relevantInCorpus) }, () => true));
  return ideal === 0 ? 0 : gain(relevance) / ideal;
}
