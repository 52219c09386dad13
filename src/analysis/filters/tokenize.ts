// Words are runs of letters, marks and digits; an apostrophe inside a word stays,
// because the Turkish suffix rule (apostrophe filter) needs to see `İstanbul'da` whole.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019\u02BC][\p{L}\p{M}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return text.normalize('NFC').match(WORD) ?? [];
}

export interface TokenSpan {
  token: string;
  /** UTF-16 offsets in the text as given (not normalized), so they index the original field. */
  start: number;
  end: number;
}

/** The same words as `tokenize`, with where they stand, read lazily; the text is not normalized first. */
export function* spansOf(text: string): Generator<TokenSpan> {
  for (const m of text.matchAll(WORD)) yield { token: m[0], start: m.index, end: m.index + m[0].length };
}

export function tokenSpans(text: string): TokenSpan[] {
  return [...spansOf(text)];
}
