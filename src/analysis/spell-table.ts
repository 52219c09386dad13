import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type nspell from 'nspell';

/**
 * A hunspell dictionary as nspell reads it, compiled to one flat file: every form nspell
 * knows (1.36 million for Turkish, each affix already applied), the three flags that decide
 * `correct` beside each, and a hash index over them. nspell builds that table from the .aff/.dic files on every
 * start (2.8 s of CPU and 200 MiB of heap for Turkish, 1.4 million small objects); the file
 * loads in milliseconds and stays outside the heap (a Buffer), and `correct` answers as
 * nspell's does: the same checks in the same order (nspell 2.1.5, lib/util/form.js and
 * exact.js), on the same forms.
 */
export interface Speller {
  correct(word: string): boolean;
}

type NSpell = ReturnType<typeof nspell>;
interface NSpellInternals {
  data: Record<string, string[]>;
  flags: Record<string, unknown>;
  compoundRules: RegExp[];
  conversion: { in: [RegExp, string][] };
}

/** A compile takes seconds: a temporary file this old was left by a process that was killed. */
const LEFT_BEHIND_MS = 10 * 60_000;
/** Bumped whenever the layout or the checks change, so an older file is rebuilt. */
const FORMAT = 'spell-table/2';
const ONLY_IN_COMPOUND = 1;
const FORBIDDEN = 2;
const KEEP_CASE = 4;

interface Header {
  format: string;
  source: string;
  count: number;
  slots: number;
  compoundMin: number;
  compoundRules: [string, string][];
  conversion: [string, string, string][];
}

/** nspell's version: another may build other forms from the same files. */
const NSPELL_VERSION = (createRequire(import.meta.url)('nspell/package.json') as { version: string }).version;

/** Identifies what a table was compiled from: the layout, nspell's version and the dictionary files. */
export function sourceId(aff: Buffer, dic: Buffer): string {
  return createHash('sha256').update(`${FORMAT} nspell ${NSPELL_VERSION}\0`).update(aff).update('\0').update(dic).digest('hex').slice(0, 32);
}

function bitsOf(codes: string[] | undefined, flags: Record<string, unknown>): number {
  const has = (name: string) => !!codes && name in flags && codes.indexOf(flags[name] as string) > -1;
  return (has('ONLYINCOMPOUND') ? ONLY_IN_COMPOUND : 0) | (has('FORBIDDENWORD') ? FORBIDDEN : 0) | (has('KEEPCASE') ? KEEP_CASE : 0);
}

/** FNV-1a over the UTF-16 code units: the same at compile time and for a looked-up word. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The file: a 4-byte header length, the header (JSON), then `count + 1` word offsets
 * (uint32), `count` flag bytes, a hash table of `slots` uint32 (word number + 1, 0 for none;
 * at most a third full, so a word that is not there ends its probe quickly) and the words (UTF-8).
 */
export function compileTable(speller: NSpell, source: string): Buffer {
  const s = speller as unknown as NSpellInternals;
  const words = Object.keys(s.data);
  let slots = 1024;
  while (slots < 3 * words.length) slots *= 2;
  const header: Header = {
    format: FORMAT,
    source,
    count: words.length,
    slots,
    compoundMin: Number(s.flags.COMPOUNDMIN ?? 3),
    compoundRules: s.compoundRules.map((r) => [r.source, r.flags]),
    conversion: s.conversion.in.map(([re, to]) => [re.source, re.flags, to]),
  };
  const head = Buffer.from(JSON.stringify(header));
  const blobs = words.map((w) => Buffer.from(w));
  const offsets = Buffer.alloc(4 * (words.length + 1));
  const bits = Buffer.alloc(words.length);
  let at = 0;
  blobs.forEach((b, i) => {
    offsets.writeUInt32LE(at, 4 * i);
    bits[i] = bitsOf(s.data[words[i]!], s.flags);
    at += b.length;
  });
  offsets.writeUInt32LE(at, 4 * words.length);
  const table = new Uint32Array(slots);
  words.forEach((w, i) => {
    let h = hash(w) & (slots - 1);
    while (table[h] !== 0) h = (h + 1) & (slots - 1);
    table[h] = i + 1;
  });
  const slotBytes = Buffer.alloc(4 * slots);
  table.forEach((v, i) => slotBytes.writeUInt32LE(v, 4 * i));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  return Buffer.concat([size, head, offsets, bits, slotBytes, ...blobs]);
}

/** A speller over a compiled table, or undefined when `file` is not one of `source`. */
export function openTable(file: Buffer, source: string): Speller | undefined {
  if (file.length < 4) return undefined;
  const headEnd = 4 + file.readUInt32LE(0);
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', 4, headEnd)) as Header;
  } catch {
    return undefined;
  }
  if (header.format !== FORMAT || header.source !== source) return undefined;
  const { count, slots } = header;
  const offsetsAt = headEnd;
  const bitsAt = offsetsAt + 4 * (count + 1);
  const slotsAt = bitsAt + count;
  const wordsAt = slotsAt + 4 * slots;
  if (file.length !== wordsAt + file.readUInt32LE(offsetsAt + 4 * count)) return undefined;
  const compoundRules = header.compoundRules.map(([src, fl]) => new RegExp(src, fl));
  const conversion = header.conversion.map(([src, fl, to]) => [new RegExp(src, fl), to] as const);

  const wordAt = (i: number) => file.toString('utf8', wordsAt + file.readUInt32LE(offsetsAt + 4 * i), wordsAt + file.readUInt32LE(offsetsAt + 4 * i + 4));
  /** The word's flag bits, or -1 when the table does not hold it. */
  const lookup = (word: string): number => {
    for (let h = hash(word) & (slots - 1); ; h = (h + 1) & (slots - 1)) {
      const entry = file.readUInt32LE(slotsAt + 4 * h);
      if (entry === 0) return -1;
      if (wordAt(entry - 1) === word) return file[bitsAt + entry - 1]!;
    }
  };
  /** nspell's exact(): `bits` is the value's lookup, asked once by the caller. */
  const exact = (value: string, bits: number): boolean => {
    if (bits >= 0) return !(bits & ONLY_IN_COMPOUND);
    return value.length >= header.compoundMin && compoundRules.some((r) => r.test(value));
  };
  // nspell gives up on a case variant that is forbidden or must keep its case.
  const tryVariant = (alternative: string): boolean | undefined => {
    const bits = lookup(alternative);
    if (bits > 0 && bits & (FORBIDDEN | KEEP_CASE)) return false;
    return exact(alternative, bits) ? true : undefined;
  };
  return {
    correct(value: string): boolean {
      let normal = value.trim();
      if (!normal) return false;
      for (const [re, to] of conversion) normal = normal.replace(re, to);
      const bits = lookup(normal);
      if (exact(normal, bits)) return !(Math.max(bits, 0) & FORBIDDEN);
      if (normal.toUpperCase() === normal) {
        const answer = tryVariant(normal.charAt(0) + normal.slice(1).toLowerCase());
        if (answer !== undefined) return answer;
      }
      const lower = normal.toLowerCase();
      if (lower !== normal) return tryVariant(lower) ?? false;
      return false;
    },
  };
}

/**
 * Tables of earlier dictionary versions (never read again), and temporary files older than any
 * compile (left by a process that was killed). Best effort: another process may be at it too.
 */
function removeLeftovers(dir: string, name: string, keep: string): void {
  try {
    for (const file of readdirSync(dir)) {
      if (!file.startsWith(`${name}-`) || file === keep) continue;
      const at = path.join(dir, file);
      const age = Date.now() - (statSync(at, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (file.endsWith('.bin') || (file.endsWith('.tmp') && age > LEFT_BEHIND_MS)) rmSync(at, { force: true });
    }
  } catch {
    // Left for the next compile.
  }
}

/**
 * The speller of a hunspell package's index.aff/index.dic: its compiled table from the first
 * of `cacheDirs` that holds a current one, else compiled now with `build` (nspell) and written
 * to the first that takes it (a temporary name, then renamed: a process reading meanwhile
 * sees the old file or the whole new one), where it replaces the tables of earlier versions.
 * With no writable folder it works from memory.
 */
export function cachedSpeller(name: string, aff: Buffer, dic: Buffer, cacheDirs: string[], build: () => NSpell): Speller {
  const source = sourceId(aff, dic);
  const fileName = `${name}-${source}.bin`;
  for (const dir of cacheDirs) {
    let file: Buffer;
    try {
      file = readFileSync(path.join(dir, fileName));
    } catch {
      continue;
    }
    const speller = openTable(file, source);
    if (speller) return speller;
  }
  const table = compileTable(build(), source);
  for (const dir of cacheDirs) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = path.join(dir, `${fileName}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
      writeFileSync(tmp, table);
      renameSync(tmp, path.join(dir, fileName));
      removeLeftovers(dir, name, fileName);
      break;
    } catch {
      // Read-only (an image's node_modules): the next folder, or none.
    }
  }
  return openTable(table, source)!;
}
