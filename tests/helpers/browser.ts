// Headless Chromium (Debian's, driven by playwright-core) and a second origin for pages that
// embed the widget: what the browser tests and the screenshot script share.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium with a fresh temporary profile (Playwright makes one per launch). The flags keep
 * it off the network: this machine's closed network refuses its background connections.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const portOf = (server: Server) => (server.address() as AddressInfo).port;

export function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(portOf(server));
    });
  });
}

/** Stops a server now, open keep-alive connections included. */
export function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export interface EmbedOptions {
  /** Port of the gateway on 127.0.0.1. */
  gateway: number;
  /** Give data-endpoint (else the widget uses the folder widget.js came from). */
  endpoint?: boolean;
  lang?: 'tr' | 'en';
  /** Extra attributes on the element, written as given (test input, not user input). */
  attrs?: string;
}

/**
 * An HTML page embedding the widget from another origin, as a third-party site would:
 * `/embed?gateway=PORT&endpoint=1&lang=tr`.
 */
export function embedPage(opts: EmbedOptions): string {
  const gw = `http://127.0.0.1:${opts.gateway}`;
  return `<!doctype html>
<html lang="${opts.lang ?? 'tr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Başka bir site</title>
<link rel="icon" href="data:,">
<script src="${gw}/widget.js" defer></script>
<style>body{font-family:Georgia,serif;margin:0;background:#fbfaf7;color:#222}header{background:#7a1f1f;color:#fff;padding:12px 16px}main{max-width:720px;margin:0 auto;padding:16px}
turkce-search{--ts-accent:#7a1f1f;--ts-radius:4px}</style></head>
<body><header><strong>Haber Sitesi</strong> — örnek yerleştirme</header>
<main><turkce-search ${opts.endpoint ? `data-endpoint="${gw}"` : ''} ${opts.attrs ?? ''}></turkce-search></main></body></html>`;
}

/** A tiny server on another port (so another origin) that serves embedPage(). */
export async function startEmbedServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/embed') {
      res.writeHead(404).end();
      return;
    }
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'tr';
    const html = embedPage({
      gateway: Number(url.searchParams.get('gateway')),
      endpoint: url.searchParams.get('endpoint') === '1',
      lang,
      attrs: url.searchParams.get('attrs') ?? '',
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  const port = await listen(server);
  return { server, origin: `http://127.0.0.1:${port}` };
}
