import { randomBytes } from 'node:crypto';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Meilisearch 1.21 does not escape `_formatted`: a `<script>` in a document comes back raw
 * and its tags can land inside markup. So we ask it to mark matches with random sentinels
 * that survive escaping (letters and digits only), escape everything, then turn the
 * sentinels into <mark>. A document cannot forge a mark without knowing the sentinel.
 */
export class Highlighter {
  readonly pre: string;
  readonly post: string;

  constructor(seed = randomBytes(12).toString('hex')) {
    this.pre = `HLs${seed}x`;
    this.post = `HLe${seed}x`;
  }

  toSafeHtml(formatted: string): string {
    return escapeHtml(formatted).replaceAll(this.pre, '<mark>').replaceAll(this.post, '</mark>');
  }
}
