// Plain-text documents: the file name (without extension) is the id; an optional
// `date YYYY-MM[-DD]` prefix, on its own line or before the title, sets the date;
// the first non-empty line is the title.

const DATE_PREFIX = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*/i;
// A first line this long is a paragraph, not a headline.
const MAX_HEADLINE = 200;
const DERIVED_TITLE_MAX = 120;

export interface TextRecord {
  title: string;
  body: string;
  date?: string;
}

/** A title for text that has no headline: its first sentence, cut on a word boundary. */
export function firstSentenceTitle(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  const sentence = /^.*?[.!?](?=\s|$)/s.exec(line)?.[0] ?? line;
  if (sentence.length <= DERIVED_TITLE_MAX) return sentence.trim();
  const cut = sentence.slice(0, DERIVED_TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trim()}…`;
}

export function parseText(content: string): TextRecord {
  let text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let date: string | undefined;
  const m = DATE_PREFIX.exec(text);
  if (m) {
    date = m[1];
    text = text.slice(m[0].length);
  }
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { title: '', body: '', date };
  const headline = lines[first]!.trim();
  if (headline.length > MAX_HEADLINE) {
    const body = lines.slice(first).join('\n').trim();
    return { title: firstSentenceTitle(body), body, date };
  }
  return { title: headline, body: lines.slice(first + 1).join('\n').trim(), date };
}
