// Fuzz: thousands of generated requests to every API route, /meili included (hostile
// Unicode, invalid percent-encoding, repeated parameters, arrays for strings, JSON bombs,
// deep filters, wrong keys) against a gateway on a real Meilisearch. Zero 5xx, zero hangs, every answer valid JSON, every error with a code.
// `npm test` sends FUZZ_COUNT (default 1500); `npm run test:fuzz` sends 12,000.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { answerClientErrors } from '../../src/http/client-errors.ts';
import { createClient } from '../../src/meili/client.ts';
import { runFuzz } from '../fuzz/run.ts';
import { ANSWER_TIMEOUT_MS, cleanup, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const COUNT = Number(process.env.FUZZ_COUNT ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const ADMIN = 'fuzz-admin-key-0123456789';
/** A write still running after this is answered 202 (an accepted answer for the fuzzer). */
const WRITE_TIMEOUT_MS = 10_000;
const index = uniqueIndex('fuzz');
let server: Server;
let baseUrl: string;

before(async () => {
  await runIndexer({ paths: [SEEDS_NDJSON], client: createClient(testTarget(), 60_000), indexUid: index });
  const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, writeTimeoutMs: WRITE_TIMEOUT_MS, loadSamples: false, adminKey: ADMIN, bodyLimitBytes: 1024 * 1024 });
  await new Promise<void>((resolve) => (server = gateway.app.listen(0, '127.0.0.1', () => resolve())));
  answerClientErrors(server);
  const addr = server.address();
  baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
after(async () => {
  server?.close();
  await cleanup(index);
});

describe(`fuzz: ${COUNT} generated requests, seed ${SEED}`, () => {
  it('answers every one with a valid JSON body and no 5xx', async () => {
    // "No answer" means a hang: only past what the slowest legitimate answer may take (a
    // Meilisearch call at its deadline, then a write waited for), with room for a starved machine.
    const answerTimeoutMs = 2 * (ANSWER_TIMEOUT_MS + WRITE_TIMEOUT_MS);
    const report = await runFuzz({ baseUrl, count: COUNT, seed: SEED, adminKey: ADMIN, indexUid: index, answerTimeoutMs });
    process.stderr.write(`fuzz: ${JSON.stringify({ requests: report.requests, seed: report.seed, durationMs: report.durationMs, byStatus: report.byStatus, byKind: report.byKind, problems: report.problems.length })}\n`);
    assert.deepEqual(report.problems.slice(0, 5), []);
    // The generator reaches every route and both outcomes: accepted and rejected.
    for (const kind of ['search', 'suggest', 'meili', 'documents:post', 'documents:id', 'stats']) assert.ok(report.byKind[kind]! > 0, kind);
    assert.ok(report.byStatus['200']! > 0 && report.byStatus['400']! > 0, JSON.stringify(report.byStatus));
  });

  it('leaves the gateway serving', async () => {
    const res = await fetch(`${baseUrl}/search?q=imamoglu`);
    assert.equal(res.status, 200);
    assert.ok(((await res.json()) as { total: number }).total > 0);
  });
});
