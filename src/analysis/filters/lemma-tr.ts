import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { foldDiacritics } from './fold.ts';

/**
 * Turkish roots by lexicon: a word's root is its longest beginning that is a word of the
 * nlptoolkit Turkish lexicon (62k roots: nouns, verbs, adjectives, 19k proper names) and whose
 * rest is one of the 6,300 inflectional suffix strings the same toolkit lists
 * (`seçimlerinde` → `seçim` + `lerinde`; `imama` → `imam` + `a`, not `ima` + `ma`). Longest
 * first keeps derivations that change the meaning apart (`bakanlık` is not `bakan`,
 * `depresyon` is not `deprem`). A word with no such split (a name the lexicon lacks,
 * `imamoğlu`) stays whole: it is never cut blindly.
 *
 * Everything is compared ASCII-folded: Meilisearch folds the indexed stems anyway, and an
 * ASCII-typed word (`cumhurbaskanlari`) then finds the same root as the spelled one.
 *
 * Why not the toolkit's own FSM analyser: it reads its data from the working directory,
 * takes 3 s to load and ran at ~800 words/s here; its roots for compounds are not the
 * lexicon's (`gözaltı` → `gözalt`). The lexicon and suffix list are the useful part.
 */

const require = createRequire(import.meta.url);
// Resolved from the package, not the working directory (the toolkit's default).
const DATA_DIR = path.dirname(require.resolve('nlptoolkit-morphologicalanalysis/package.json'));

// Surface variants of a root before a suffix: consonant softening (kitap → kitabı, renk →
// rengi), vowel drop (ağız → ağzı), doubling (hak → hakkı), compounds losing their
// possessive (cumhurbaşkanı → cumhurbaşkanları).
const SOFT: Record<string, string> = { p: 'b', ç: 'c', t: 'd', k: 'ğ' };
const VOWELS = 'aeıioöuü';

function variants(root: string, flags: Set<string>): string[] {
  const out = [root];
  const last = root.at(-1)!;
  if (flags.has('IS_SD') || flags.has('IS_B_SD') || flags.has('F_SD')) {
    if (root.endsWith('nk')) out.push(`${root.slice(0, -1)}g`);
    else if (SOFT[last]) out.push(root.slice(0, -1) + SOFT[last]);
  }
  if (flags.has('IS_UD') || flags.has('IS_B_UD')) {
    // ağız → ağz: the last vowel goes.
    const i = root.length - 2;
    if (i > 0 && VOWELS.includes(root[i]!)) out.push(root.slice(0, i) + last);
  }
  if (flags.has('IS_DUP')) out.push(root + last);
  if (flags.has('IS_BILEŞ') || flags.has('IS_B_SI')) {
    const m = /^(.{3,}?)(s?[ıiuü])$/.exec(root);
    if (m) out.push(m[1]!);
  }
  return out;
}

interface Lexicon {
  /** Folded surface form of a root → the folded root. */
  roots: Map<string, string>;
  /**
   * Surface form as spelled (circumflexes dropped) → the root as spelled: `saldırış` but not
   * `saldırıs`; `öl` → öl and `ol` → ol, where the folded map has one `ol`.
   */
  spelled: Map<string, string>;
  /**
   * Folded lexicon words → their spellings (`kir` → kır, kir; `kismi` → kısmi), every entry of
   * two letters or more (names with foreign letters too: `balint` → bálint), circumflexes dropped.
   */
  spellings: Map<string, Set<string>>;
  /**
   * ASCII entries as written (not only as a fold), names left out: `erdogan` is listed, but
   * typed so it is Erdoğan, not another word.
   */
  asciiWords: Set<string>;
  /**
   * Roots that are only names (`erdoğ`, a surname): Turkish writes a name's suffixes after an
   * apostrophe, so one glued on must be longer than a letter (`erdoganin`), or a typo such as
   * `erdogn` would read as `erdoğ` + `n`.
   */
  namesOnly: Set<string>;
  /** Verb roots: only they take the aorist `r` alone (`okur`; `mayor` is no form of `mayo`). */
  verbs: Set<string>;
  /**
   * Entries listed only as adverbs (`hastası`, `canlısı`, `sonunda`, `gerçekten`): mostly an
   * inflected or derived form frozen in the lexicon. An adverb takes no further suffix, so a
   * longer word (`hastasıyız`, `canlısının`) is read from the shorter root (`hasta`, `canlı`).
   */
  adverbsOnly: Set<string>;
  /** Folded suffix strings, and the longest one's length. */
  suffixes: Set<string>;
  maxSuffix: number;
}

let lexicon: Lexicon | undefined;

const NO_CIRCUMFLEX = /^[\u0000-\u007fçğıöşüÇĞİÖŞÜ]*$/;

/** A circumflex marks a spelling variant (`hükûmet`, `kâr`), not another letter. */
function dropCircumflex(w: string): string {
  return /[âîû]/.test(w) ? w.replace(/â/g, 'a').replace(/î/g, 'i').replace(/û/g, 'u') : w;
}

function load(): Lexicon {
  const roots = new Map<string, string>();
  const spelled = new Map<string, string>();
  const namesOnly = new Set<string>();
  const common = new Set<string>();
  const verbs = new Set<string>();
  const adverbsOnly = new Set<string>();
  const spellings = new Map<string, Set<string>>();
  const asciiWords = new Set<string>();
  for (const line of readFileSync(path.join(DATA_DIR, 'turkish_dictionary.txt'), 'utf8').split('\n')) {
    const [word, ...flags] = line.trim().split(' ');
    // A circumflex marks a spelling variant (`hükûmet`, `hükümet`), not another word. A word of
    // ASCII and Turkish letters holds none and is NFC already: most of them, not normalised twice.
    const spelling = word && (NO_CIRCUMFLEX.test(word) ? word : word.normalize('NFD').replace(/\u0302/g, '').normalize('NFC'));
    if (spelling && spelling.length >= 2) {
      const f = foldDiacritics(spelling);
      let set = spellings.get(f);
      if (!set) spellings.set(f, (set = new Set()));
      set.add(spelling);
    }
    if (word && /^[a-z]{2,}$/.test(word) && !flags.every((f) => f === 'IS_OA')) asciiWords.add(word);
    // One-letter entries (letters, abbreviations) would make every word a suffixed letter.
    if (!word || word.length < 2 || /[^a-zçğıöşüâîû]/.test(word)) continue;
    const root = foldDiacritics(word);
    const isName = flags.length > 0 && flags.every((f) => f === 'IS_OA');
    if (flags.length === 1 && flags[0] === 'IS_ADVERB') adverbsOnly.add(root);
    for (const v of variants(word, new Set(flags))) {
      const f = foldDiacritics(v);
      if (isName) namesOnly.add(f);
      else common.add(f);
      if (flags.includes('CL_FIIL')) verbs.add(f);
      // A whole word wins over a variant of another root (`hakk` is only hak's).
      if (f === root || !roots.has(f)) roots.set(f, root);
      const sp = dropCircumflex(v);
      if (sp === dropCircumflex(word) || !spelled.has(sp)) spelled.set(sp, dropCircumflex(word));
    }
  }
  const suffixes = new Set<string>();
  let maxSuffix = 0;
  for (const line of readFileSync(path.join(DATA_DIR, 'suffixes.txt'), 'utf8').split('\n')) {
    const s = foldDiacritics(line.trim());
    if (!s) continue;
    suffixes.add(s);
    maxSuffix = Math.max(maxSuffix, s.length);
  }
  for (const f of common) namesOnly.delete(f);
  return { roots, spelled, spellings, asciiWords, namesOnly, verbs, adverbsOnly, suffixes, maxSuffix };
}

/** Loaded on first use: the gateway and the indexer pay ~0.3 s once. */
export function turkishLexicon(): Lexicon {
  return (lexicon ??= load());
}

/**
 * Suffixes that follow only verbs: the aorist and what follows it (`verirken` is ver + irken,
 * not veri, data, + rken; `konuşurken` konuş, not konusu), progressive, infinitive, ability,
 * manner (`gidiyor`, `yapmak`, `okuyabilir`, `bakarak`), participles (`oynayan`, `yaptığı`, `yapacak`),
 * necessity (`gitmeli`), the negative aorist (`olmaz`) and the converb (`gidip`). English
 * words in Turkish text (`mayor`) are then no noun + verb ending (`ma` + `yor`), and a typo
 * is no noun + verb ending either (`oyayan` is no form of `oya`, `irmali` none of `ır`).
 * Compared folded: ğ is g, ı is i.
 */
const VERB_ONLY = /^(?:r|[iu]?yor|ma[kd]|me[kd]|[ay]?abil|[ey]?ebil|[ay]?arak|[ey]?erek|y?[ae]n|m[ae]li|y?[ae]c[ae][kg]|[dt][iu]g|y?[iu]p|m[ae]z)/;

/** Shortest root considered: two letters (`ev`, `su`, `at`). */
const MIN_ROOT = 2;

/**
 * The folded root of a lower-cased Turkish word, its letters taken as written (a text in
 * Turkish spelling: a document, or a query typed with Turkish letters), or its folded reading
 * when it has no split as written (a mixed spelling such as `güzelligi`), or the folded word
 * itself when the lexicon knows no root + suffix split of it.
 *
 * As written, `saldırısı` is saldırı + sı, not saldırış + ı, and `konusunda` konu + sunda, not
 * konuş + unda: compared folded (`saldiris` + `i`), longest first takes the wrong root, and an
 * ASCII-typed word can only be read folded (turkishRootFolded).
 */
export function turkishRoot(word: string): string {
  return spelledRoot(word) ?? turkishRootFolded(word);
}

/**
 * The root the same word gets when typed without Turkish letters, read folded (`saldirisi` →
 * saldırış, `konusunda` → konuşu, longest first), where it differs from its root as written;
 * else undefined. Documents index it too, so that an ASCII-typed query, which can only be read
 * folded, still meets them by the stem it computes.
 */
export function turkishFoldedRoot(word: string): string | undefined {
  const spelled = spelledRoot(word);
  if (spelled === undefined) return undefined;
  const folded = turkishRootFolded(word);
  return folded === spelled ? undefined : folded;
}

/**
 * The verb of a word read as a plural that is also that verb in the aorist (`başlar`: heads, baş
 * + lar, or begins, başla + r; `izler`: traces or watches), else undefined. The plural reading
 * comes first (news text has more plural nouns than third-person aorists); documents index the
 * verb too, so that another form of the verb (`başlarken`, `başladı`) finds them.
 */
export function turkishAoristRoot(word: string): string | undefined {
  const w = foldDiacritics(word);
  if (w.length <= 4 || !/l[ae]r$/.test(w)) return undefined;
  const { roots, verbs } = turkishLexicon();
  const plural = roots.get(w.slice(0, -3));
  const head = w.slice(0, -1);
  const verb = verbs.has(head) ? roots.get(head) : undefined;
  return plural !== undefined && verb !== undefined && verb !== plural && turkishRoot(word) === plural ? verb : undefined;
}

/**
 * The root of a word read folded only, as if typed in ASCII: for a query typed without Turkish
 * letters, and a word whose `ı` may stand for an `i` (written in capitals with `I`: `ŞIKE` is
 * şike, not şık + e).
 */
export function turkishRootFolded(word: string): string {
  const w = foldDiacritics(word);
  return lexiconRoot(w) ?? pluralHeadRoot(w)?.root ?? w;
}

function spelledRoot(word: string): string | undefined {
  const r = rootAsSpelled(word);
  return r === undefined ? undefined : foldDiacritics(r);
}

/** The root of a word, spelled, its letters taken as written (`ölecek` → öl), if it has one so. */
function rootAsSpelled(word: string): string | undefined {
  const sw = dropCircumflex(word);
  const w = foldDiacritics(word);
  // Letter by letter only (a decomposed mark or a ligature would shift the two apart).
  return w.length === sw.length ? lexiconRoot(w, sw) : undefined;
}

/**
 * The lexicon root of a word as written, where its folded root stands for several lexicon words
 * (`ol`: ol, be, and öl, die; `kir`: kir and kır): `öl` for `ölecek`, `ol` for `olacak`.
 * Undefined for any other word (its folded root says which word it is), and for a word with no
 * split as written.
 */
export function sharedFoldRoot(word: string): string | undefined {
  const root = rootAsSpelled(word);
  return root !== undefined && isSharedFold(foldDiacritics(root)) ? root : undefined;
}

/**
 * A word the lexicon cannot split that carries the plural and what follows it
 * (`bilmeyenlerin`, `seçilenler`) is read from the part before the plural, analysed the same
 * way (`bilmeyen` → `bil`, `seçilen` kept whole), so each form of a participle or name finds
 * the same stem as the form without `ler`/`lar`. Only the plural: it attaches to nouns alone
 * and its endings are listed suffixes, so the cut cannot fall inside a root by chance.
 */
function pluralHeadRoot(w: string): { root: string; known: boolean } | undefined {
  const { suffixes } = turkishLexicon();
  for (const m of w.matchAll(/l[ae]r/g)) {
    const head = w.slice(0, m.index);
    if (head.length < 3 || !suffixes.has(w.slice(m.index))) continue;
    const root = lexiconRoot(head);
    return root === undefined ? { root: head, known: false } : { root, known: true };
  }
  return undefined;
}

/**
 * Whether the lexicon knows a lower-cased word: as a root, a root with suffixes, or a known word
 * with the plural and its endings (`bilmeyenlerin`).
 */
export function isTurkishWord(word: string): boolean {
  const w = foldDiacritics(word);
  return lexiconRoot(w) !== undefined || pluralHeadRoot(w)?.known === true;
}

/**
 * `w` folded; `sw`, when given, the same word as spelled (same length), whose beginning must then
 * be a root as spelled.
 */
function lexiconRoot(w: string, sw?: string): string | undefined {
  const { roots: folded, spelled, namesOnly, verbs, adverbsOnly, suffixes, maxSuffix } = turkishLexicon();
  const roots = sw === undefined ? folded : spelled;
  const key = sw ?? w;
  const whole = roots.get(key);
  if (whole !== undefined) {
    // A manner adverb in -cA that the lexicon lists on its own (`hızlıca`, `gizlice`, `açıkça`)
    // is read from the word it is made of, as a longer adverb-only entry already is.
    const base = /[cç][ae]$/.test(key) && adverbsOnly.has(foldDiacritics(whole)) ? roots.get(key.slice(0, -2)) : undefined;
    return base !== undefined && !adverbsOnly.has(foldDiacritics(base)) ? base : whole;
  }
  // Plural before the aorist: `ağaçlar` is ağaç + lar, not the verb ağaçla + r (news text has
  // far more plural nouns than third-person aorists).
  const plural = /l[ae]r$/.test(w) ? roots.get(key.slice(0, -3)) : undefined;
  if (plural !== undefined && w.length > 4) return plural;
  const shortest = Math.max(MIN_ROOT, w.length - maxSuffix);
  for (let end = w.length - 1; end >= shortest; end--) {
    const head = w.slice(0, end);
    const root = roots.get(key.slice(0, end));
    if (root === undefined || !suffixes.has(w.slice(end)) || adverbsOnly.has(sw === undefined ? root : foldDiacritics(root))) continue;
    if (end === w.length - 1 && (namesOnly.has(head) || (w.endsWith('r') && !verbs.has(head)))) continue;
    if (!verbs.has(head) && VERB_ONLY.test(w.slice(end))) continue;
    if (end === 2 && !/[aeiou]/.test(head)) continue; // two consonants are an abbreviation (`br`, `dk`)
    return root;
  }
  return undefined;
}

/**
 * Folded lexicon words → their spellings: where a fold stands for more than one spelling, or for
 * a spelling other than the one typed, the spelling typed tells documents apart.
 */
function foldSpellings(): Map<string, Set<string>> {
  return turkishLexicon().spellings;
}

/**
 * Whether a folded word is the ASCII twin of a lexicon word spelled with ı ş ç ğ ö ü
 * (`sis` of `şiş`, `gol` of `göl`): an ASCII word of this kind that is itself a word
 * (`sis`, fog) gets an exact spelling too, so that it can win over its twin.
 */
export function hasTurkishTwin(word: string): boolean {
  for (const spelling of foldSpellings().get(word) ?? []) if (/[ışçğöü]/.test(spelling)) return true;
  return false;
}

/** Whether a lower-cased ASCII word is itself in the lexicon as written (not only as a fold). */
export function isAsciiLexiconWord(word: string): boolean {
  return turkishLexicon().asciiWords.has(word);
}

/** An ASCII word that is a Turkish word as written and has a Turkish-letter twin (`sis`/`şiş`). */
export function isTwinWord(word: string): boolean {
  return isAsciiLexiconWord(word) && hasTurkishTwin(word);
}

/** Whether a folded root stands for more than one lexicon word (`kir`: kır and kir; `gol`: gol and göl). */
export function isSharedFold(folded: string): boolean {
  return (foldSpellings().get(folded)?.size ?? 0) > 1;
}

/** Whether a lower-cased word folds to a lexicon word spelled otherwise (`kısmı` → kısmi). */
export function foldsToOtherWord(word: string): boolean {
  const set = foldSpellings().get(foldDiacritics(word));
  return set !== undefined && !(set.size === 1 && set.has(word));
}

/**
 * A folded root whose forms differ in meaning as much as they share it: a verb (`yap`) or a
 * verbal noun (`konusma`, `yapilma`: verb + passive + -ma). Not a short noun (`ev`, `gün`,
 * `dev`): its inflections are one word, as a longer noun's are (bench:relevance, seed 20261125:
 * `Poliste memurunu evden` ranked its target 6th behind documents holding `evden`; counting
 * every root of two or three letters as broad kept inflected queries at 0.952 of the exact MRR,
 * 0.957 without).
 */
export function isBroadRoot(root: string): boolean {
  const { verbs } = turkishLexicon();
  if (verbs.has(root)) return true;
  if (!/m[ae]$/.test(root)) return false;
  const head = root.slice(0, -2);
  const active = head.replace(/(?:[iu]l|n)$/, '');
  return verbs.has(head) || (active !== head && verbs.has(active));
}
