import type { Meilisearch } from 'meilisearch';
import { defineRoute } from '../route.ts';

export interface ReadinessContext {
  client: Meilisearch;
  indexUid: string;
  /** False until start-up work (settings, sample data) is done. */
  bootstrapped: () => boolean;
}

async function probe(ctx: ReadinessContext): Promise<{ meilisearch: boolean; index: boolean; documents?: number }> {
  try {
    const stats = await ctx.client.index(ctx.indexUid).getStats();
    return { meilisearch: true, index: true, documents: stats.numberOfDocuments };
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    return { meilisearch: code === 'index_not_found', index: false };
  }
}

export const healthRoutes = (ctx: ReadinessContext) => [
  defineRoute({ method: 'get', path: '/health', summary: 'The gateway process is up' }, () => ({ status: 'ok' })),
  defineRoute({ method: 'get', path: '/ready', summary: 'Meilisearch is reachable and the index exists' }, async (_in, _req, res) => {
    const state = await probe(ctx);
    const ready = state.meilisearch && state.index && ctx.bootstrapped();
    res.status(ready ? 200 : 503).json({ ready, ...state, bootstrapped: ctx.bootstrapped() });
  }),
];
