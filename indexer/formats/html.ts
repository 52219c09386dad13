// HTML documents: <title> (or the first <h1>) as title, visible text as body,
// <html lang> and common date/source meta tags as fields.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', euro: '€',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

function stripTags(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(br|\/p|\/div|\/h[1-6]|\/li|\/tr|\/section|\/article|\/blockquote)\b[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  )
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function meta(html: string, names: string[]): string | undefined {
  for (const name of names) {
    const re = new RegExp(`<meta\\s[^>]*(?:name|property)=["']${name}["'][^>]*>`, 'i');
    const tag = re.exec(html)?.[0];
    const content = tag && /content=(["'])([\s\S]*?)\1/i.exec(tag)?.[2];
    if (content) return decodeEntities(content).trim();
  }
  return undefined;
}

export function parseHtml(html: string): Record<string, string | undefined> {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const date = meta(html, ['article:published_time', 'date', 'dc.date', 'pubdate'])?.slice(0, 10);
  return {
    title: title ? stripTags(title) : undefined,
    body: stripTags(body),
    lang: /<html[^>]*\slang=["']?([a-zA-Z]{2})(?:[-_][a-zA-Z]+)?/i.exec(html)?.[1]?.toLowerCase(),
    date: date && /^\d{4}(-\d{2}){0,2}$/.test(date) ? date : undefined,
    source: meta(html, ['og:site_name', 'source']),
    category: meta(html, ['article:section', 'category']),
    url: meta(html, ['og:url']) ?? /<link\s[^>]*rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(html)?.[1],
  };
}
