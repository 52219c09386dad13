// Indexing that loses nothing: failed documents land in a rejects file that can be fed back,
// and a run killed with SIGKILL resumes from its checkpoint and ends with every document
// indexed exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createClient } from '../../src/meili/client.ts';
import { countDocuments } from '../../src/meili/documents.ts';
import { runProcess } from '../helpers/cli.ts';
import { cleanup, PROJECT_ROOT, testTarget, uniqueIndex } from '../helpers/meili.ts';

const client = createClient(testTarget(), 60_000);
const rejectsIndex = uniqueIndex('rejects');
const resumeIndex = uniqueIndex('resume');
let dir: string;

const cliArgs = (index: string, args: string[]) => ['--import', 'tsx', 'indexer/cli.ts', '--index', index, '--state-dir', path.join(dir, `state-${index}`), ...args];
const cli = (index: string, args: string[]) => runProcess(process.execPath, cliArgs(index, args), { cwd: PROJECT_ROOT, timeout: 180_000 });

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'indexer-resume-'));
});
after(async () => {
  await cleanup(rejectsIndex);
  await cleanup(resumeIndex);
  await rm(dir, { recursive: true, force: true });
});

describe('rejects file', () => {
  it('keeps each failed document with its reason, and can be fixed and fed back', async () => {
    const input = path.join(dir, 'input.ndjson');
    await writeFile(
      input,
      [
        JSON.stringify({ id: 'good', title: 'İyi belge', body: 'Sorunsuz.' }),
        '{"id": "torn", "title": ',
        JSON.stringify({ id: 'bad-date', title: 'Tarih', body: 'Yanlış tarih.', date: '2024-13' }),
      ].join('\n'),
    );
    const rejects = path.join(dir, 'rejects.ndjson');
    const first = await cli(rejectsIndex, ['--rejects', rejects, input]);
    assert.equal(first.status, 1, first.stderr);
    assert.match(first.stdout, /failed documents written to .*rejects\.ndjson/);
    const lines = (await readFile(rejects, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0]._rejected.line, 2);
    assert.match(lines[0]._rejected.reason, /invalid JSON/);
    assert.equal(lines[0]._rejected.raw, '{"id": "torn", "title": ');
    assert.deepEqual({ ...lines[1], _rejected: undefined }, { id: 'bad-date', title: 'Tarih', body: 'Yanlış tarih.', date: '2024-13', _rejected: undefined });
    assert.match(lines[1]._rejected.reason, /month 13/);

    // Fix the date in the rejects file and index it again: the `_rejected` field is ignored.
    const fixed = path.join(dir, 'fixed.ndjson');
    await writeFile(fixed, JSON.stringify({ ...lines[1], date: '2024-12' }));
    const again = await cli(rejectsIndex, ['--json', fixed]);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.equal(JSON.parse(again.stdout).indexed, 1);
    assert.equal(await countDocuments(client, rejectsIndex), 2);
  });
});

describe('failures that are not a document’s', () => {
  it('a truncated gzip file: what was read is indexed, the rest is a failure in the summary and the rejects file', async () => {
    const input = path.join(dir, 'cut.ndjson.gz');
    const whole = gzipSync(Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `cut-${i}`, lang: 'tr', title: `Kesik ${i}`, body: `Metin ${i} `.repeat(20) })).join('\n'));
    await writeFile(input, whole.subarray(0, Math.floor(whole.length / 2)));
    const rejects = path.join(dir, 'cut-rejects.ndjson');
    const r = await cli(rejectsIndex, ['--json', '--rejects', rejects, input]);
    assert.equal(r.status, 1, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.ok(summary.indexed > 0 && summary.indexed < 3000, `indexed ${summary.indexed}`);
    // The summary adds up: the torn last line is not a document read, it is in the lost tail.
    assert.equal(summary.read, summary.indexed + summary.failed + summary.skipped);
    assert.equal(summary.failed, 0);
    assert.equal(summary.unreadable, 1);
    const tail = summary.unreadableFiles[0];
    assert.equal(tail.file, input);
    assert.equal(tail.line, summary.read + 1, 'names the first line it could not read');
    assert.match(tail.reason, new RegExp(`cannot read file after line ${summary.read} \\(the rest of the file, from line ${summary.read + 1}, was not read\\)`));
    const lines = (await readFile(rejects, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => /cannot read file/.test(l._rejected.reason) && l._rejected.file === input));
  });

  it('a rejects file that cannot be written stops the run with a message, not a crash', async () => {
    const r = await cli(rejectsIndex, ['--rejects', dir, path.join(dir, 'input.ndjson')]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /cannot write the rejects file/);
  });

  it('text files of the same name in different folders stay two documents', async () => {
    const site = path.join(dir, 'site');
    await mkdir(path.join(site, '2024', '01'), { recursive: true });
    await mkdir(path.join(site, '2024', '02'), { recursive: true });
    await writeFile(path.join(site, '2024', '01', 'index.md'), '# Ocak bülteni\n\nOcak ayının haberleri.');
    await writeFile(path.join(site, '2024', '02', 'index.md'), '# Şubat bülteni\n\nŞubat ayının haberleri.');
    const r = await cli(rejectsIndex, ['--json', site]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).indexed, 2);
    const doc = await client.index(rejectsIndex).getDocument('h_' + createHash('sha256').update('2024/02/index').digest('base64url'));
    assert.equal(doc.title, 'Şubat bülteni');
  });
});

describe('a run killed with SIGKILL', () => {
  const TOTAL = 6000;
  it('resumes from its checkpoint and indexes every document exactly once', async () => {
    const input = path.join(dir, 'big.ndjson');
    const docs = Array.from({ length: TOTAL }, (_, i) =>
      JSON.stringify({ id: `doc-${i}`, lang: i % 2 ? 'en' : 'tr', title: `Belge ${i}`, body: `Metin ${i} `.repeat(40) }),
    );
    await writeFile(input, docs.join('\n'));
    const state = path.join(dir, `state-${resumeIndex}`);
    const checkpoint = path.join(state, `checkpoint-${resumeIndex}.json`);

    // Small batches so that the checkpoint moves while the run is still going.
    const child = spawn(process.execPath, cliArgs(resumeIndex, ['--batch-size', '200', input]), { cwd: PROJECT_ROOT, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    // Minutes: the bound only stops a hang (the child exiting first ends the wait too).
    const deadline = Date.now() + 600_000;
    while (!existsSync(checkpoint) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(existsSync(checkpoint), 'the run wrote a checkpoint');
    child.kill('SIGKILL');
    await exited;
    const saved = JSON.parse(await readFile(checkpoint, 'utf8'));
    const handled = Object.values(saved.files as Record<string, { line: number }>)[0]!.line;
    assert.ok(handled > 0 && handled < TOTAL, `killed mid-run (checkpoint at line ${handled})`);

    const resumed = await cli(resumeIndex, ['--batch-size', '200', '--json', input]);
    assert.equal(resumed.status, 0, resumed.stderr);
    const summary = JSON.parse(resumed.stdout);
    assert.ok(summary.resumed.lines >= handled, 'skipped what the killed run had finished');
    assert.equal(summary.read, TOTAL - summary.resumed.lines);
    assert.equal(await countDocuments(client, resumeIndex), TOTAL);
    assert.ok(!existsSync(checkpoint), 'a finished run leaves no checkpoint');
    assert.deepEqual((await readdir(state)).filter((f) => f.startsWith('rejects')), [], 'nothing was rejected');

    // Exactly once: every id is there, and a search for one id's words finds one document.
    const found = await client.index(resumeIndex).getDocuments({ limit: TOTAL + 10, fields: ['id'] });
    assert.equal(new Set(found.results.map((d) => d.id)).size, TOTAL);
  });
});
