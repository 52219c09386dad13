import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { log } from '../../log.ts';
import { defineRoute } from '../route.ts';

export const WIDGET_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'widget');

export interface Asset {
  body: Buffer;
  etag: string;
}

const etagOf = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/** widget/ bundled by esbuild into one minified IIFE: no build step for the embedder, none at install. */
export async function buildWidget(): Promise<Asset> {
  // Loaded on first use: the API does not pay for esbuild unless the widget is asked for.
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.join(WIDGET_DIR, 'search-box.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const body = Buffer.from(out.outputFiles[0]!.contents);
  return { body, etag: etagOf(body) };
}

/** Built once per process, on the first request; a failed build is retried by the next one. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () =>
    (p ??= make().catch((err: unknown) => {
      p = undefined;
      throw err;
    }));
}

export const widgetBundle = once(buildWidget);

const DEMO_TEXT = {
  en: {
    title: 'Turkish/English news search',
    intro: 'Type a word in Turkish or English, with or without Turkish letters (imamoglu, istanbul’da, seçim). Filter by language, year, source and category; sort by relevance or newest first.',
    embed: 'Put it on your own page',
    api: 'API',
  },
  tr: {
    title: 'Türkçe/İngilizce haber araması',
    intro: 'Türkçe ya da İngilizce bir kelime yazın; Türkçe harfli ya da harfsiz (imamoglu, istanbul’da, seçim). Dile, yıla, kaynağa ve kategoriye göre süzün; ilgiye ya da tarihe göre sıralayın.',
    embed: 'Kendi sayfanıza ekleyin',
    api: 'API',
  },
} as const;

interface DemoPage {
  html: Record<'tr' | 'en', Asset>;
  csp: string;
}

export interface WidgetOptions {
  /** PUBLIC_API_KEY: the demo page's widget must send it when the gateway requires it. */
  publicKey?: string;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** widget/demo.html with its texts filled in; its one inline <style> is allowed by hash, not 'unsafe-inline'. */
async function loadDemo(opts: WidgetOptions): Promise<DemoPage> {
  const template = await readFile(path.join(WIDGET_DIR, 'demo.html'), 'utf8');
  // Display names of the corpus's sources (widget/labels.json), handed to the widget as data-labels.
  const labels = JSON.stringify(JSON.parse(await readFile(path.join(WIDGET_DIR, 'labels.json'), 'utf8')));
  // The public key is meant for browsers (it only searches), so the page may carry it.
  const widgetAttrs = [`data-labels="${attr(labels)}"`, ...(opts.publicKey ? [`data-api-key="${attr(opts.publicKey)}"`] : [])].join(' ');
  const style = /<style>([\s\S]*?)<\/style>/.exec(template)?.[1] ?? '';
  const hash = createHash('sha256').update(style).digest('base64');
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'sha256-${hash}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const fill = (lang: 'tr' | 'en') => {
    const texts: Record<string, string> = { lang, ...DEMO_TEXT[lang], widgetAttrs };
    const body = Buffer.from(template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => texts[k] ?? ''));
    return { body, etag: etagOf(body) };
  };
  return { html: { tr: fill('tr'), en: fill('en') }, csp };
}


/** 304 when the client holds this version. */
function sendAsset(req: Request, res: Response, asset: Asset): void {
  res.set('ETag', asset.etag);
  const held = req.get('if-none-match');
  if (held && held.split(',').some((t) => t.trim().replace(/^W\//, '') === asset.etag)) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}

export const widgetRoutes = (opts: WidgetOptions = {}) => {
  const demoPage = once(() => loadDemo(opts));
  return [
  defineRoute(
    {
      method: 'get',
      path: '/widget.js',
      tag: 'widget',
      access: 'open',
      summary: 'The embeddable search widget: one script defining <turkce-search>',
      description: 'Load it with a script element (src …/widget.js, defer) on any site; it calls /search and /suggest of this gateway (CORS_ORIGINS must allow that site).',
      responses: { 200: { description: 'A minified script (text/javascript).' }, 304: { description: 'Unchanged since the ETag sent in If-None-Match.' } },
    },
    async (_in, req, res) => {
      let asset: Asset;
      try {
        asset = await widgetBundle();
      } catch (err) {
        log.error({ err: (err as Error).message }, 'widget build failed');
        throw err;
      }
      res.set({
        'Content-Type': 'text/javascript; charset=utf-8',
        // Helmet's same-origin would stop other sites' pages from running the script.
        'Cross-Origin-Resource-Policy': 'cross-origin',
        // For <script crossorigin integrity=...>: the script is public and sent without credentials.
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=3600',
      });
      sendAsset(req, res, asset);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/',
      tag: 'widget',
      access: 'open',
      summary: 'A demo page: the widget over this gateway’s index, with language and year facets',
      query: z.object({ lang: z.enum(['tr', 'en']).optional().meta({ description: 'Language of the page and the widget.' }) }),
      responses: { 200: { description: 'An HTML page.' }, 304: { description: 'Unchanged since the ETag sent in If-None-Match.' } },
    },
    async ({ query }, req, res) => {
      const demo = await demoPage();
      res.set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': demo.csp,
        'Cache-Control': 'no-cache',
      });
      sendAsset(req, res, demo.html[query.lang ?? 'en']);
    },
  ),
];
};
