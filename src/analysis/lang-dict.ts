import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import nspell from 'nspell';
import { cachedSpeller, type Speller } from './spell-table.ts';
import { foldDiacritics } from './filters/fold.ts';
import { lowerCase, turkishLowerCase } from './filters/lowercase.ts';

/**
 * How each dictionary knows a word: 2 as typed (lower-case), 1 only capitalised (a name:
 * `İstanbul`, `April`) or, for Turkish, only re-spelt with Turkish letters (`cumhurbaskani`),
 * 0 not at all (a name it lacks, an abbreviation, a typo, another language).
 */
export interface DictionaryVerdict {
  tr: 0 | 1 | 2;
  en: 0 | 1 | 2;
}

type Spellers = { tr: Speller; en: Speller };

const require = createRequire(import.meta.url);
let spellers: Spellers | undefined;
/** Load time and heap growth of the last load, for bench:lang. */
export const dictionaryLoad = { ms: 0, heapBytes: 0 };

/**
 * Where compiled dictionaries are kept: beside the packages (an install's own cache), else
 * the temporary folder (an image whose node_modules the service cannot write).
 */
const CACHE_DIRS = [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.cache', 'turkce-search'), path.join(os.tmpdir(), 'turkce-search-cache')];

function open(pkg: string): Speller {
  // The packages export only an async-loading index.js; the files beside it are read directly.
  const dir = path.dirname(require.resolve(pkg));
  const aff = readFileSync(path.join(dir, 'index.aff'));
  const dic = readFileSync(path.join(dir, 'index.dic'));
  return cachedSpeller(pkg, aff, dic, CACHE_DIRS, () => nspell({ aff, dic }));
}

/**
 * The hunspell dictionaries of `dictionary-tr` and `dictionary-en`, loaded once into this
 * thread and kept. From their compiled tables (spell-table.ts) that takes ~50 ms and no heap;
 * the first load on a machine compiles them with nspell (Turkish about 3 s and 200 MiB: its
 * affix file has 13,000 suffix rules; English 0.2 s), blocking the event loop meanwhile. So
 * this is for scripts, tests and the dictionaries' worker; the server uses
 * startDictionaryWorker. Never loaded inside a request of a process that did not ask.
 */
export function loadDictionaries(): Spellers {
  if (!spellers) {
    const started = performance.now();
    const heap = process.memoryUsage().heapUsed;
    spellers = { tr: open('dictionary-tr'), en: open('dictionary-en') };
    dictionaryLoad.ms = performance.now() - started;
    dictionaryLoad.heapBytes = process.memoryUsage().heapUsed - heap;
  }
  return spellers;
}

// The worker: the dictionaries live in a thread of their own, with its own heap, and answer
// one word at a time through a shared buffer. The caller waits for the answer (Atomics.wait;
// microseconds: the worker only runs nspell), so inDictionaries stays synchronous.

/** Int32 slots of the shared buffer: request number, number answered, word bytes, verdict. */
const REQUEST = 0;
const ANSWERED = 1;
const BYTES = 2;
const VERDICT = 3;
const CONTROL_BYTES = 16;
/** Longest word asked (UTF-8): a query holds at most 512 characters. */
const MAX_WORD_BYTES = 4096;
/**
 * How long a request's thread waits for a verdict by default (the worker answers in
 * microseconds; a starved thread in milliseconds): past it the word counts as unknown to
 * both, as before the dictionaries were loaded, rather than hold the event loop.
 */
const ANSWER_WAIT_MS = 100;

interface Remote {
  waitMs: number;
  control: Int32Array;
  word: Uint8Array;
  ready: boolean;
  broken: boolean;
}

let remote: Remote | undefined;
let starting: Promise<void> | undefined;

/**
 * Loads the dictionaries in a worker thread and resolves once they answer: the event loop of
 * this thread stays free meanwhile (loading them here held it 2.5–8.5 s right after listen),
 * and its heap stays small. Until then query detection goes without them.
 */
export function startDictionaryWorker(opts: { onLost?: (err: Error) => void; answerWaitMs?: number } = {}): Promise<void> {
  starting ??= new Promise<void>((resolve, reject) => {
    const shared = new SharedArrayBuffer(CONTROL_BYTES + MAX_WORD_BYTES);
    const r: Remote = { waitMs: opts.answerWaitMs ?? ANSWER_WAIT_MS, control: new Int32Array(shared, 0, 4), word: new Uint8Array(shared, CONTROL_BYTES), ready: false, broken: false };
    // The worker is TypeScript: it registers tsx first (a worker does not inherit the loader).
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./lang-dict-worker.ts', import.meta.url).href)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { shared } });
    // It never ends by itself (it waits for words): it must not keep the process alive.
    worker.unref();
    worker.once('message', (loaded: typeof dictionaryLoad) => {
      Object.assign(dictionaryLoad, loaded);
      r.ready = true;
      remote = r;
      resolve();
    });
    const lost = (err: Error) => {
      const wasReady = r.ready;
      r.broken = true;
      if (wasReady) opts.onLost?.(err);
      else reject(err);
    };
    worker.once('error', lost);
    worker.once('exit', (code) => lost(new Error(`the dictionary worker exited with code ${code}`)));
  });
  return starting;
}

/**
 * The worker's side: loads the dictionaries, reports their load, then answers each word put
 * in `shared` until the thread is ended.
 */
export function serveDictionaries(shared: SharedArrayBuffer, loaded: (load: typeof dictionaryLoad) => void): never {
  const control = new Int32Array(shared, 0, 4);
  const word = new Uint8Array(shared, CONTROL_BYTES);
  const decoder = new TextDecoder();
  const own = loadDictionaries();
  verdictWith('istanbul', own); // compiled before the first request waits on it
  loaded({ ...dictionaryLoad });
  // From 0, not from the request slot: a word asked between `loaded` and this loop is answered.
  for (let seen = 0; ; ) {
    Atomics.wait(control, REQUEST, seen);
    seen = Atomics.load(control, REQUEST);
    // TextDecoder reads no shared memory: a copy.
    const v = verdictWith(decoder.decode(word.slice(0, Atomics.load(control, BYTES))), own);
    Atomics.store(control, VERDICT, v.tr * 3 + v.en);
    Atomics.store(control, ANSWERED, seen);
    Atomics.notify(control, ANSWERED);
  }
}

const encoder = new TextEncoder();

/** The worker's verdict, or undefined when it does not answer within its wait. */
function ask(r: Remote, key: string): DictionaryVerdict | undefined {
  // Still on an earlier word (a long garbage collection of its own): not asked meanwhile, so
  // that a late answer never lands on a newer request.
  if (Atomics.load(r.control, ANSWERED) !== Atomics.load(r.control, REQUEST)) return undefined;
  const bytes = encoder.encode(key);
  if (bytes.length > r.word.length) return { tr: 0, en: 0 };
  r.word.set(bytes);
  const request = Atomics.load(r.control, REQUEST) + 1;
  Atomics.store(r.control, BYTES, bytes.length);
  Atomics.store(r.control, REQUEST, request);
  Atomics.notify(r.control, REQUEST);
  const deadline = performance.now() + r.waitMs;
  for (let answered = Atomics.load(r.control, ANSWERED); answered !== request; answered = Atomics.load(r.control, ANSWERED)) {
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    Atomics.wait(r.control, ANSWERED, answered, left);
  }
  const v = Atomics.load(r.control, VERDICT);
  return { tr: Math.floor(v / 3) as 0 | 1 | 2, en: (v % 3) as 0 | 1 | 2 };
}

/** Whether the dictionaries answer (loaded here, or by a worker that is ready): query detection uses them only then. */
export function dictionariesLoaded(): boolean {
  return spellers !== undefined || (remote !== undefined && remote.ready && !remote.broken);
}

// ASCII letters a Turkish typist may have written for ç ğ ı ö ş ü.
const TWINS: Record<string, string> = { c: 'ç', g: 'ğ', i: 'ı', o: 'ö', s: 'ş', u: 'ü' };
/**
 * Beyond this many such letters (2^k - 1 spellings, two checks of about 9 µs each) an ASCII
 * word is not re-spelt: 8 letters cost up to 5 ms; 10 cost 20 ms, and no frequent Turkish word
 * has that many (`cumhurbaskanligi` has 6).
 */
export const MAX_TWIN_LETTERS = 8;

/** Every spelling of an ASCII-typed word with some of its c g i o s u turned Turkish. */
export function turkishSpellings(word: string, maxTwinLetters = MAX_TWIN_LETTERS): string[] {
  const at = [...word].flatMap((c, i) => (TWINS[c] ? [i] : []));
  if (at.length === 0 || at.length > maxTwinLetters || !/^[a-z]+$/.test(word)) return [];
  const out: string[] = [];
  for (let mask = 1; mask < 1 << at.length; mask++) {
    const chars = [...word];
    at.forEach((i, bit) => {
      if (mask & (1 << bit)) chars[i] = TWINS[chars[i]!]!;
    });
    out.push(chars.join(''));
  }
  return out;
}

/** Hunspell accepts a name (`April`, `İstanbul`) only capitalised; queries are typed lower-case. */
function capitalize(w: string, locale: 'tr' | 'en'): string {
  return w.charAt(0).toLocaleUpperCase(locale) + w.slice(1);
}

const cache = new Map<string, DictionaryVerdict>();
const CACHE_SIZE = 10_000;

/**
 * inDictionaries' reading of a word (NFC) with these spellers; a key `8:word` carries the
 * re-spelling bound along (the worker gets the same key).
 */
function verdictWith(key: string, { tr, en }: Spellers): DictionaryVerdict {
  const bound = /^(\d+):/.exec(key);
  const maxTwinLetters = bound ? Number(bound[1]) : MAX_TWIN_LETTERS;
  const word = bound ? key.slice(bound[0].length) : key;
  const trWord = turkishLowerCase(word);
  const enWord = lowerCase(word);
  const trKnows = (w: string) => tr.correct(w) || tr.correct(capitalize(w, 'tr'));
  return {
    tr: tr.correct(trWord) ? 2 : trKnows(capitalize(trWord, 'tr')) || (foldDiacritics(trWord) === trWord && turkishSpellings(trWord, maxTwinLetters).some(trKnows)) ? 1 : 0,
    en: en.correct(enWord) ? 2 : en.correct(capitalize(enWord, 'en')) ? 1 : 0,
  };
}

/**
 * How far a word (as typed, any case) is a Turkish and/or an English dictionary word. An
 * ASCII-typed word counts as Turkish when one of its Turkish-letter spellings is
 * (`cumhurbaskani` → `cumhurbaşkanı`). The word is lower-cased first (queries are typed any
 * way), and also tried capitalised, so the names a dictionary holds count (`april`, `istanbul`).
 * Asked of the worker when one was started (unknown to both while it is loading), else of
 * the dictionaries loaded here (loading them first).
 * `maxTwinLetters` bounds the re-spellings tried (a long query gives each word fewer).
 */
export function inDictionaries(word: string, maxTwinLetters = MAX_TWIN_LETTERS): DictionaryVerdict {
  const key = `${maxTwinLetters}:${word.normalize('NFC')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let verdict: DictionaryVerdict | undefined;
  if (spellers || !starting) verdict = verdictWith(key, loadDictionaries());
  else if (remote && !remote.broken) verdict = ask(remote, key);
  if (!verdict) return { tr: 0, en: 0 };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, verdict);
  return verdict;
}
