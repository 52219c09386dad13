// A short load in CI: 100 connections for a few seconds against the gateway (its own
// process) on the seeds. Zero errors, zero non-2xx. `npm run test:load` runs the full one.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { rng } from '../../bench/lib/rng.ts';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createClient } from '../../src/meili/client.ts';
import { load, searchBoxRequests, startGatewayProcess } from '../load/load.ts';
import { cleanup, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 4);
const index = uniqueIndex('load');
let gateway: { url: string; child: ChildProcess };

before(async () => {
  await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(testTarget(), 60_000), indexUid: index });
  const t = testTarget();
  gateway = await startGatewayProcess({ MEILI_URL: t.url, MEILI_MASTER_KEY: t.key, MEILI_INDEX: index });
});
after(async () => {
  gateway?.child.kill('SIGTERM');
  await cleanup(index);
});

describe(`load: 100 connections for ${SECONDS} s`, () => {
  it('serves every request with a 2xx and no connection error', async () => {
    const titles = (await readFile(SEEDS_NDJSON, 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { title: string }).title);
    const rand = rng(7);
    const requests = searchBoxRequests([...titles, ...titles, ...titles, ...titles], rand);
    const r = await load(gateway.url, requests, 100, SECONDS);
    process.stderr.write(`load: ${JSON.stringify({ ...r, perSecond: Math.round(r.perSecond) })}\n`);
    assert.ok(r.requests > 100, `requests were served (${r.requests})`);
    assert.equal(r.errors, 0);
    assert.equal(r.non2xx, 0, JSON.stringify(r.statusCodes));
  });
});
