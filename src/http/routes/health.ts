import { healthResponse, readyResponse } from '../../api/index.ts';
import { healthService, READY_CACHE_MS, type ReadinessContext } from '../../health/service.ts';
import { defineRoute } from '../route.ts';

export const healthRoutes = (ctx: ReadinessContext) => {
  const health = healthService(ctx);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/health',
        tag: 'operations',
        access: 'open',
        summary: 'The gateway process is up',
        description: 'With an embedded engine, `engine` tells its state, how often it was restarted and how it last exited.',
        responses: { 200: { description: 'Always, while the process runs.', schema: healthResponse } },
      },
      () => health.liveness(),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/ready',
        tag: 'operations',
        access: 'open',
        rateLimited: true,
        summary: 'Meilisearch is reachable, the index exists and start-up work is done',
        description:
          `Rate-limited like the read routes; the answer is reused for ${READY_CACHE_MS} ms, so probes never become one Meilisearch call each. ` +
          'In cluster mode (MEILI_NODES) it answers from the gateway’s own node health probes: 200 with status ready, or degraded while some nodes are down (missingNodes; searches then answer partial); 503 with status unavailable when no node answers or the nodes’ index settings differ (problem names them).',
        responses: {
          200: { description: 'Ready to search (in cluster mode possibly degraded: some nodes down).', schema: readyResponse },
          503: { description: 'Not ready; the body tells which part is missing.', schema: readyResponse },
        },
      },
      async (_in, _req, res) => {
        const answer = await health.readiness();
        res.status(answer.ready ? 200 : 503);
        return answer;
      },
    ),
  ];
};
