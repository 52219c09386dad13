import ISO6391 from 'iso-639-1';
import { facetKey } from '../analysis/index.ts';
import { FILTER_ATTRIBUTES, type FilterAttribute } from '../api/index.ts';
import { InvalidDateError, parseDate } from '../documents/dates.ts';

// Meilisearch filter expressions (as instant-meilisearch writes them, or as a client writes
// them by hand) read, validated and written again. A filter string is never passed on: it is
// parsed into a tree, every attribute and value is checked (ISO codes, facet keys, whole
// years, YYYY-MM months, integers), and the Meilisearch filter is rebuilt from the tree with
// values we produced, so no input can change its structure.
//
// instant-meilisearch turns InstantSearch refinements into:
//   facetFilters   `lang:tr`            → `"lang"="tr"`            (an inner array is an OR group)
//   numericFilters `year>=2020`         → `"year">=2020`
//                  `year:2020 TO 2024`  → `"year" 2020 TO 2024`
//   filters        (configure widget)   → passed as written
// Accepted: Meilisearch 1.21's grammar — AND, OR, NOT, parentheses; `=`, `!=`, `IN`, `NOT IN`,
// `EXISTS`, `NOT EXISTS`, `IS [NOT] NULL`, `IS [NOT] EMPTY` on every filterable attribute;
// `>`, `>=`, `<`, `<=`, `TO` on the numbers (year, date_ts). Not accepted: _geo filters, CONTAINS
// and STARTS WITH (experimental in Meilisearch), other attributes.
//
// source and category compare by facet key (`"source"="İstanbul"` → `source_key = "istanbul"`),
// so one refinement matches every spelling of a value; their EXISTS/NULL/EMPTY tests are on the
// stored value itself.

export class FilterError extends Error {
  override name = 'FilterError';
}

/** A validated filter: the rebuilt Meilisearch expression, and the one language it allows, if any. */
export interface ParsedFilter {
  expression?: string;
  /** Set when every matching document must be in this language: it tells how to read the query. */
  language?: string;
}

type Attribute = FilterAttribute;
const NUMERIC: readonly Attribute[] = ['year', 'date_ts'];
const MAX_COMPARISONS = 100;
/** Parentheses and NOTs deeper than this are refused (the parser recurses once per level). */
const MAX_DEPTH = 16;

type Op = '=' | '!=' | '>=' | '>' | '<=' | '<' | 'TO' | 'IN' | 'NOT IN' | 'EXISTS' | 'NOT EXISTS' | 'IS NULL' | 'IS NOT NULL' | 'IS EMPTY' | 'IS NOT EMPTY';
interface Comparison {
  attr: Attribute;
  op: Op;
  /** Validated values, ready to be written into a filter. */
  values: (string | number)[];
}
type Node = { or: Node[] } | { and: Node[] } | { not: Node } | Comparison;

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

const KEYWORDS = ['AND', 'OR', 'NOT', 'TO', 'IN', 'EXISTS', 'IS', 'NULL', 'EMPTY'];
const isKeyword = (t: Token | undefined, kw: string) => t?.kind === 'word' && t.value.toUpperCase() === kw;
const describe = (t: Token | undefined) => (t ? `${JSON.stringify(t.value.slice(0, 20))} at ${t.at + 1}` : 'the end');

function attributeOf(name: string): Attribute {
  if (!(FILTER_ATTRIBUTES as readonly string[]).includes(name)) {
    throw new FilterError(`filtering on ${JSON.stringify(name.slice(0, 40))} is not supported; filterable: ${FILTER_ATTRIBUTES.join(', ')}`);
  }
  return name as Attribute;
}

const YEAR_MIN = 0;
const YEAR_MAX = 9999;

function numberValue(attr: Attribute, raw: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new FilterError(`${attr}: ${JSON.stringify(raw.slice(0, 20))} is not a number`);
  const n = Number(raw);
  if (attr === 'year') {
    if (!Number.isInteger(n)) throw new FilterError(`year: ${raw} is not a whole year`);
    if (n < YEAR_MIN || n > YEAR_MAX) throw new FilterError(`year: ${raw} is outside ${YEAR_MIN}–${YEAR_MAX}`);
  } else if (!Number.isSafeInteger(n)) {
    throw new FilterError(`${attr}: ${raw} is not a whole number of seconds`);
  }
  return n;
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
    case 'date_ts':
      return numberValue(attr, raw);
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

/** Recursive descent over Meilisearch's grammar: OR of ANDs of (NOT) conditions. */
function parseExpression(input: string, budget: { comparisons: number }): Node | undefined {
  const tokens = tokenize(input);
  if (tokens.length === 0) return undefined;
  let i = 0;
  const peek = (k = 0) => tokens[i + k];
  const expect = (pred: (t: Token | undefined) => boolean, what: string): Token => {
    const t = tokens[i];
    if (!pred(t)) throw new FilterError(`expected ${what}, got ${describe(t)}`);
    i++;
    return t!;
  };
  const keyword = (kw: string) => expect((t) => isKeyword(t, kw), kw);
  const value = (): string =>
    expect((t) => t?.kind === 'string' || (t?.kind === 'word' && !['AND', 'OR', 'TO'].includes(t.value.toUpperCase())), 'a value').value;
  const list = (): string[] => {
    expect((t) => t?.value === '[' && t.kind === 'punct', '[');
    const values = [value()];
    while (peek()?.value === ',' && peek()?.kind === 'punct') {
      i++;
      values.push(value());
    }
    expect((t) => t?.value === ']' && t.kind === 'punct', '] or ,');
    return values;
  };

  let depth = 0;
  const deeper = () => {
    if (++depth > MAX_DEPTH) throw new FilterError(`parentheses or NOTs nested more than ${MAX_DEPTH} deep`);
  };
  const comparison = (): Comparison => {
    // Counted as they are read, so a huge filter is refused before it is all parsed.
    if (--budget.comparisons < 0) throw new FilterError(`more than ${MAX_COMPARISONS} comparisons`);
    const attrToken = expect((t) => t?.kind === 'string' || t?.kind === 'word', 'an attribute');
    const attr = attributeOf(attrToken.value);
    const next = peek();
    const eq = (op: Op, raw: string[]): Comparison => ({ attr, op, values: raw.map((v) => equalityValue(attr, v)) });
    if (next?.kind === 'op') {
      i++;
      const op = next.value as Op;
      if (op === '=' || op === '!=') return eq(op, [value()]);
      if (!NUMERIC.includes(attr)) throw new FilterError(`${attr}: ${op} is not supported (ranges: on ${NUMERIC.join(' and ')})`);
      return { attr, op, values: [numberValue(attr, value())] };
    }
    if (isKeyword(next, 'IN')) {
      i++;
      return eq('IN', list());
    }
    if (isKeyword(next, 'EXISTS')) {
      i++;
      return { attr, op: 'EXISTS', values: [] };
    }
    if (isKeyword(next, 'NOT')) {
      i++;
      if (isKeyword(peek(), 'IN')) {
        i++;
        return eq('NOT IN', list());
      }
      keyword('EXISTS');
      return { attr, op: 'NOT EXISTS', values: [] };
    }
    if (isKeyword(next, 'IS')) {
      i++;
      const negated = isKeyword(peek(), 'NOT') ? (i++, true) : false;
      const what = expect((t) => isKeyword(t, 'NULL') || isKeyword(t, 'EMPTY'), 'NULL or EMPTY').value.toUpperCase();
      return { attr, op: `IS ${negated ? 'NOT ' : ''}${what}` as Op, values: [] };
    }
    if ((next?.kind === 'string' || (next?.kind === 'word' && !KEYWORDS.includes(next.value.toUpperCase()))) && isKeyword(peek(1), 'TO')) {
      if (!NUMERIC.includes(attr)) throw new FilterError(`${attr}: TO is not supported (ranges: on ${NUMERIC.join(' and ')})`);
      const low = numberValue(attr, value());
      keyword('TO');
      return { attr, op: 'TO', values: [low, numberValue(attr, value())] };
    }
    throw new FilterError(`expected an operator after ${JSON.stringify(attrToken.value.slice(0, 20))}, got ${describe(next)}`);
  };
  const unary = (): Node => {
    if (isKeyword(peek(), 'NOT')) {
      deeper();
      i++;
      const inner = unary();
      depth--;
      return { not: inner };
    }
    if (peek()?.kind === 'punct' && peek()!.value === '(') {
      deeper();
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

/** Only values we produced reach here: ISO codes, facet keys, YYYY-MM, numbers. None needs escaping. */
const literal = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v}"`);

function writeComparison(c: Comparison): string {
  const keyed = c.attr === 'source' || c.attr === 'category';
  switch (c.op) {
    case 'EXISTS':
    case 'NOT EXISTS':
    case 'IS NULL':
    case 'IS NOT NULL':
    case 'IS EMPTY':
    case 'IS NOT EMPTY':
      return `${c.attr} ${c.op}`;
    case 'IN':
    case 'NOT IN':
      return `${keyed ? `${c.attr}_key` : c.attr} ${c.op} [${c.values.map(literal).join(', ')}]`;
    case 'TO':
      return `${c.attr} ${c.values[0]} TO ${c.values[1]}`;
    default:
      return `${keyed ? `${c.attr}_key` : c.attr} ${c.op} ${literal(c.values[0]!)}`;
  }
}

function write(node: Node): string {
  if ('and' in node) return node.and.map((n) => ('or' in n ? `(${write(n)})` : write(n))).join(' AND ');
  if ('or' in node) return node.or.map(write).join(' OR ');
  if ('not' in node) return `NOT (${write(node.not)})`;
  return writeComparison(node);
}

/** The languages a document may have to match; undefined: any. */
function languages(node: Node): Set<string> | undefined {
  if ('and' in node) {
    let out: Set<string> | undefined;
    for (const part of node.and) {
      const l = languages(part);
      if (l) out = out ? new Set([...out].filter((x) => l.has(x))) : l;
    }
    return out;
  }
  if ('or' in node) {
    const parts = node.or.map(languages);
    return parts.every((p) => p !== undefined) ? new Set(parts.flatMap((p) => [...p!])) : undefined;
  }
  if ('not' in node || node.attr !== 'lang') return undefined;
  return node.op === '=' || node.op === 'IN' ? new Set(node.values.map(String)) : undefined;
}

/**
 * A Meilisearch filter (a string, or an array of strings and OR-arrays of strings) read,
 * validated and rebuilt; throws FilterError on anything outside the accepted grammar.
 */
export function parseFilter(filter: string | readonly (string | readonly string[])[]): ParsedFilter {
  const budget = { comparisons: MAX_COMPARISONS };
  const clauses: Node[] = [];
  const parts = typeof filter === 'string' ? [filter] : filter;
  for (const part of parts) {
    if (typeof part === 'string') {
      const node = parseExpression(part, budget);
      if (node) clauses.push(node);
    } else {
      // An inner array is an OR of its expressions.
      const members = part.flatMap((p) => parseExpression(p, budget) ?? []);
      if (members.length) clauses.push(members.length === 1 ? members[0]! : { or: members });
    }
  }
  if (clauses.length === 0) return {};
  const root: Node = clauses.length === 1 ? clauses[0]! : { and: clauses };
  const langs = languages(root);
  return { expression: write(root), ...(langs?.size === 1 ? { language: [...langs][0] } : {}) };
}

