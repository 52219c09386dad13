import { analyzeField, FIELD_SEPARATOR, cleanText, detectLanguage, facetKey, suggestionTerms, tokenSpans } from '../analysis/index.ts';
import { normalizeLang } from './lang.ts';
import { InvalidDateError, parseDate } from './dates.ts';
import { contentId, primaryKeyFor } from './ids.ts';
import { DocumentError, type SearchDocument } from './types.ts';
import { BODY_HEAD_CHARS, MAX_ANALYSED_CHARS } from './limits.ts';

export interface BuildOptions {
  /** Language for documents that give none (skips detection). */
  lang?: string;
}

const BODY_STEM_FIELDS = ['body_stem', 'body_stem_2', 'body_stem_3', 'body_stem_4'] as const;

/** Facet values are labels (a source, a category), not text. */
export const MAX_FACET_VALUE = 200;

const TEXT_FIELDS = ['title', 'body', 'text', 'content', 'source', 'category', 'url', 'date', 'lang'] as const;

/**
 * The start of a body that search hits retrieve (src/search/limits.ts BODY_HEAD_CHARS): the
 * body itself when it is no longer, else its first BODY_HEAD_CHARS characters, one more when
 * the cut falls inside a surrogate pair (Meilisearch refuses a lone surrogate).
 */
export function bodyHead(body: string): string {
  if (body.length <= BODY_HEAD_CHARS) return body;
  const high = /[\uD800-\uDBFF]/.test(body[BODY_HEAD_CHARS - 1]!);
  return body.slice(0, BODY_HEAD_CHARS + (high ? 1 : 0));
}

/** The part of a body that is analysed (MAX_ANALYSED_CHARS), cut before a word. */
export function analysedPart(body: string): string {
  if (body.length <= MAX_ANALYSED_CHARS) return body;
  const space = body.lastIndexOf(' ', MAX_ANALYSED_CHARS);
  return body.slice(0, space > MAX_ANALYSED_CHARS - 1_000 ? space : MAX_ANALYSED_CHARS);
}

function optionalString(rec: Record<string, unknown>, field: string): string | undefined {
  const v = rec[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new DocumentError(`field "${field}" must be a string, got ${Array.isArray(v) ? 'array' : typeof v}`);
  // Cleaned and NFC: the stored text is what highlight offsets index, and what analysis sees.
  const t = cleanText(v).trim();
  return t === '' ? undefined : t;
}

/**
 * Turns one input record into the document stored in Meilisearch: validated fields,
 * language, numeric date fields and the analysed forms of title and body.
 */
export function buildDocument(record: unknown, opts: BuildOptions = {}): SearchDocument {
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw new DocumentError('document must be a JSON object');
  const rec = record as Record<string, unknown>;
  // Every text field checked and cleaned once, before any is used (a wrong type anywhere fails the document).
  const fields = Object.fromEntries(TEXT_FIELDS.map((f) => [f, optionalString(rec, f)])) as Record<(typeof TEXT_FIELDS)[number], string | undefined>;

  const title = fields.title ?? '';
  const body = fields.body ?? fields.text ?? fields.content ?? '';
  if (!title && !body) throw new DocumentError('document has neither title nor body (body, text or content)');

  let id: string;
  if (rec.id === undefined || rec.id === null) id = contentId(title, body);
  else if (typeof rec.id === 'string' && rec.id.length > 0) {
    // Kept exactly, so it must be storable as it is.
    if (!rec.id.isWellFormed()) throw new DocumentError('id is not valid Unicode (it holds a lone surrogate)');
    id = rec.id;
  }
  else if (typeof rec.id === 'number' && Number.isSafeInteger(rec.id)) id = String(rec.id);
  else throw new DocumentError('id must be a non-empty string or an integer');

  const given = fields.lang;
  const analysed = analysedPart(body);
  const lang = given ? normalizeLang(given) : opts.lang ?? detectLanguage(`${title}\n${analysed}`);

  const t = analyzeField(title, lang);
  const bodySpans = tokenSpans(analysed);
  const b = analyzeField(analysed, lang, bodySpans);
  const doc: SearchDocument = {
    pk: primaryKeyFor(id),
    id,
    lang,
    title,
    body,
    body_head: bodyHead(body),
    title_stem: t.stems.join(FIELD_SEPARATOR),
    body_stem: b.stems[0] ?? '',
    title_exact: t.exact,
    body_exact: b.exact,
    terms: suggestionTerms(title, analysed, lang, bodySpans),
  };
  // Up to four stem chunks (188,000 distinct stems); past them, a body is searchable by its own words.
  b.stems.slice(1, BODY_STEM_FIELDS.length).forEach((chunk, i) => (doc[BODY_STEM_FIELDS[i + 1]!] = chunk));
  const date = fields.date;
  if (date) {
    try {
      const d = parseDate(date);
      Object.assign(doc, { date: d.display, date_ts: d.start, date_end_ts: d.end, year: d.year });
      if (d.month) doc.month = d.month;
    } catch (err) {
      if (err instanceof InvalidDateError) throw new DocumentError(err.message);
      throw err;
    }
  }
  const url = fields.url;
  if (url) doc.url = url;
  for (const f of ['source', 'category'] as const) {
    const v = fields[f];
    if (!v) continue;
    if (v.length > MAX_FACET_VALUE) throw new DocumentError(`field "${f}" is longer than ${MAX_FACET_VALUE} characters`);
    const key = facetKey(v);
    if (!key) throw new DocumentError(`field "${f}" has no letter or digit`);
    doc[f] = v;
    doc[`${f}_key`] = key;
  }
  return doc;
}
