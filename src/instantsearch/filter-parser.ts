import ISO6391 from 'iso-639-1';
import { facetKey } from '../analysis/index.ts';
import { InvalidDateError, parseDate } from '../documents/dates.ts';
import type { SearchFilters } from '../search/filters.ts';

// Meilisearch filter expressions, as instant-meilisearch writes them, read into the gateway's
// validated SearchFilters. A filter string is never passed on: every value is checked (ISO
// codes, facet keys, whole years, YYYY-MM months) and the Meilisearch filter is rebuilt by
// src/search/filters.ts, so no input can change its structure.
//
// instant-meilisearch turns InstantSearch refinements into:
//   facetFilters   `lang:tr`            → `"lang"="tr"`            (an inner array is an OR group)
//   numericFilters `year>=2020`         → `"year">=2020`
//                  `year:2020 TO 2024`  → `"year" 2020 TO 2024`
//   filters        (configure widget)   → passed as written
// Accepted here: AND of clauses, a clause being one comparison or an OR of equalities on one
// attribute; `=`/`IN` on lang, source, category, year, month; `>`, `>=`, `<`, `<=`, `TO` on year.

export class FilterError extends Error {
  override name = 'FilterError';
}

/** An AND of validated filter sets (several when one attribute is constrained twice). */
export type ParsedFilter = SearchFilters[];

export const FILTER_ATTRIBUTES = ['lang', 'source', 'category', 'year', 'month'] as const;
type Attribute = (typeof FILTER_ATTRIBUTES)[number];
const MAX_COMPARISONS = 100;
/** Parentheses deeper than this are refused (the parser recurses once per level). */
const MAX_DEPTH = 16;

type Op = '=' | '!=' | '>=' | '>' | '<=' | '<' | 'TO' | 'IN';
interface Comparison {
  attr: string;
  op: Op;
  values: string[];
}
type Node = { or: Node[] } | { and: Node[] } | Comparison;

interface Token {
  kind: 'op' | 'punct' | 'word' | 'string';
  value: string;
  at: number;
}

const TOKEN = /\s*(?:(>=|<=|!=|=|>|<)|([()[\],])|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s()[\],=<>!"']+))/y;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    const rest = input.slice(TOKEN.lastIndex);
    if (rest.trim() === '') break;
    const start = TOKEN.lastIndex + rest.length - rest.trimStart().length;
    const m = TOKEN.exec(input);
    if (!m) throw new FilterError(`unexpected character at ${start + 1}: ${JSON.stringify(rest.trim().slice(0, 10))}`);
    if (m[1]) tokens.push({ kind: 'op', value: m[1], at: start });
    else if (m[2]) tokens.push({ kind: 'punct', value: m[2], at: start });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ kind: 'string', value: (m[3] ?? m[4]!).replace(/\\(.)/g, '$1'), at: start });
    else tokens.push({ kind: 'word', value: m[5]!, at: start });
  }
  return tokens;
}

const isKeyword = (t: Token | undefined, kw: string) => t?.kind === 'word' && t.value.toUpperCase() === kw;
const describe = (t: Token | undefined) => (t ? `${JSON.stringify(t.value.slice(0, 20))} at ${t.at + 1}` : 'the end');

/** Recursive descent over Meilisearch's grammar (AND binds tighter than OR), restricted to what we read. */
function parseExpression(input: string, budget: { comparisons: number }): Node | undefined {
  const tokens = tokenize(input);
  if (tokens.length === 0) return undefined;
  let i = 0;
  const peek = () => tokens[i];
  const expect = (pred: (t: Token | undefined) => boolean, what: string): Token => {
    const t = tokens[i];
    if (!pred(t)) throw new FilterError(`expected ${what}, got ${describe(t)}`);
    i++;
    return t!;
  };
  const value = (): string => expect((t) => t?.kind === 'string' || (t?.kind === 'word' && !['AND', 'OR', 'TO'].includes(t.value.toUpperCase())), 'a value').value;

  let depth = 0;
  const comparison = (): Comparison => {
    // Counted as they are read, so a huge filter is refused before it is all parsed.
    if (--budget.comparisons < 0) throw new FilterError(`more than ${MAX_COMPARISONS} comparisons`);
    const first = peek();
    if (isKeyword(first, 'NOT')) throw new FilterError(`NOT is not supported (at ${first!.at + 1})`);
    const attr = expect((t) => t?.kind === 'string' || t?.kind === 'word', 'an attribute').value;
    const next = peek();
    if (next?.kind === 'op') {
      i++;
      return { attr, op: next.value as Op, values: [value()] };
    }
    if (isKeyword(next, 'IN')) {
      i++;
      expect((t) => t?.value === '[' && t.kind === 'punct', '[');
      const values = [value()];
      while (peek()?.value === ',' && peek()?.kind === 'punct') {
        i++;
        values.push(value());
      }
      expect((t) => t?.value === ']' && t.kind === 'punct', '] or ,');
      return { attr, op: 'IN', values };
    }
    if (next?.kind === 'string' || next?.kind === 'word') {
      const low = value();
      expect((t) => isKeyword(t, 'TO'), 'TO');
      return { attr, op: 'TO', values: [low, value()] };
    }
    throw new FilterError(`expected an operator after ${JSON.stringify(attr.slice(0, 20))}, got ${describe(next)}`);
  };
  const unary = (): Node => {
    if (peek()?.kind === 'punct' && peek()!.value === '(') {
      if (++depth > MAX_DEPTH) throw new FilterError(`parentheses nested more than ${MAX_DEPTH} deep`);
      i++;
      const inner = or();
      expect((t) => t?.kind === 'punct' && t.value === ')', ')');
      depth--;
      return inner;
    }
    return comparison();
  };
  const and = (): Node => {
    const parts = [unary()];
    while (isKeyword(peek(), 'AND')) {
      i++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0]! : { and: parts };
  };
  const or = (): Node => {
    const parts = [and()];
    while (isKeyword(peek(), 'OR')) {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { or: parts };
  };
  const node = or();
  if (i < tokens.length) throw new FilterError(`unexpected ${describe(tokens[i])}`);
  return node;
}

/** The comparisons of an OR, however nested; an AND inside an OR cannot be expressed. */
function orMembers(node: Node): Comparison[] {
  if ('or' in node) return node.or.flatMap(orMembers);
  if ('and' in node) throw new FilterError('an AND inside an OR is not supported; use an AND of OR groups');
  return [node];
}

/** AND of OR-clauses (conjunctive form as written; no distribution). */
function clausesOf(node: Node): Comparison[][] {
  if ('and' in node) return node.and.flatMap(clausesOf);
  return [orMembers(node)];
}

function attributeOf(name: string): Attribute {
  if (!(FILTER_ATTRIBUTES as readonly string[]).includes(name)) {
    throw new FilterError(`filtering on ${JSON.stringify(name.slice(0, 40))} is not supported; filterable: ${FILTER_ATTRIBUTES.join(', ')}`);
  }
  return name as Attribute;
}

const YEAR_MIN = 0;
const YEAR_MAX = 9999;

function yearValue(raw: string, op: Op): number {
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new FilterError(`year: ${JSON.stringify(raw.slice(0, 20))} is not a number`);
  const n = Number(raw);
  // The whole years a bound admits: `year > 2020.5` and `year >= 2021` are the same filter.
  const y = op === '>' ? Math.floor(n) + 1 : op === '<' ? Math.ceil(n) - 1 : op === '>=' ? Math.ceil(n) : op === '<=' ? Math.floor(n) : n;
  if (!Number.isInteger(y)) throw new FilterError(`year: ${raw} is not a whole year`);
  if (y < YEAR_MIN || y > YEAR_MAX) throw new FilterError(`year: ${raw} is outside ${YEAR_MIN}–${YEAR_MAX}`);
  return y;
}

function equalityValue(attr: Attribute, raw: string): string | number {
  switch (attr) {
    case 'lang': {
      const code = raw.trim().toLowerCase();
      if (code !== 'und' && !ISO6391.validate(code)) throw new FilterError(`lang: ${JSON.stringify(raw.slice(0, 20))} is not an ISO 639-1 language code`);
      return code;
    }
    case 'source':
    case 'category': {
      const key = facetKey(raw);
      if (!key || /\p{Cc}/u.test(raw)) throw new FilterError(`${attr}: ${JSON.stringify(raw.slice(0, 20))} is not a facet value`);
      return key;
    }
    case 'year':
      return yearValue(raw, '=');
    case 'month':
      try {
        if (!/^\d{4}-\d{2}$/.test(raw)) throw new InvalidDateError('');
        parseDate(raw);
      } catch (err) {
        if (!(err instanceof InvalidDateError)) throw err;
        throw new FilterError(`month: ${JSON.stringify(raw.slice(0, 20))} is not YYYY-MM`);
      }
      return raw;
  }
}

interface Range {
  from?: number;
  to?: number;
}

/** One clause: an OR of equalities on one attribute, or one year bound. */
function readClause(clause: Comparison[], range: Range): Partial<Record<Attribute, (string | number)[]>> | undefined {
  const attr = attributeOf(clause[0]!.attr);
  const equalities = clause.every((c) => c.op === '=' || c.op === 'IN');
  if (clause.some((c) => c.attr !== clause[0]!.attr)) throw new FilterError('an OR group must be on one attribute');
  if (equalities) {
    const values = [...new Set(clause.flatMap((c) => c.values.map((v) => equalityValue(attr, v))))];
    return { [attr]: values };
  }
  const [c] = clause;
  if (clause.length > 1) throw new FilterError(`${attr}: only equalities can be combined with OR`);
  if (c!.op === '!=') throw new FilterError(`${attr}: != is not supported`);
  if (attr !== 'year') throw new FilterError(`${attr}: only = and IN are supported (ranges: on year)`);
  const bound = (lo: number | undefined, hi: number | undefined) => {
    if (lo !== undefined) range.from = Math.max(range.from ?? lo, lo);
    if (hi !== undefined) range.to = Math.min(range.to ?? hi, hi);
  };
  const v = c!.values;
  if (c!.op === 'TO') bound(yearValue(v[0]!, '>='), yearValue(v[1]!, '<='));
  else if (c!.op === '>' || c!.op === '>=') bound(yearValue(v[0]!, c!.op), undefined);
  else bound(undefined, yearValue(v[0]!, c!.op));
  return undefined;
}

const pad = (y: number) => String(y).padStart(4, '0');

/**
 * A Meilisearch filter (a string, or an array of strings and OR-arrays of strings) read
 * into validated filter sets; throws FilterError on anything outside the accepted subset.
 */
export function parseFilter(filter: string | readonly (string | readonly string[])[]): ParsedFilter {
  const clauses: Comparison[][] = [];
  const budget = { comparisons: MAX_COMPARISONS };
  const parts = typeof filter === 'string' ? [filter] : filter;
  for (const part of parts) {
    if (typeof part === 'string') {
      const node = parseExpression(part, budget);
      if (node) clauses.push(...clausesOf(node));
    } else {
      // An inner array is an OR of its expressions.
      const members = part.flatMap((p) => {
        const node = parseExpression(p, budget);
        return node ? orMembers(node) : [];
      });
      if (members.length) clauses.push(members);
    }
  }

  const sets: SearchFilters[] = [];
  const range: Range = {};
  for (const clause of clauses) {
    const read = readClause(clause, range);
    if (!read) continue;
    const [attr, values] = Object.entries(read)[0] as [Attribute, (string | number)[]];
    // A second constraint on the same attribute is ANDed: it goes to another set.
    let target = sets.find((s) => s[attr] === undefined);
    if (!target) sets.push((target = {}));
    (target as Record<string, unknown>)[attr] = values;
  }
  if (range.from !== undefined || range.to !== undefined) {
    if (sets.length === 0) sets.push({});
    if (range.from !== undefined) sets[0]!.from = pad(range.from);
    if (range.to !== undefined) sets[0]!.to = pad(range.to);
  }
  return sets;
}

/** The one language every set allows, if there is exactly one: it tells how to read the query. */
export function singleLanguage(filters: ParsedFilter): string | undefined {
  let allowed: Set<string> | undefined;
  for (const f of filters) {
    if (!f.lang) continue;
    allowed = new Set(allowed ? f.lang.filter((l) => allowed!.has(l)) : f.lang);
  }
  return allowed?.size === 1 ? [...allowed][0] : undefined;
}
