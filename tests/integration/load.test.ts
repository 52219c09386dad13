// Many connections at once against the gateway (its own process) on the seeds: every request
// answered, each with a 2xx. A fixed number of requests, not a duration, and a gateway whose
// deadline fits a starved machine: this checks behaviour under concurrency, not throughput
// (`npm run test:load` measures that, 60 s per side).
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { rng } from '../../bench/lib/rng.ts';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createClient } from '../../src/meili/client.ts';
import { load, searchBoxRequests, startGatewayProcess } from '../load/load.ts';
import { ANSWER_ENV, ANSWER_TIMEOUT_MS, cleanup, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const CONNECTIONS = 100;
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 800);
const index = uniqueIndex('load');
let gateway: { url: string; child: ChildProcess };

before(async () => {
  await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(testTarget(), 60_000), indexUid: index });
  const t = testTarget();
  gateway = await startGatewayProcess({ MEILI_URL: t.url, MEILI_MASTER_KEY: t.key, MEILI_INDEX: index, ...ANSWER_ENV });
});
after(async () => {
  gateway?.child.kill('SIGTERM');
  await cleanup(index);
});

describe(`load: ${REQUESTS} requests over ${CONNECTIONS} connections`, () => {
  it('answers every request with a 2xx and no connection error', async () => {
    const titles = (await readFile(SEEDS_NDJSON, 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { title: string }).title);
    const rand = rng(7);
    const requests = searchBoxRequests([...titles, ...titles, ...titles, ...titles], rand);
    // A request counts as lost only past twice the gateway's own deadline.
    const r = await load(gateway.url, requests, CONNECTIONS, 0, { amount: REQUESTS, timeoutS: (2 * ANSWER_TIMEOUT_MS) / 1000 });
    process.stderr.write(`load: ${JSON.stringify({ ...r, perSecond: Math.round(r.perSecond) })} (timings not asserted)\n`);
    assert.equal(r.errors, 0);
    assert.equal(r.non2xx, 0, JSON.stringify(r.statusCodes));
    assert.equal(r.requests, REQUESTS);
  });
});
