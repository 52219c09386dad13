import type { Response } from 'express';
import { commonErrors, errorBody, MAX_DOCUMENTS_PER_REQUEST, putResult, statsResponse, storedDocument, writeResult, type WriteResult } from '../../api/index.ts';
import { deleteDocument, getDocument, indexStats, putDocuments, type StoreContext } from '../../store/documents.ts';
import { HttpError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import { requests } from '../requests.ts';

const { documentIdParams, documentsBody } = requests;

const adminErrors = {
  ...commonErrors,
  401: { description: 'Missing or wrong admin key.', schema: errorBody },
  403: { description: 'The admin API is disabled (no ADMIN_API_KEY configured).', schema: errorBody },
};

/** 200 once Meilisearch has applied a write, 202 while it is still working on it. */
function answerWrite<T extends WriteResult>(res: Response, result: T): T {
  res.status(result.status === 'succeeded' ? 200 : 202);
  return result;
}

const notFound = (id: string) => new HttpError(404, 'document_not_found', `No document with id "${id.slice(0, 200)}".`, 'id');

export const documentRoutes = (ctx: StoreContext) => [
  defineRoute(
    {
      method: 'post',
      path: '/documents',
      tag: 'documents',
      access: 'admin',
      summary: `Add or replace documents (one object, or an array of at most ${MAX_DOCUMENTS_PER_REQUEST})`,
      description: 'Same input format and analysis as the indexer. Answers 200 once Meilisearch has indexed them, 202 if it is still working after WRITE_TIMEOUT_MS; one invalid document rejects the request (400, every problem in error.details) and nothing is written.',
      body: documentsBody,
      responses: {
        200: { description: 'Indexed.', schema: putResult },
        202: { description: 'Accepted, still being indexed.', schema: putResult },
        413: { description: 'Body larger than MAX_BODY_BYTES.', schema: errorBody },
        415: { description: 'Body is not application/json.', schema: errorBody },
        ...adminErrors,
      },
    },
    async ({ body }, _req, res) => answerWrite(res, await putDocuments(ctx, body)),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/documents/:id',
      tag: 'documents',
      access: 'admin',
      summary: 'One document as stored (original fields only)',
      params: documentIdParams,
      responses: { 200: { description: 'The document.', schema: storedDocument }, 404: { description: 'No such document.', schema: errorBody }, ...adminErrors },
    },
    async ({ params }) => (await getDocument(ctx, params.id)) ?? Promise.reject(notFound(params.id)),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/documents/:id',
      tag: 'documents',
      access: 'admin',
      summary: 'Delete one document',
      params: documentIdParams,
      responses: {
        200: { description: 'Deleted.', schema: writeResult },
        202: { description: 'Accepted, still being deleted.', schema: writeResult },
        404: { description: 'No such document.', schema: errorBody },
        ...adminErrors,
      },
    },
    async ({ params }, _req, res) => {
      const result = await deleteDocument(ctx, params.id);
      if (!result) throw notFound(params.id);
      return answerWrite(res, result);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/stats',
      tag: 'documents',
      access: 'admin',
      summary: 'Document counts per language, last update and a digest of the index settings',
      responses: { 200: { description: 'Index statistics.', schema: statsResponse }, ...adminErrors },
    },
    () => indexStats(ctx),
  ),
];
