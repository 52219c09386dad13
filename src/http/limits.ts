/** Largest JSON body the admin routes take (MAX_BODY_BYTES). */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
/** Bodies anyone may send (the /meili search surface): a search request is a few kB. */
export const PUBLIC_BODY_LIMIT = 64 * 1024;
