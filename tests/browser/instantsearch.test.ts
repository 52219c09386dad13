// The example InstantSearch pages (examples/instantsearch, examples/react-instantsearch) in
// headless Chromium, served from ANOTHER origin than the gateway, bundled with the project's
// esbuild (no CDN), through @meilisearch/instant-meilisearch against /meili: hits, stats, the
// newest-first sort, and searchable refinement lists — typing `istanbul` in the source list
// narrows it to `İstanbul Haber`, which then refines the hits. No console error, no CORS error.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { launchBrowser, listen, stop } from '../helpers/browser.ts';
import { ANSWER_TIMEOUT_MS, cleanup, PROJECT_ROOT, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('instantsearch_pages');
const PUBLIC_KEY = 'pk-instantsearch-pages';
// A wait covers a few round trips through the gateway on a busy CI machine.
const WAIT_MS = 120_000;

const DOCS = [
  { id: 'p1', lang: 'tr', date: '2024-03-10', source: 'İstanbul Haber', category: 'Siyaset', title: 'İmamoğlu seçim kampanyasını başlattı', body: 'Belediye başkanı seçim için kampanya başlattı.' },
  { id: 'p2', lang: 'tr', date: '2023-05-01', source: 'ISTANBUL HABER', category: 'Ekonomi', title: 'Bütçe meclisten geçti', body: 'Seçim öncesi bütçe meclisten geçti.' },
  { id: 'p3', lang: 'tr', date: '2022-01-15', source: 'İzmir Postası', category: 'Siyaset', title: 'İzmir seçimleri yaklaşırken', body: 'İzmir’de seçim hazırlıkları sürüyor.' },
  { id: 'p4', lang: 'en', date: '2025-09-01', source: 'City Desk', category: 'Politics', title: 'Mayor opens the election campaign', body: 'The mayor opened an election campaign downtown.' },
  { id: 'p5', lang: 'en', date: '2020-02-02', source: 'Reuters', category: 'Transport', title: 'Metro line opens', body: 'A new metro line and a new election promise.' },
];

let tmp: string;
let browser: Browser;
let gatewayServer: Server;
let pageServer: Server;
let pageOrigin: string;
let gatewayUrl: string;

async function bundle(entry: string): Promise<Buffer> {
  const out = await build({
    entryPoints: [path.join(PROJECT_ROOT, 'examples', entry, 'app.js')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return Buffer.from(out.outputFiles[0]!.contents);
}

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'instantsearch-pages-'));
  const file = path.join(tmp, 'docs.ndjson');
  await writeFile(file, DOCS.map((d) => JSON.stringify(d)).join('\n'));
  const summary = await runIndexer({ paths: [file], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.indexed, DOCS.length);

  const [classic, react] = await Promise.all([bundle('instantsearch'), bundle('react-instantsearch')]);
  const template = await import('node:fs/promises').then((fs) => fs.readFile(path.join(PROJECT_ROOT, 'examples', 'page.html'), 'utf8'));
  pageServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const scripts: Record<string, Buffer> = { '/instantsearch.js': classic, '/react.js': react };
    if (scripts[url.pathname]) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(scripts[url.pathname]);
      return;
    }
    const which = url.pathname === '/react' ? '/react.js' : url.pathname === '/instantsearch' ? '/instantsearch.js' : undefined;
    if (!which) {
      res.writeHead(404).end();
      return;
    }
    const html = template
      .replace('data-gateway="http://localhost:3000"', `data-gateway="${gatewayUrl}" data-key="${PUBLIC_KEY}"`)
      .replace('data-index="documents"', `data-index="${index}"`)
      .replace('src="bundle.js"', `src="${which}"`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  pageOrigin = `http://127.0.0.1:${await listen(pageServer)}`;

  const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, corsOrigins: [pageOrigin], publicKey: PUBLIC_KEY });
  await gateway.bootstrap();
  gatewayServer = createServer(gateway.app);
  gatewayUrl = `http://127.0.0.1:${await listen(gatewayServer)}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([gatewayServer && stop(gatewayServer), pageServer && stop(pageServer)]);
  await rm(tmp, { recursive: true, force: true });
  await cleanup(index);
});

/** A page with every console error, page error and failed request recorded. */
async function open(pathname: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`${pageOrigin}${pathname}`);
  return { page, problems };
}

/** Waits for a DOM condition; on timeout, says which one and what the page showed. */
async function until(page: Page, what: string, condition: () => boolean, problems: string[]): Promise<void> {
  try {
    await page.waitForFunction(condition);
  } catch (err) {
    const shown = (await page.locator('body').innerText()).slice(0, 600);
    throw new Error(`${what}: ${(err as Error).message}\nproblems: ${problems.join('; ')}\npage: ${shown}`);
  }
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
const labels = (page: Page, attribute: string) => texts(page, `#${attribute} .ais-RefinementList-labelText`);

for (const [name, pathname] of [
  ['instantsearch.js', '/instantsearch'],
  ['React InstantSearch', '/react'],
] as const) {
  describe(`the ${name} page`, () => {
    it('shows hits, stats and the facets; typing in a searchable list filters it; refining and sorting work; no errors', async () => {
      const { page, problems } = await open(pathname);
      try {
        await until(page, 'first hits', () => document.querySelectorAll('.ais-Hits-item').length === 5, problems);
        assert.match((await texts(page, '.ais-Stats-text'))[0] ?? '', /5 results/);
        await until(page, 'source list', () => document.querySelectorAll('#source .ais-RefinementList-item').length === 4, problems);
        assert.deepEqual((await labels(page, 'source')).sort(), ['City Desk', 'Reuters', 'İstanbul Haber', 'İzmir Postası'].sort());

        // The searchable list: a facet search through the gateway, Turkish-aware.
        await page.locator('#source .ais-RefinementList-searchBox input').fill('istanbul');
        await until(
          page,
          'source list filtered by typing',
          () => {
            const items = [...document.querySelectorAll('#source .ais-RefinementList-labelText')].map((e) => e.textContent);
            return items.length === 1 && items[0] === 'İstanbul Haber';
          },
          problems,
        );
        await page.locator('#source .ais-RefinementList-checkbox').first().click();
        await until(page, 'refined hits', () => document.querySelectorAll('.ais-Hits-item').length === 2, problems);
        const titles = await texts(page, '.ais-Hits-item h2');
        assert.deepEqual(titles.sort(), ['Bütçe meclisten geçti', 'İmamoğlu seçim kampanyasını başlattı'].sort());

        // Newest first, on every hit again.
        await page.locator('#source .ais-RefinementList-item input[type=checkbox]:checked').first().click();
        await until(page, 'refinement cleared', () => document.querySelectorAll('.ais-Hits-item').length === 5, problems);
        await page.locator('.ais-SortBy-select').selectOption({ label: 'Newest first' });
        await until(page, 'newest first', () => document.querySelector('.ais-Hits-item h2')?.textContent === 'Mayor opens the election campaign', problems);

        // A query with highlights.
        await page.locator('.ais-SearchBox-input').first().fill('seçim');
        await until(page, 'highlighted query', () => document.querySelectorAll('.ais-Hits-item').length === 3 && document.querySelector('.ais-Hits-item mark') !== null, problems);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  });
}
