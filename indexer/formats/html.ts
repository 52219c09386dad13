// HTML documents, read with a real parser (htmlparser2, entities decoded by `entities`: every
// named and numeric reference of HTML5, `G&ouml;r&uuml;&scedil;` → `Görüş`). The body is the
// page's main content as a reader sees it: <article> or <main> when there is one, without
// navigation, header, footer, sidebars, scripts, styles and forms.
import type { AnyNode, Element } from 'domhandler';
import { decodeHTML } from 'entities';
import { DomUtils, parseDocument } from 'htmlparser2';

export function decodeEntities(s: string): string {
  return decodeHTML(s);
}

// Never prose: dropped with everything inside them.
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'iframe', 'select', 'dialog']);
const SKIP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu']);
// Elements that end a line of text.
const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'tr', 'section', 'article', 'main', 'blockquote', 'pre', 'figure', 'figcaption', 'table',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'dt', 'dd', 'hr', 'address', 'td', 'th',
]);

function skipped(el: Element): boolean {
  return SKIP.has(el.name) || SKIP_ROLES.has(el.attribs.role ?? '') || el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true';
}

/** Visible text, one line per block, spaces collapsed. */
function textOf(nodes: AnyNode[]): string {
  const out: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') out.push((n as unknown as { data: string }).data);
    else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      const el = n as Element;
      if (skipped(el)) return;
      const block = BLOCK.has(el.name);
      if (block) out.push('\n');
      for (const c of el.children) walk(c);
      if (block) out.push('\n');
    }
  };
  for (const n of nodes) walk(n);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The part of the page that holds its content: the longest <article>, else <main>, else <body>. */
function mainContent(doc: AnyNode[]): AnyNode[] {
  const articles = DomUtils.getElementsByTagName('article', doc, true);
  if (articles.length) return [articles.reduce((a, b) => (textOf([b]).length > textOf([a]).length ? b : a))];
  const main = DomUtils.findOne((e) => e.name === 'main' || e.attribs.role === 'main', doc, true);
  if (main) return [main];
  const body = DomUtils.findOne((e) => e.name === 'body', doc, true);
  return body ? body.children : doc;
}

export function parseHtml(html: string): Record<string, string | undefined> {
  const doc = parseDocument(html, { decodeEntities: true }).children;
  const metas = DomUtils.getElementsByTagName('meta', doc, true);
  const meta = (...names: string[]) => {
    for (const name of names) {
      const m = metas.find((e) => (e.attribs.name ?? e.attribs.property ?? e.attribs.itemprop)?.toLowerCase() === name);
      const v = m?.attribs.content?.trim();
      if (v) return v;
    }
    return undefined;
  };
  const first = (tag: string) => DomUtils.getElementsByTagName(tag, doc, true, 1)[0];
  const titleEl = first('title');
  const h1 = first('h1');
  const title = meta('og:title') ?? (titleEl && textOf(titleEl.children)) ?? (h1 && textOf(h1.children));
  const time = DomUtils.findOne((e) => e.name === 'time' && !!e.attribs.datetime, doc, true)?.attribs.datetime;
  const date = (meta('article:published_time', 'date', 'dc.date', 'dcterms.date', 'pubdate', 'datepublished') ?? time)?.slice(0, 10);
  const canonical = DomUtils.findOne((e) => e.name === 'link' && e.attribs.rel?.toLowerCase() === 'canonical', doc, true)?.attribs.href;
  const lang = (first('html')?.attribs.lang ?? '').match(/^([a-zA-Z]{2})(?:[-_][a-zA-Z]+)?$/)?.[1]?.toLowerCase();
  return {
    title: title || undefined,
    body: textOf(mainContent(doc)),
    lang: lang || undefined,
    date: date && /^\d{4}(-\d{2}){0,2}$/.test(date) ? date : undefined,
    source: meta('og:site_name', 'source'),
    category: meta('article:section', 'category'),
    url: meta('og:url') ?? canonical,
  };
}
