/** Bodies anyone may send (the /meili search surface): a search request is a few kB. */
export const PUBLIC_BODY_LIMIT = 64 * 1024;
