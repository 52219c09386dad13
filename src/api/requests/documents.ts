import { z } from 'zod';
import type { RequestRules } from '../rules.ts';
import { MAX_DOCUMENTS_PER_REQUEST } from '../vocabulary.ts';

/** POST /documents, GET and DELETE /documents/:id */
export function documentRequests({ limits }: RequestRules) {
  const { maxBodyChars, maxTitleChars, maxIdLength, maxRecordBytes } = limits;
  // Larger texts go through the indexer: analysing one takes the gateway's event loop ~50 ms per 100,000 characters.
  const bodyText = z.string().max(maxBodyChars, `at most ${maxBodyChars} characters; index larger documents with the indexer (records up to ${maxRecordBytes / 1024 / 1024} MiB)`);

  // Only the shape is checked here; buildDocument (the indexer's own code) checks the rest,
  // so the API and the indexer accept exactly the same documents.
  const inputDocument = z
    .object({
      id: z.union([z.string().min(1).max(maxIdLength), z.number().int()]).optional().meta({ description: 'Kept as given; derived from a content hash when absent.' }),
      title: z.string().max(maxTitleChars, `at most ${maxTitleChars} characters`).optional(),
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

  return {
    inputDocument,
    /** One document or an array of them; a lone object is read as an array of one, so errors have one shape (`body.3.title`). */
    documentsBody: z.preprocess(
      (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v),
      z.array(inputDocument).min(1).max(MAX_DOCUMENTS_PER_REQUEST),
    ),
    documentIdParams: z.object({ id: z.string().min(1).max(maxIdLength) }),
  };
}
