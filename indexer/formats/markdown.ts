import { parseText } from './text.ts';

// Markdown documents: optional front matter (title/date/lang/source/category/url), the
// first heading as title, and the text without markup as body.

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/;

export function markdownToText(md: string): string {
  return md
    .replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '') // code blocks are not prose
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*[-*+][ \t]+/gm, '')
    .replace(/(\*\*|\*|`)(\S[\s\S]*?\S|\S)\1/g, '$2')
    // `_` emphasises only at word edges: snake_case_name stays three words apart
    .replace(/(?<!\w)(__|_)(\S[\s\S]*?\S|\S)\1(?!\w)/g, '$2')
    .replace(/^[ \t]*([-*_][ \t]*){3,}$/gm, '');
}

export function parseMarkdown(content: string): Record<string, string> {
  let md = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const meta: Record<string, string> = {};
  const fm = FRONT_MATTER.exec(md);
  if (fm) {
    for (const line of fm[1]!.split('\n')) {
      const kv = /^(\w+):\s*(.*)$/.exec(line);
      if (kv) meta[kv[1]!.toLowerCase()] = kv[2]!.replace(/^["']|["']$/g, '').trim();
    }
    md = md.slice(fm[0].length);
  }
  const heading = /^[ \t]{0,3}#[ \t]+(.+)$/m.exec(md);
  const text = markdownToText(heading ? md.replace(heading[0], '') : md);
  const parsed = heading ? { title: heading[1]!.trim(), body: text.trim() } : parseText(text);
  return { ...parsed, ...meta } as Record<string, string>;
}
