// npm run screenshots: docs/demo.png (GET / of the gateway), docs/widget.png (the widget
// embedded in a page of another origin, with results and chips) and docs/widget-320.png (the
// same at 320 px). Starts its own Meilisearch in a temporary folder, with the sample documents
// and, when ../shared is there, the seed articles. Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIndexer } from '../indexer/pipeline.ts';
import { createGateway } from '../src/gateway.ts';
import { createClient } from '../src/meili/client.ts';
import { startEmbedded } from '../src/engine/embedded.ts';
import { launchBrowser, startEmbedServer, stop } from '../tests/helpers/browser.ts';
import { PROJECT_ROOT, SEEDS_NDJSON } from '../tests/helpers/meili.ts';

const OUT = path.join(PROJECT_ROOT, 'docs');
const INDEX = 'documents';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'screenshots-meili-'));
  const engine = await startEmbedded({ dataDir, binary: process.env.MEILISEARCH_BIN });
  const embed = await startEmbedServer();
  const gateway = createGateway({ url: engine.url, key: engine.key }, { indexUid: INDEX, timeoutMs: 5000, loadSamples: true, corsOrigins: [embed.origin] });
  const server = gateway.app.listen(0, '127.0.0.1');
  const browser = await launchBrowser();
  try {
    await gateway.bootstrap();
    if (existsSync(SEEDS_NDJSON)) await runIndexer({ paths: [SEEDS_NDJSON], client: createClient({ url: engine.url, key: engine.key }, 60_000), indexUid: INDEX });
    await new Promise((r) => (server.listening ? r(undefined) : server.once('listening', r)));
    const port = (server.address() as { port: number }).port;
    await mkdir(OUT, { recursive: true });
    const hitsShown = (n: number) => (document.querySelector('turkce-search')?.shadowRoot?.querySelectorAll('li.hit').length ?? 0) >= n;

    const demo = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await demo.goto(`http://127.0.0.1:${port}/`);
    await demo.waitForFunction(hitsShown, 3);
    await demo.screenshot({ path: path.join(OUT, 'demo.png'), fullPage: true });
    await demo.close();

    for (const [file, width] of [['widget.png', 900], ['widget-320.png', 320]] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${embed.origin}/embed?gateway=${port}&endpoint=1`);
      const box = page.locator('turkce-search input');
      await box.pressSequentially('imamoglu', { delay: 30 });
      await page.waitForFunction(hitsShown, 3);
      await box.press('Escape'); // close the suggestions: the shot shows chips and results
      await page.locator('turkce-search [role=listbox]').waitFor({ state: 'hidden' });
      await page.locator('turkce-search .chip[data-key="tr"]').click();
      await page.waitForFunction(() => [...document.querySelector('turkce-search')!.shadowRoot!.querySelectorAll('li.hit')].every((e) => e.getAttribute('lang') === 'tr'));
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(OUT, file), fullPage: true });
      await page.close();
    }
    process.stdout.write(`wrote docs/demo.png, docs/widget.png, docs/widget-320.png\n`);
  } finally {
    await browser.close();
    await stop(server);
    await stop(embed.server);
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}


main().catch((err: Error) => {
  process.stderr.write(`screenshots: ${err.message}\n`);
  process.exit(1);
});
