// Queries for bench:precision, derived from the corpus with a seeded RNG, never picked by hand:
// frequent content words whose 5-letter prefix, Snowball stem or one-typo neighbourhood is
// shared with an unrelated frequent word ("at risk"), typed in several ways (the classes).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer as englishSnowball } from '@orama/stemmers/english';
import { stemmer as turkishSnowball } from '@orama/stemmers/turkish';
import sw from 'stopword';
import type { Judge, JudgedWord } from './judge.ts';
import { IRREGULAR, isEnglishFamily } from './morph-en.ts';
import { isTurkishFamily } from './morph-tr.ts';
import { pick, sample } from './rng.ts';
import { asciiFold, enLower, trLower } from './text.ts';

export const CLASSES = {
  tr: ['single', 'two-word', 'inflected', 'ascii', 'filler', 'typo'],
  en: ['single', 'two-word', 'inflected', 'filler', 'typo'],
} as const;

export interface PrecisionQuery {
  lang: 'tr' | 'en';
  cls: string;
  q: string;
  /** The content words judged (filler is not). */
  judged: JudgedWord[];
  /** The at-risk word the query was built on, and an unrelated frequent word it is confused with. */
  word: string;
  rival: string;
  risk: 'prefix' | 'stem' | 'typo';
}

interface Filler {
  before: string[];
  after: string[];
}
const FILLER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'query-filler.json');
export const FILLER = JSON.parse(readFileSync(FILLER_FILE, 'utf8')) as Record<'tr' | 'en', Filler>;

const FREQUENT = 2500; // query words come from the most frequent content words
const RIVAL_DF = 10; // a rival must be frequent too

/** The word a token contributes to frequency counts: before the apostrophe (İstanbul'da → istanbul). */
const baseToken = (lang: 'tr' | 'en', t: string) => (lang === 'tr' ? trLower(t) : enLower(t)).split("'")[0]!;
const isFamily = (lang: 'tr' | 'en', word: string, token: string) => (lang === 'tr' ? isTurkishFamily(word, token) : isEnglishFamily(word, token));
const fold = (w: string) => asciiFold(w);
const snowball = (lang: 'tr' | 'en', w: string) => fold(lang === 'tr' ? turkishSnowball(w) : englishSnowball(w));

/** Candidate roots this word is an inflection of (kitabı → kitap, elections → election). */
function shorterBases(lang: 'tr' | 'en', w: string): string[] {
  const out: string[] = [];
  for (let n = 3; n < w.length; n++) {
    const p = w.slice(0, n);
    out.push(p);
    if (lang === 'tr') {
      const hard = ({ b: 'p', c: 'ç', d: 't', ğ: 'k', g: 'k' } as Record<string, string>)[p.at(-1)!];
      if (hard) out.push(p.slice(0, -1) + hard);
    } else {
      out.push(`${p}e`, `${p}y`);
    }
  }
  return out;
}

const IRREGULAR_FORMS = new Set(Object.values(IRREGULAR).flat());

/**
 * Turkish query words are nouns, adjectives and names, as typed in a news search box: not verb
 * forms (buluyor, getirerek, açabilir), and seen in the corpus with a locative or ablative case
 * ending (a sign of a nominal: diyarbakırda, sınavdan).
 */
function nominal(word: string, judge: Judge): boolean {
  if (/(yor|mak|mek|arak|erek|[ıiuü]p|abil|ebil|abilir|ebilir|m[ıiuü]ş)$/.test(word)) return false;
  return judge.family({ word, lang: 'tr' }).some((t) => t !== word && /[dt][ae]n?$/.test(t));
}

/** Deletion keys: two words within one edit of each other share one (symmetric-delete). */
function deletionKeys(w: string): string[] {
  const keys = [w];
  for (let i = 0; i < w.length; i++) keys.push(w.slice(0, i) + w.slice(i + 1));
  return keys;
}

function typo(w: string, rand: () => number, lang: 'tr' | 'en'): string {
  const letters = lang === 'tr' ? 'abcçdefgğhıijklmnoöprsştuüvyz' : 'abcdefghijklmnopqrstuvwxyz';
  const chars = [...w];
  const i = 1 + Math.floor(rand() * (chars.length - 1));
  switch (Math.floor(rand() * 4)) {
    case 0: // substitution
      chars[i] = pick(rand, [...letters].filter((c) => c !== chars[i]));
      break;
    case 1: // deletion
      chars.splice(i, 1);
      break;
    case 2: // insertion
      chars.splice(i, 0, pick(rand, [...letters]));
      break;
    default: // transposition
      if (i < chars.length - 1) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      else chars.splice(i, 1);
  }
  return chars.join('');
}

export interface AtRisk {
  word: string;
  df: number;
  rival: string;
  risk: 'prefix' | 'stem' | 'typo';
}

/** The frequent content words of a language that share a prefix, stem or one-typo neighbourhood with an unrelated frequent word. */
export function atRiskWords(lang: 'tr' | 'en', judge: Judge): { atRisk: AtRisk[]; frequent: string[]; df: Map<string, number> } {
  const df = judge.baseDf[lang];
  const stop = new Set<string>([...(lang === 'tr' ? sw.tur : sw.eng), ...[...FILLER[lang].before, ...FILLER[lang].after].flatMap((f) => f.split(' '))]);
  const content = (w: string) => w.length >= 4 && !/\d/.test(w) && !stop.has(w) && /^\p{L}+$/u.test(w);
  const byDf = [...df.entries()].filter(([w]) => content(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // A root, not an inflection of a more frequent word already in the list (başkanı → başkan).
  const isBase = (w: string) =>
    !shorterBases(lang, w).some((v) => (df.get(v) ?? 0) >= RIVAL_DF && isFamily(lang, v, w)) && !(lang === 'en' && IRREGULAR_FORMS.has(w));
  const frequent: [string, number][] = [];
  for (const entry of byDf) {
    if (frequent.length >= FREQUENT) break;
    if (isBase(entry[0]) && (lang === 'en' || nominal(entry[0], judge))) frequent.push(entry);
  }
  const rivals = byDf.filter(([, n]) => n >= RIVAL_DF).map(([w]) => w);
  const byPrefix = new Map<string, string[]>();
  const byStem = new Map<string, string[]>();
  const byDeletion = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, w: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(w);
  for (const v of rivals) {
    const f = fold(v);
    if (f.length >= 5) push(byPrefix, f.slice(0, 5), v);
    push(byStem, snowball(lang, v), v);
    for (const k of deletionKeys(f)) push(byDeletion, k, v);
  }
  const unrelated = (w: string, v: string) => v !== w && !isFamily(lang, w, v) && !isFamily(lang, v, w);
  const atRisk: AtRisk[] = [];
  for (const [w, n] of frequent) {
    const f = fold(w);
    const tries: [AtRisk['risk'], string[]][] = [
      ['prefix', f.length >= 5 ? (byPrefix.get(f.slice(0, 5)) ?? []) : []],
      ['stem', byStem.get(snowball(lang, w)) ?? []],
      ['typo', deletionKeys(f).flatMap((k) => byDeletion.get(k) ?? [])],
    ];
    for (const [risk, vs] of tries) {
      const rival = vs.find((v) => unrelated(w, v));
      if (rival) {
        atRisk.push({ word: w, df: n, rival, risk });
        break;
      }
    }
  }
  return { atRisk, frequent: frequent.map(([w]) => w), df };
}

/** The benchmark's queries for one language: `perLang` in all, spread evenly over the classes. */
export function precisionQueries(lang: 'tr' | 'en', perLang: number, rand: () => number, judge: Judge): PrecisionQuery[] {
  const { atRisk, frequent, df } = atRiskWords(lang, judge);
  const classes = CLASSES[lang];
  const per = Math.ceil(perLang / classes.length);
  // Partners of two-word queries: any frequent content word (a root), at risk or not.
  const frequentWords = new Set(frequent.slice(0, 1000));
  const out: PrecisionQuery[] = [];
  const make = (a: AtRisk, cls: string, q: string, judged: JudgedWord[]): PrecisionQuery => ({ lang, cls, q, judged, word: a.word, rival: a.rival, risk: a.risk });
  const me = (a: AtRisk): JudgedWord => ({ word: a.word, lang });
  for (const cls of classes) {
    const eligible = atRisk.filter((a) => {
      if (cls === 'ascii') return fold(a.word) !== a.word;
      if (cls === 'typo') return [...a.word].length >= 6;
      return true;
    });
    let made = 0;
    for (const a of sample(rand, eligible, eligible.length)) {
      if (made >= per) break;
      let q: PrecisionQuery | undefined;
      if (cls === 'single') q = make(a, cls, a.word, [me(a)]);
      else if (cls === 'ascii') q = make(a, cls, fold(a.word), [me(a)]);
      else if (cls === 'filler') {
        const before = rand() < 0.4;
        const f = pick(rand, FILLER[lang][before ? 'before' : 'after']);
        q = make(a, cls, before ? `${f} ${a.word}` : `${a.word} ${f}`, [me(a)]);
      } else if (cls === 'typo') {
        const t = typo(a.word, rand, lang);
        if (judge.df(t, lang) === 0 && t !== a.word) q = make(a, cls, t, [me(a)]);
      } else if (cls === 'inflected') {
        const forms = judge.family(me(a)).filter((t) => t !== a.word && !t.includes("'") && (df.get(t) ?? 0) >= 2);
        if (forms.length) q = make(a, cls, pick(rand, forms.sort()), [me(a)]);
      } else if (cls === 'two-word') {
        // A partner word that co-occurs with this one in at least 3 documents: a news query.
        const co = new Map<string, number>();
        // Over (at most) the first 400 documents of the language that hold the word as is.
        const holding = judge.postings(a.word, lang).filter((d) => judge.docs[d]!.lang === lang).slice(0, 400);
        for (const d of holding) for (const t of judge.baseTokens(d)) if (t !== a.word && frequentWords.has(t)) co.set(t, (co.get(t) ?? 0) + 1);
        const partners = [...co.entries()].filter(([t, n]) => n >= 3 && !isFamily(lang, a.word, t) && !isFamily(lang, t, a.word)).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 30);
        if (partners.length) {
          const [u] = pick(rand, partners);
          const pair = rand() < 0.5 ? [a.word, u] : [u, a.word];
          q = make(a, cls, pair.join(' '), pair.map((word) => ({ word, lang })));
        }
      }
      if (q && !out.some((o) => o.q === q.q && o.cls === q.cls)) {
        out.push(q);
        made++;
      }
    }
  }
  return out;
}
