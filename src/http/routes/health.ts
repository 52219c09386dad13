import type { Meilisearch } from 'meilisearch';
import { indexState } from '../../meili/documents.ts';
import { MeiliRejectedError } from '../../meili/errors.ts';
import { defineRoute } from '../route.ts';
import { healthResponse, readyResponse } from '../schemas/responses.ts';

export interface ReadinessContext {
  client: Meilisearch;
  indexUid: string;
  /** False until start-up work (settings, sample data) is done. */
  bootstrapped: () => boolean;
}

async function probe(ctx: ReadinessContext): Promise<{ meilisearch: boolean; index: boolean; documents?: number }> {
  try {
    const state = await indexState(ctx.client, ctx.indexUid);
    return { meilisearch: true, index: true, documents: state.documents };
  } catch (err) {
    return { meilisearch: err instanceof MeiliRejectedError && err.code === 'index_not_found', index: false };
  }
}

export const healthRoutes = (ctx: ReadinessContext) => [
  defineRoute(
    {
      method: 'get',
      path: '/health',
      tag: 'operations',
      access: 'open',
      summary: 'The gateway process is up',
      responses: { 200: { description: 'Always, while the process runs.', schema: healthResponse } },
    },
    () => ({ status: 'ok' as const }),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/ready',
      tag: 'operations',
      access: 'open',
      summary: 'Meilisearch is reachable, the index exists and start-up work is done',
      responses: {
        200: { description: 'Ready to search.', schema: readyResponse },
        503: { description: 'Not ready; the body tells which part is missing.', schema: readyResponse },
      },
    },
    async (_in, _req, res) => {
      const state = await probe(ctx);
      const ready = state.meilisearch && state.index && ctx.bootstrapped();
      res.status(ready ? 200 : 503);
      return { ready, ...state, bootstrapped: ctx.bootstrapped() };
    },
  ),
];
