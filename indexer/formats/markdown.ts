// Markdown documents, read with real parsers: gray-matter for the front matter (YAML, so
// quoting, dates and comments mean what they mean in YAML) and mdast-util-from-markdown
// (CommonMark) for the text. The first level-1 heading is the title; the body is the text of
// every block in order, one per line, without markup, HTML or code blocks.
import matter from 'gray-matter';
import type { Heading, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { FormatError } from './errors.ts';
import { parseText } from './text.ts';

// Front matter keys the indexer knows; others are left out of the record.
const FIELDS = new Set(['id', 'title', 'date', 'lang', 'source', 'category', 'url']);

/** Front matter values as the indexer's string fields (a YAML date is a Date: back to YYYY-MM-DD). */
function frontMatter(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    const key = k.toLowerCase();
    if (!FIELDS.has(key)) continue;
    if (typeof v === 'string') out[key] = v.trim();
    else if (typeof v === 'number') out[key] = String(v);
    else if (v instanceof Date && !Number.isNaN(v.getTime())) out[key] = v.toISOString().slice(0, 10);
  }
  return out;
}

/** The text of each block, in order; code and raw HTML are not prose. */
function blocks(node: Nodes, skip: Nodes | undefined, out: string[]): string[] {
  if (node === skip || node.type === 'code' || node.type === 'html' || node.type === 'yaml' || node.type === 'definition') return out;
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    const text = toString(node).trim();
    if (text) out.push(text);
    return out;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) blocks(c, skip, out);
  return out;
}

export function markdownToText(md: string): string {
  return blocks(fromMarkdown(md), undefined, []).join('\n');
}

// gray-matter evaluates `---js` front matter with eval(): input is data, never code.
const refuseCode = () => {
  throw new Error('JavaScript front matter is not read (use YAML)');
};
// Options given: gray-matter caches every parsed string otherwise, forever.
const MATTER_OPTIONS = { excerpt: false, engines: { javascript: refuseCode, js: refuseCode, coffee: refuseCode } };

export function parseMarkdown(content: string): Record<string, string> {
  let fm: { content: string; data: Record<string, unknown> };
  try {
    fm = matter(content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), MATTER_OPTIONS);
  } catch (err) {
    throw new FormatError(`invalid front matter: ${(err as Error).message.split('\n')[0]}`);
  }
  const { content: md, data } = fm;
  const meta = frontMatter(data);
  const tree: Root = fromMarkdown(md);
  const heading = tree.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const text = blocks(tree, heading, []).join('\n');
  const parsed = heading ? { title: toString(heading).trim(), body: text } : parseText(text);
  return { ...parsed, ...meta } as Record<string, string>;
}
