// Text from outside (documents, queries) may hold what JSON can carry but Meilisearch
// cannot take, or what only hides text: lone UTF-16 surrogates (invalid Unicode, refused by
// Meilisearch's JSON parser) and control characters (NUL, escape, bidi-free C0/C1 codes).
const CONTROLS = /[\p{Cc}--[\t\n\r]]/gv;

/** Lone surrogates become U+FFFD, control characters (but tab and line breaks) a space; then NFC. */
export function cleanText(s: string): string {
  return s.toWellFormed().replace(CONTROLS, ' ').normalize('NFC');
}
