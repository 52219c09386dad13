// Highlighted text as segments (plain or marked), never as HTML. The view turns each segment
// into a text node or a <mark> whose textContent is set, so no string from a document, nor
// from the gateway, is ever parsed as markup by the browser: even a gateway bug that let
// `<img onerror>` through would be shown as text.

export interface Segment {
  text: string;
  mark: boolean;
}

export interface Range {
  start: number;
  length: number;
}

/**
 * `text` cut at `ranges` (UTF-16 offsets, as /search gives them in `matches`). Ranges out of
 * bounds, empty or overlapping an earlier one are dropped rather than trusted.
 */
export function segments(text: string, ranges: readonly Range[]): Segment[] {
  const valid = ranges
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.length) && r.length > 0 && r.start >= 0 && r.start + r.length <= text.length)
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const r of valid) {
    if (r.start < at) continue;
    if (r.start > at) out.push({ text: text.slice(at, r.start), mark: false });
    out.push({ text: text.slice(r.start, r.start + r.length), mark: true });
    at = r.start + r.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const TOKEN = /<mark>|<\/mark>|&(amp|lt|gt|quot|#39);|[^<&]+/y;

/**
 * A strict allowlist reader for the `html` of /suggest: text, the five entities the gateway's
 * escaper writes, and un-nested `<mark>`…`</mark>`. Anything else (another tag, an attribute,
 * another entity) makes it give up: null.
 */
export function parseMarked(html: string): Segment[] | null {
  const out: Segment[] = [];
  let mark = false;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const m = TOKEN.exec(html);
    if (!m) return null;
    if (m[0] === '<mark>' || m[0] === '</mark>') {
      if (mark === (m[0] === '<mark>')) return null;
      mark = !mark;
      continue;
    }
    const text = m[1] ? ENTITIES[m[1]]! : m[0];
    const last = out.at(-1);
    if (last && last.mark === mark) last.text += text;
    else out.push({ text, mark });
  }
  return mark ? null : out;
}

/**
 * The marked segments of a suggestion: `html` read by the allowlist reader when what it reads
 * is exactly `text`; otherwise `text` unmarked.
 */
export function suggestionSegments(html: string, text: string): Segment[] {
  const parsed = parseMarked(html);
  if (parsed && parsed.map((s) => s.text).join('') === text) return parsed;
  return text ? [{ text, mark: false }] : [];
}

/** A link target only when it is http(s); `javascript:` and the like are not links. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
