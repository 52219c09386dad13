import { z } from 'zod';
import { MAX_ID_LENGTH } from '../../documents/ids.ts';
import { MAX_BODY_CHARS, MAX_RECORD_BYTES, MAX_TITLE_CHARS } from '../../search/limits.ts';

/** Most documents one POST /documents may carry; larger loads go through the indexer. */
export const MAX_DOCUMENTS_PER_REQUEST = 1000;

// Larger texts go through the indexer: analysing one takes the gateway's event loop ~50 ms per 100,000 characters.
const bodyText = z.string().max(MAX_BODY_CHARS, `at most ${MAX_BODY_CHARS} characters; index larger documents with the indexer (records up to ${MAX_RECORD_BYTES / 1024 / 1024} MiB)`);

// Only the shape is checked here; buildDocument (the indexer's own code) checks the rest,
// so the API and the indexer accept exactly the same documents.
export const inputDocument = z
  .object({
    id: z.union([z.string().min(1).max(MAX_ID_LENGTH), z.number().int()]).optional().meta({ description: 'Kept as given; derived from a content hash when absent.' }),
    title: z.string().max(MAX_TITLE_CHARS, `at most ${MAX_TITLE_CHARS} characters`).optional(),
    body: bodyText.optional(),
    text: bodyText.optional().meta({ description: 'Alias of body.' }),
    content: bodyText.optional().meta({ description: 'Alias of body.' }),
    lang: z.string().optional().meta({ description: 'ISO 639-1; detected when absent.' }),
    date: z.string().optional().meta({ description: 'YYYY, YYYY-MM or YYYY-MM-DD.' }),
    source: z.string().optional(),
    category: z.string().optional(),
    url: z.string().optional(),
  })
  .loose();

/** One document or an array of them; a lone object is read as an array of one, so errors have one shape (`body.3.title`). */
export const documentsBody = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v),
  z.array(inputDocument).min(1).max(MAX_DOCUMENTS_PER_REQUEST),
);

export const documentIdParams = z.object({ id: z.string().min(1).max(MAX_ID_LENGTH) });
