// Words are runs of letters, marks and digits; an apostrophe inside a word stays,
// because the Turkish suffix rule (apostrophe filter) needs to see `İstanbul'da` whole.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019\u02BC][\p{L}\p{M}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return text.normalize('NFC').match(WORD) ?? [];
}
