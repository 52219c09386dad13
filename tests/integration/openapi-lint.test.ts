// /openapi.json linted by Redocly's CLI (installed, run offline) with its recommended ruleset:
// no errors, and warnings only where the rule asks for something this gateway does not do.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createGateway } from '../../src/gateway.ts';
import { PROJECT_ROOT } from '../helpers/meili.ts';

const run = promisify(execFile);
const REDOCLY = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'redocly');

/**
 * Warnings kept on purpose. operation-4xx-response: these operations take no parameter, no
 * body and no key, so they never answer 4xx; documenting one would be false.
 */
const ACCEPTED_WARNINGS = [
  'operation-4xx-response #/paths/~1health/get/responses',
  'operation-4xx-response #/paths/~1ready/get/responses',
  'operation-4xx-response #/paths/~1meili~1health/get/responses',
  'operation-4xx-response #/paths/~1widget.js/get/responses',
  'operation-4xx-response #/paths/~1openapi.json/get/responses',
];

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

let dir: string;
let report: LintReport;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openapi-lint-'));
  // No engine is needed to describe the API: the document comes from the route definitions.
  const gateway = createGateway({ url: 'http://127.0.0.1:9', key: '' }, { indexUid: 'documents', timeoutMs: 1000, loadSamples: false });
  const doc = (await request(gateway.app).get('/openapi.json').expect(200)).body;
  await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(doc));
  // In an empty folder (no redocly.yaml of anyone's), without telemetry or update checks: offline.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const out = await run(REDOCLY, ['lint', '--extends', 'recommended', '--format', 'json', 'openapi.json'], { cwd: dir, env, maxBuffer: 16 << 20 }).catch(
    (err: { stdout?: string; code?: number }) => {
      // Exit code 1 means problems were found; the JSON report is on stdout all the same.
      if (typeof err.stdout === 'string' && err.stdout.trim().startsWith('{')) return { stdout: err.stdout };
      throw err;
    },
  );
  report = JSON.parse(out.stdout) as LintReport;
});
after(() => rm(dir, { recursive: true, force: true }));

describe('Redocly lint --extends recommended of /openapi.json', () => {
  it('finds no errors', () => {
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    assert.deepEqual(errors, []);
    assert.equal(report.totals.errors, 0);
  });

  it('warns only where accepted on purpose', () => {
    const warnings = report.problems.filter((p) => p.severity !== 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
    assert.deepEqual(warnings.sort(), [...ACCEPTED_WARNINGS].sort());
  });
});
