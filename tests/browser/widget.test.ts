// The widget in headless Chromium, embedded in a page of ANOTHER origin (as a third-party site
// would), over a real gateway and Meilisearch with the five seed articles: typing, highlights,
// language chips, keyboard suggestions, the outage state, XSS-laden documents, CORS, the demo page.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { runIndexer } from '../../indexer/pipeline.ts';
import { createGateway } from '../../src/gateway.ts';
import { createClient } from '../../src/meili/client.ts';
import { launchBrowser, listen, startEmbedServer, stop } from '../helpers/browser.ts';
import { ANSWER_TIMEOUT_MS, cleanup, SEEDS_NDJSON, testTarget, uniqueIndex } from '../helpers/meili.ts';

const index = uniqueIndex('widget');
const XSS_TITLE = 'Sahte <img src=x onerror=alert(1)> başlık <script>alert(2)</script> <mark>işaret</mark> xsskontrol';
const XSS_DOC = {
  id: 'xss-1',
  lang: 'tr',
  title: XSS_TITLE,
  body: 'Gövde <img src=x onerror=alert(3)> ve <script>alert(4)</script> ile <mark>sahte</mark> işaret: xsskontrol metni.',
  url: 'javascript:alert(5)',
  date: '2021-05-04',
};

/** Two documents with a source, a category and a link: `derbi` is in A's title, only in B's body. */
const SPORT_A = { id: 'sport-a', lang: 'tr', date: '2023-03-03', source: 'TTC-3600', category: 'spor', url: 'https://example.org/derbi-a', title: 'Derbi maçında gol yağmuru', body: 'Derbi maçında iki takım altı gol attı; derbi tarihe geçti.' };
const SPORT_B = { id: 'sport-b', lang: 'tr', date: '2025-01-05', source: '42bin_haber', category: 'ekonomi', url: 'https://example.org/faiz-b', title: 'Merkez bankası faiz kararını açıkladı', body: 'Karar, hafta sonundaki derbi öncesinde açıklandı.' };
const LABELS = JSON.stringify({ '42bin_haber': '42bin Haber', 'TTC-3600': 'TTC-3600 Derlemi' });

let tmp: string;
let embed: { server: Server; origin: string };
let gatewayServer: Server;
let gatewayPort: number;
/** A gateway whose CORS allows only another origin than the embedding page's. */
let closedServer: Server;
/** A gateway that wants PUBLIC_API_KEY on its read routes. */
let keyedServer: Server;
const PUBLIC_KEY = 'pk-widget-test';
let browser: Browser;

const embedUrl = (gateway: number, params: Record<string, string> = {}) =>
  `${embed.origin}/embed?${new URLSearchParams({ gateway: String(gateway), ...params })}`;

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'widget-test-'));
  const xssFile = path.join(tmp, 'xss.ndjson');
  await writeFile(xssFile, [XSS_DOC, SPORT_A, SPORT_B].map((d) => JSON.stringify(d)).join('\n'));
  const summary = await runIndexer({ paths: [SEEDS_NDJSON, xssFile], client: createClient(testTarget(), 60_000), indexUid: index });
  assert.equal(summary.failed, 0);
  assert.equal(summary.indexed, 8);

  embed = await startEmbedServer();
  const gateway = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, corsOrigins: [embed.origin] });
  await gateway.bootstrap();
  gatewayServer = gateway.app.listen(0, '127.0.0.1');
  gatewayPort = await new Promise<number>((resolve) => gatewayServer.once('listening', () => resolve((gatewayServer.address() as { port: number }).port)));
  const closed = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, corsOrigins: ['https://only-this-site.example'] });
  closedServer = closed.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => closedServer.once('listening', resolve));
  const keyed = createGateway(testTarget(), { indexUid: index, timeoutMs: ANSWER_TIMEOUT_MS, loadSamples: false, corsOrigins: [embed.origin], publicKey: PUBLIC_KEY });
  keyedServer = keyed.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => keyedServer.once('listening', resolve));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of [gatewayServer, closedServer, keyedServer, embed?.server]) if (s?.listening) await stop(s);
  await rm(tmp, { recursive: true, force: true });
  await cleanup(index);
});

const input = (page: Page) => page.locator('turkce-search input[role=combobox]');
const hits = (page: Page) => page.locator('turkce-search li.hit');
const chip = (page: Page, key: string) => page.locator(`turkce-search .chip[data-key="${key}"]`);
const alertBox = (page: Page) => page.locator('turkce-search [role=alert]');

/**
 * Every wait below is for a state of the page, never a pause; the limit on each only ends a
 * test that would otherwise hang, so it is long enough for a machine busy with other work.
 */
const WAIT_MS = 120_000;

async function newPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.setDefaultTimeout(WAIT_MS);
  return page;
}

async function openEmbed(params: Record<string, string> = {}, gateway = gatewayPort): Promise<Page> {
  const page = await newPage(900);
  await page.goto(embedUrl(gateway, { endpoint: '1', ...params }));
  await page.waitForFunction(() => customElements.get('turkce-search') !== undefined);
  return page;
}

/** Key by key, as a person types: each key may start a search, the last one wins. */
async function typeQuery(page: Page, text: string): Promise<void> {
  await input(page).fill('');
  await input(page).pressSequentially(text, { delay: 25 });
}

/**
 * The whole text as one input event (a paste): one search and one suggestion request, so no
 * answer to an earlier prefix can land after the test has moved on, however slow the machine.
 */
async function enterQuery(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
}

/** The query whose results the widget shows: every mark in the hits is one of `words`. */
const showsResultsFor = (page: Page, count: number, words: string[]) =>
  page.waitForFunction(
    ({ count, words }) => {
      const root = document.querySelector('turkce-search')!.shadowRoot!;
      const marks = [...root.querySelectorAll('li.hit mark')].map((m) => m.textContent!.toLocaleLowerCase('tr'));
      return root.querySelectorAll('li.hit').length === count && marks.length > 0 && marks.every((m) => words.includes(m));
    },
    { count, words },
  );

describe('GET /widget.js', () => {
  it('is one small script that other sites may load, with a validator', async () => {
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/widget.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/javascript/);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.match(res.headers.get('cache-control')!, /public, max-age=\d+/);
    const etag = res.headers.get('etag')!;
    assert.match(etag, /^"[\w-]{22}"$/);
    const body = Buffer.from(await res.arrayBuffer());
    const gz = gzipSync(body, { level: 9 }).length;
    assert.ok(gz < 15_000, `widget.js is ${gz} bytes gzipped`);
    assert.doesNotMatch(body.toString(), /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    const again = await fetch(`http://127.0.0.1:${gatewayPort}/widget.js`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });
});

describe('the widget on another origin', () => {
  let page: Page;
  before(async () => {
    page = await openEmbed();
  });
  after(() => page.close());

  it('is accessible before anything is typed: search region, label, combobox wired to its listbox', async () => {
    const shadow = await page.evaluate(() => {
      const root = document.querySelector('turkce-search')!.shadowRoot!;
      const q = root.querySelector('input')!;
      return {
        region: root.querySelector('[role=search]')?.getAttribute('aria-label'),
        label: root.querySelector(`label[for="${q.id}"]`)?.textContent,
        expanded: q.getAttribute('aria-expanded'),
        controls: root.getElementById(q.getAttribute('aria-controls')!)?.getAttribute('role'),
        live: root.querySelector('[role=status]')?.getAttribute('aria-live'),
        lang: root.querySelector('[role=search]')?.getAttribute('lang'),
      };
    });
    assert.deepEqual(shadow, { region: 'Site içi arama', label: 'Ara', expanded: 'false', controls: 'listbox', live: 'polite', lang: 'tr' });
  });

  it('finds imamoglu as you type and highlights İmamoğlu in titles and snippets', async () => {
    await typeQuery(page, 'imamoglu');
    // Answers to the prefixes typed on the way (imam, imamo…) may show first; wait for the last.
    await showsResultsFor(page, 5, ['imamoğlu']);
    const marks = await page.locator('turkce-search li.hit mark').allTextContents();
    assert.ok(marks.some((m) => m === 'İmamoğlu'), marks.join(','));
    assert.deepEqual([...new Set(marks.map((m) => m.toLocaleLowerCase('tr')))], ['imamoğlu']);
    const langs = await hits(page).evaluateAll((els) => els.map((e) => e.getAttribute('lang')).sort());
    assert.deepEqual(langs, ['en', 'en', 'tr', 'tr', 'tr']);
    assert.equal(await page.locator('turkce-search [role=status]').textContent(), '5 sonuç');
  });

  it('narrows to one language with a chip, while the other chip keeps its count', async () => {
    assert.match((await chip(page, 'tr').textContent())!, /Türkçe\s*3/);
    assert.match((await chip(page, 'en').textContent())!, /English\s*2/);
    // The suggestion list overlays the chips while the box has focus: Escape closes it.
    await input(page).press('Escape');
    await page.locator('turkce-search [role=listbox]').waitFor({ state: 'hidden' });
    await chip(page, 'en').click();
    await page.waitForFunction(() => {
      const els = [...document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit')];
      return els.length === 2 && els.every((e) => e.getAttribute('lang') === 'en');
    });
    assert.equal(await chip(page, 'en').getAttribute('aria-pressed'), 'true');
    assert.match((await chip(page, 'tr').textContent())!, /Türkçe\s*3/, 'the unselected chip keeps its count');
    assert.equal(await chip(page, 'en').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, 'focus stays on the chip');
    await chip(page, '').click();
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 5);
  });

  it('picks a suggestion with ArrowDown + Enter: the query becomes the suggestion and results follow', async () => {
    // One input event: a list for an earlier prefix arriving late would reset the selection.
    await enterQuery(page, 'imam');
    const listbox = page.locator('turkce-search [role=listbox]');
    await listbox.waitFor({ state: 'visible' });
    assert.equal(await input(page).getAttribute('aria-expanded'), 'true');
    await input(page).press('ArrowDown');
    const first = page.locator('turkce-search [role=option]').first();
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    assert.equal(await input(page).getAttribute('aria-activedescendant'), await first.getAttribute('id'));
    const text = (await first.textContent())!.replace(/\d+$/, '');
    const searched = page.waitForResponse((r) => r.url().includes('/search?') && new URL(r.url()).searchParams.get('q') === text);
    await input(page).press('Enter');
    await searched;
    assert.equal(await input(page).inputValue(), text);
    await listbox.waitFor({ state: 'hidden' });
    assert.equal(await input(page).getAttribute('aria-expanded'), 'false');
    await page.waitForFunction((t) => {
      const root = document.querySelector('turkce-search')!.shadowRoot!;
      return root.querySelectorAll('li.hit').length > 0 && root.querySelector('[role=status]')!.textContent!.endsWith('sonuç') && root.querySelector('input')!.value === t;
    }, text);
    // Escape closes an open list first, then clears the box.
    await enterQuery(page, 'imam');
    await listbox.waitFor({ state: 'visible' });
    await input(page).press('Escape');
    await listbox.waitFor({ state: 'hidden' });
    assert.equal(await input(page).inputValue(), 'imam');
    await input(page).press('Escape');
    assert.equal(await input(page).inputValue(), '');
  });

  it('never lets a slow answer to an older query replace the newer results', async () => {
    // The answer for "istanbul" is held back 1.5 s; "imamoglu" is typed meanwhile.
    await page.route(/\/search\?/, async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') === 'istanbul') await new Promise((r) => setTimeout(r, 1500));
      await route.continue().catch(() => {}); // the widget may have aborted it by then
    });
    const held = page.waitForRequest((r) => r.url().includes('/search?') && new URL(r.url()).searchParams.get('q') === 'istanbul');
    await enterQuery(page, 'istanbul');
    const heldRequest = await held;
    await enterQuery(page, 'imamoglu');
    // The held answer comes back (or fails, aborted by the widget) only after its 1.5 s; once
    // it has, whatever it could do to the page is done by the time the newer results show.
    await heldRequest.response().catch(() => null);
    await showsResultsFor(page, 5, ['imamoğlu']);
    const marks = await page.locator('turkce-search li.hit mark').allTextContents();
    assert.deepEqual([...new Set(marks.map((m) => m.toLocaleLowerCase('tr')))], ['imamoğlu']);
    assert.equal(await hits(page).count(), 5);
    await page.unroute(/\/search\?/);
  });

  it('shows an error when the gateway is down, and recovers when it is back', async () => {
    await stop(gatewayServer);
    // The error shown must be the one for the last query: with an error for an earlier
    // prefix on screen and that query still pending, it would succeed once the gateway is
    // back and take the retry button away before the click.
    const failed = page.waitForEvent('requestfailed', (r) => r.url().includes('/search?') && new URL(r.url()).searchParams.get('q') === 'istanbul');
    await enterQuery(page, 'istanbul');
    await failed;
    await alertBox(page).waitFor({ state: 'visible' });
    assert.match((await alertBox(page).textContent())!, /Arama şu anda kullanılamıyor/);
    assert.equal(await hits(page).count(), 0);
    await listen(gatewayServer, gatewayPort);
    await page.locator('turkce-search [role=alert] button').click();
    await alertBox(page).waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length > 0);
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    await enterQuery(page, 'imamoglu');
    await showsResultsFor(page, 5, ['imamoğlu']);
    const { scroll, widest } = await page.evaluate(() => {
      const root = document.querySelector('turkce-search')!.shadowRoot!;
      const widest = Math.max(...[...root.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right));
      return { scroll: document.documentElement.scrollWidth, widest };
    });
    assert.ok(scroll <= 320, `page is ${scroll} px wide`);
    assert.ok(widest <= 320, `an element reaches ${widest} px`);
  });
});

describe('document text is never markup', () => {
  it('shows <img onerror>, <script> and <mark> from a document literally, runs nothing, links no javascript:', async () => {
    const page = await openEmbed();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await enterQuery(page, 'xsskontrol');
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 1);
    const hit = await page.evaluate(() => {
      const root = document.querySelector('turkce-search')!.shadowRoot!;
      return {
        title: root.querySelector('li.hit .title')!.textContent,
        snippet: root.querySelector('li.hit .snip')!.textContent,
        marks: [...root.querySelectorAll('li.hit mark')].map((m) => m.textContent),
      };
    });
    // And the suggestion list, which shows titles too (read apart: the search for this
    // prefix replaces the hits above when it lands).
    await enterQuery(page, 'xsskontr');
    await page.locator('turkce-search [role=option]').first().waitFor();
    const seen = await page.evaluate(() => {
      const root = document.querySelector('turkce-search')!.shadowRoot!;
      return {
        injected: root.querySelectorAll('img, script, iframe, object, [onerror]').length + document.querySelectorAll('img').length,
        links: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        options: [...root.querySelectorAll('[role=option]')].map((o) => o.textContent),
      };
    });
    await page.waitForTimeout(300); // an onerror would have fired by now
    assert.deepEqual(dialogs, []);
    assert.equal(seen.injected, 0);
    assert.equal(hit.title, XSS_TITLE);
    assert.match(hit.snippet!, /<img src=x onerror=alert\(3\)> ve <script>alert\(4\)<\/script> ile <mark>sahte<\/mark>/);
    assert.ok(hit.marks.length > 0 && hit.marks.every((m) => m!.toLowerCase() === 'xsskontrol'), hit.marks.join(','));
    assert.deepEqual(seen.links, []);
    assert.ok(seen.options.includes(XSS_TITLE), seen.options.join(' | '));
    await page.close();
  });
});

describe('CORS and defaults', () => {
  it('fails (error state) from a page whose origin the gateway does not allow', async () => {
    const closedPort = (closedServer.address() as { port: number }).port;
    const page = await openEmbed({}, closedPort);
    await enterQuery(page, 'imamoglu');
    await alertBox(page).waitFor({ state: 'visible' });
    assert.equal(await hits(page).count(), 0);
    // The same request from Node (no browser, no CORS) succeeds: it is CORS that stopped the page.
    const direct = await fetch(`http://127.0.0.1:${closedPort}/search?q=imamoglu`, { headers: { Origin: embed.origin } });
    assert.equal(direct.status, 200);
    assert.equal(direct.headers.get('access-control-allow-origin'), null);
    await page.close();
  });

  it('without data-endpoint, calls the gateway it was loaded from; English UI from data-lang', async () => {
    const page = await openEmbed({ endpoint: '0', attrs: 'data-lang="en" data-per-page="2"' });
    await enterQuery(page, 'imamoglu');
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 2);
    assert.equal(await page.locator('turkce-search [role=status]').textContent(), '5 results');
    await page.locator('turkce-search button.more').click();
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 4);
    assert.equal(await page.locator('turkce-search [role=status]').textContent(), 'Showing 4 of 5');
    await page.close();
  });

  it('sends data-api-key as a bearer token (through the CORS preflight); says so when the key is wrong', async () => {
    const keyedPort = (keyedServer.address() as { port: number }).port;
    const good = await openEmbed({ attrs: `data-api-key="${PUBLIC_KEY}"` }, keyedPort);
    await enterQuery(good, 'imamoglu');
    await good.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 5);
    await good.close();
    const bad = await openEmbed({ attrs: 'data-api-key="wrong"' }, keyedPort);
    await enterQuery(bad, 'imamoglu');
    await alertBox(bad).waitFor({ state: 'visible' });
    assert.match((await alertBox(bad).textContent())!, /API anahtarı/);
    await bad.close();
  });

  it('says once that nothing matches (in the live status line), with a hint below', async () => {
    const page = await openEmbed();
    await enterQuery(page, 'qqzzxxyy');
    await page.locator('turkce-search .empty').waitFor({ state: 'visible' });
    assert.equal(await page.locator('turkce-search [role=status]').textContent(), '“qqzzxxyy” için sonuç bulunamadı.');
    assert.match((await page.locator('turkce-search .empty').textContent())!, /Yazımı kontrol edin/);
    const all = await page.evaluate(() => document.querySelector('turkce-search')!.shadowRoot!.textContent ?? '');
    assert.equal(all.split('sonuç bulunamadı').length - 1, 1, all);
    await page.close();
  });

  it('sorts by relevance or newest first', async () => {
    const page = await openEmbed();
    const firstTitle = () => page.evaluate(() => document.querySelector('turkce-search')!.shadowRoot!.querySelector('li.hit .title')?.textContent ?? '');
    await typeQuery(page, 'derbi');
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 2);
    assert.equal(await firstTitle(), SPORT_A.title);
    assert.deepEqual(await page.locator('turkce-search #sort option').allTextContents(), ['En ilgili', 'En yeni']);
    await page.locator('turkce-search #sort').selectOption('date:desc');
    await page.waitForFunction((t) => document.querySelector('turkce-search')!.shadowRoot!.querySelector('li.hit .title')?.textContent === t, SPORT_B.title);
    await page.close();
  });

  it('filters by source and category under configured labels, and links results to their url', async () => {
    const page = await openEmbed({ attrs: `data-browse data-labels='${LABELS}'` });
    await page.waitForFunction(() => (document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('#source option').length ?? 0) > 1);
    const sources = await page.locator('turkce-search #source option').allTextContents();
    assert.deepEqual(sources.sort(), ['42bin Haber (1)', 'TTC-3600 Derlemi (1)', 'Tüm kaynaklar'].sort());
    const key = await page.locator('turkce-search #source option', { hasText: '42bin Haber' }).getAttribute('value');
    await page.locator('turkce-search #source').selectOption(key!);
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 1);
    const link = page.locator('turkce-search li.hit a.title');
    assert.equal(await link.getAttribute('href'), SPORT_B.url);
    assert.match((await page.locator('turkce-search li.hit .meta').textContent())!, /42bin Haber/);
    await page.locator('turkce-search #source').selectOption('');
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('#category option').length > 2);
    await page.locator('turkce-search #category').selectOption('spor');
    await page.waitForFunction((t) => {
      const titles = [...document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit .title')].map((e) => e.textContent);
      return titles.length === 1 && titles[0] === t;
    }, SPORT_A.title);
    await page.close();
  });

  it('offers "did you mean" from the index’s own words when a query finds little, and searches it when picked', async () => {
    const page = await openEmbed();
    await typeQuery(page, 'dervi');
    const offer = page.locator('turkce-search button.link');
    await offer.waitFor({ state: 'visible' });
    assert.equal((await offer.textContent())!.toLocaleLowerCase('tr'), 'derbi');
    await offer.click();
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 2);
    assert.equal((await input(page).inputValue()).toLocaleLowerCase('tr'), 'derbi');
    await page.close();
  });
});

describe('GET / (demo page)', () => {
  it('sends PUBLIC_API_KEY when the gateway requires one, and shows source names from widget/labels.json', async () => {
    const keyedPort = (keyedServer.address() as { port: number }).port;
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`http://127.0.0.1:${keyedPort}/`);
    await page.waitForFunction(() => (document.querySelector('turkce-search')?.shadowRoot?.querySelectorAll('li.hit').length ?? 0) > 0);
    assert.equal(await alertBox(page).isVisible(), false);
    assert.ok((await page.locator('turkce-search #source option').allTextContents()).includes('42bin Haber (1)'));
    await page.close();
  });

  it('lists documents with language chips and years, under its own CSP, with no violation', async () => {
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.match(await (await fetch(`http://127.0.0.1:${gatewayPort}/?lang=tr`)).text(), /<html lang="tr">[\s\S]*Türkçe\/İngilizce haber araması/);
    const page = await newPage(1000);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${gatewayPort}/`);
    await page.waitForFunction(() => (document.querySelector('turkce-search')?.shadowRoot?.querySelectorAll('li.hit').length ?? 0) > 0);
    assert.ok((await chip(page, 'tr').count()) === 1 && (await chip(page, 'en').count()) === 1);
    const years = await page.locator('turkce-search select option').allTextContents();
    assert.ok(years.some((y) => /^2024 \(\d+\)$/.test(y)), years.join(','));
    // The shadow styles applied (a constructed sheet: no 'unsafe-inline' needed).
    const radius = await input(page).evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
    assert.equal(radius, '8px');
    await page.locator('turkce-search #year').selectOption('2024');
    await page.waitForFunction(() => document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit').length === 1);
    assert.deepEqual(violations, []);
    await page.close();
  });
});
