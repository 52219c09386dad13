// Every `curl` example of the README's "HTTP API" section, run as printed by the shell against
// a gateway on the sample documents (config/samples), checked against what the README says:
// the status (200 unless a comment says `→ 400`), the parameter a 400 names, the words a
// comment promises (`→ İstanbul`), hit counts (`→ 2 hits`), and the JSON answers the README
// prints (matched to their example by `query`).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { createGateway } from '../../src/gateway.ts';
import { listen, stop } from '../helpers/browser.ts';
import { ANSWER_TIMEOUT_MS, cleanup, PROJECT_ROOT, testTarget, uniqueIndex } from '../helpers/meili.ts';

const run = promisify(execFile);
const index = uniqueIndex('readme');
const ADMIN_KEY = 'readme-admin-key';

interface Example {
  command: string;
  comment: string;
}

/** The README's API section: from `## HTTP API` to the next `## ` heading. */
async function apiSection(): Promise<string> {
  const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## HTTP API');
  assert.ok(start >= 0, 'README has an "HTTP API" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** `curl` commands of the ```sh blocks (continuation lines joined), each with its trailing comment. */
function curlExamples(section: string): Example[] {
  const out: Example[] = [];
  for (const block of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1]!.replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      if (!line.trim().startsWith('curl')) continue;
      // A comment starts at ` # ` outside quotes.
      let quote: string | null = null;
      let cut = line.length;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === "'" || c === '"') quote = c;
        else if (c === '#' && /\s/.test(line[i - 1] ?? '')) {
          cut = i;
          break;
        }
      }
      out.push({ command: line.slice(0, cut).trim(), comment: line.slice(cut + 1).trim() });
    }
  }
  return out;
}

/** The ```json blocks of the section, parsed. */
function jsonAnswers(section: string): Record<string, unknown>[] {
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

let server: Server;
let base: string;
let section: string;
const answers = new Map<string, { status: number; body: unknown }>();

before(async () => {
  const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: true, adminKey: ADMIN_KEY });
  await gateway.bootstrap();
  server = (await import('node:http')).createServer(gateway.app);
  base = `http://127.0.0.1:${await listen(server)}`;
  section = await apiSection();
});
after(async () => {
  await stop(server);
  await cleanup(index);
});

/** Runs one example in bash as printed, only the host changed; returns status and body. */
async function runExample(command: string): Promise<{ status: number; body: unknown; text: string }> {
  // The README's gateway at its default address and index (INDEX_UID=documents); this one's.
  const local = command
    .replaceAll('http://localhost:3000', base)
    .replaceAll(' localhost:3000', ` ${base}`)
    .replaceAll('/meili/indexes/documents/', `/meili/indexes/${index}/`);
  const script = `${local} -s -w '\\n%{http_code}'`;
  const { stdout } = await run('bash', ['-c', script], { env: { ...process.env, KEY: ADMIN_KEY }, maxBuffer: 8 << 20 });
  const at = stdout.lastIndexOf('\n');
  const text = stdout.slice(0, at);
  const status = Number(stdout.slice(at + 1));
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (none of the API's answers, but say so below rather than here)
  }
  return { status, body, text };
}

describe('README API examples, run verbatim', () => {
  it('has curl examples to run', async () => {
    assert.ok(curlExamples(await apiSection()).length >= 15);
  });

  it('every example answers what the README says', async () => {
    const failures: string[] = [];
    for (const { command, comment } of curlExamples(section)) {
      const res = await runExample(command);
      const expectStatus = Number(/→\s*(\d{3})\b/.exec(comment)?.[1] ?? (/-X (POST|DELETE)/.test(command) ? 200 : 200));
      const problems: string[] = [];
      if (res.status !== expectStatus) problems.push(`status ${res.status}, README says ${expectStatus}: ${res.text.slice(0, 200)}`);
      const param = /param "([^"]+)"/.exec(comment)?.[1];
      if (param && (res.body as { error?: { param?: string } })?.error?.param !== param) problems.push(`error.param is not ${param}`);
      const hits = /→\s*(\d+) hits?\b/.exec(comment)?.[1];
      const total = (res.body as { total?: number; estimatedTotalHits?: number })?.total ?? (res.body as { estimatedTotalHits?: number })?.estimatedTotalHits;
      if (hits !== undefined && total !== Number(hits)) problems.push(`total ${total}, README says ${hits}`);
      // `→ Word, then …`: the first words after the arrow must be in the answer.
      const words = /→\s*([^,(]+?)\s*(?:,|\(|$)/.exec(comment)?.[1];
      if (words && !/^\d/.test(words) && !res.text.includes(words.replace(/^["']|["']$/g, ''))) problems.push(`answer lacks "${words}"`);
      if (problems.length) failures.push(`${command}\n    ${problems.join('\n    ')}`);
      answers.set(command, { status: res.status, body: res.body });
    }
    assert.deepEqual(failures, []);
  });

  it('the JSON answers printed match what the gateway answers (key fields)', () => {
    const printed = jsonAnswers(section);
    assert.ok(printed.length >= 2);
    for (const shown of printed) {
      const match = [...answers.entries()].find(([, a]) => (a.body as { query?: unknown })?.query === shown.query && a.status === 200);
      assert.ok(match, `no example answers the printed JSON for query ${JSON.stringify(shown.query)}`);
      const real = match[1].body as Record<string, unknown>;
      for (const key of ['query', 'queryLang', 'total', 'page', 'perPage', 'totalPages', 'facets', 'disjunctiveFacets', 'facetLabels', 'status', 'ready']) {
        if (key in shown) assert.deepEqual(real[key], shown[key], `${match[0]}: ${key}`);
      }
      const first = (shown.hits as Record<string, unknown>[] | undefined)?.[0];
      if (first) {
        const realFirst = (real.hits as Record<string, unknown>[])[0]!;
        for (const key of ['id', 'lang', 'title', 'date', 'source', 'category', 'url', 'titleHighlighted']) assert.deepEqual(realFirst[key], first[key], `${match[0]}: hits[0].${key}`);
      }
      const suggestion = (shown.suggestions as Record<string, unknown>[] | undefined)?.[0];
      if (suggestion) {
        const realFirst = (real.suggestions as Record<string, unknown>[])[0]!;
        for (const key of ['type', 'text', 'html']) assert.deepEqual(realFirst[key], suggestion[key], `${match[0]}: suggestions[0].${key}`);
      }
    }
  });
});
