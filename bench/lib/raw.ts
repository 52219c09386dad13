// What a raw Meilisearch user asks for to draw the same things as the gateway: one place, so
// bench:http and the load test compare against the same requests.

/** A result page: 10 hits, the language facet, highlights and a 30-word crop (as GET /search?facets=lang). */
export const rawSearchBody = (q: string) => ({ q, limit: 10, facets: ['lang'], attributesToHighlight: ['title', 'body'], attributesToCrop: ['body'], cropLength: 30 });

/** A search box: 8 titles for a prefix (as GET /suggest). */
export const rawSuggestBody = (q: string) => ({ q, limit: 8, attributesToRetrieve: ['id', 'title'] });
