import { foldDiacritics, tokenize, turkishLowerCase, lowerCase } from '../../src/analysis/index.ts';
import { pick } from './rng.ts';
import { isTurkishFamily } from './morph-tr.ts';
import { CONSONANT_INITIAL, inflect, SUFFIXES } from './turkish-inflect.ts';

export const TR_CLASSES = ['exact', 'ascii', 'upper-tr', 'upper-root', 'lower-root', 'inflected', 'stopwords', 'ascii-inflected', 'filler', 'typo'] as const;
export const EN_CLASSES = ['exact', 'upper', 'number-swap', 'stopwords', 'filler', 'typo'] as const;

// Words people add to a news query that carry no topic and are in no stop list.
const TR_FILLER = ['haberleri', 'hakkında', 'nedir', 'son dakika'];
const EN_FILLER_BEFORE = ['latest'];
const EN_FILLER_AFTER = ['news', 'latest news'];

function fillTr(words: string[], rand: () => number): string {
  return [...words, pick(rand, TR_FILLER)].join(' ');
}

function fillEn(words: string[], rand: () => number): string {
  const r = rand();
  if (r < 1 / 3) return [pick(rand, EN_FILLER_BEFORE), ...words].join(' ');
  if (r < 2 / 3) return [...words, pick(rand, EN_FILLER_AFTER)].join(' ');
  return [pick(rand, EN_FILLER_BEFORE), ...words, 'news'].join(' ');
}

/**
 * One edit (deletion, substitution, transposition or insertion of a letter) in the longest
 * word, if it has 6 letters or more; never on the first letter (Meilisearch counts that as
 * two typos).
 */
export function typo(words: string[], rand: () => number): string {
  let at = -1;
  words.forEach((w, i) => {
    if ([...w].length >= 6 && (at < 0 || [...w].length > [...words[at]!].length)) at = i;
  });
  if (at < 0) return words.join(' ');
  const letters = [...words[at]!];
  const i = 1 + Math.floor(rand() * (letters.length - 1));
  const kind = Math.floor(rand() * 4);
  const other = 'aeioulnrstkm'[Math.floor(rand() * 12)]!;
  if (kind === 0) letters.splice(i, 1);
  else if (kind === 1) letters[i] = letters[i] === other ? 'x' : other;
  else if (kind === 2 && i < letters.length - 1) [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
  else letters.splice(i, 0, other);
  return words.map((w, j) => (j === at ? letters.join('') : w)).join(' ');
}

const TR_STOP_PAD = ['ve', 'ile', 'için', 'nasıl', 'bu', 'bir', 'gibi', 'daha'];
const EN_STOP_PAD = ['the', 'of', 'and', 'what', 'about', 'how', 'in', 'for'];

export interface KnownItemQuery {
  lang: string;
  cls: string;
  q: string;
  target: string;
}

const turkishUpper = (w: string) => w.replaceAll('i', 'İ').replaceAll('ı', 'I').toUpperCase();

function pad(words: string[], stops: string[], rand: () => number): string {
  const out = [pick(rand, stops)];
  words.forEach((w, i) => {
    out.push(w);
    if (i < words.length - 1 || rand() < 0.5) out.push(pick(rand, stops));
  });
  return out.join(' ');
}

/**
 * The uninflected word a title word is a form of, by the judge's own morphology (not the code
 * under test): its shortest beginning of 5 letters or more (shorter ones cut names: `Özkan` is no `Özka` + n) that the corpus has as a word and of
 * which the title word is an inflection (`sinemasında` → `sinema`, `çetelerin` → `çete`).
 * Adding a case to a form that has one already makes no Turkish (`sinemasındanın`).
 */
export function turkishBase(word: string, attested: (w: string) => boolean): string {
  const lower = turkishLowerCase(word);
  const letters = [...lower];
  for (let n = 5; n < letters.length; n++) {
    const p = letters.slice(0, n).join('');
    if (attested(foldDiacritics(p)) && isTurkishFamily(p, lower)) return [...word].slice(0, n).join('');
  }
  return word;
}

/**
 * Verb forms (tenses, participles, converbs): a reader does not put a case ending on them
 * (`istedilerde`, `oynadıdan`), so they are left as typed. The endings are the judge's.
 */
const VERBAL = /(?:yor|m[ae]k|[ae]r[ae]k|[ıiuü]p|[ae]bil(?:[ıi]r)?|m[ıiuü]ş(?:t[ıiuü])?|[ae]c[ae]k|[dt][ıiuü](?:l[ae]r)?)$|[dt][ıiuü][ğk]|[ae]c[ae]ğ/;

/**
 * Turkish words of the corpus as people wrote them, to draw inflected queries from: a reader
 * types real words (`ikramiyesi`), never the forms a blind suffix generator makes
 * (`ikramisinin`, `yenisisinin`). Keyed by the lower-case form without apostrophe.
 */
export class TurkishVocabulary {
  private readonly forms = new Map<string, { count: number; surface: string }>();
  private byStart?: Map<string, string[]>;

  add(token: string): void {
    const key = turkishLowerCase(token.replace(/['’]/g, ''));
    if ([...key].length < 3) return;
    const entry = this.forms.get(key);
    if (entry) entry.count++;
    else this.forms.set(key, { count: 1, surface: token.replace(/’/g, "'") });
  }

  /** Forms seen at least twice that the judge reads as inflections of `base` (lower case). */
  familyOf(base: string): { key: string; surface: string }[] {
    if (!this.byStart) {
      this.byStart = new Map();
      for (const [key, { count }] of this.forms) {
        if (count < 2) continue;
        const start = [...key].slice(0, 3).join('');
        const list = this.byStart.get(start) ?? [];
        list.push(key);
        this.byStart.set(start, list);
      }
    }
    const start = [...base].slice(0, 3).join('');
    return (this.byStart.get(start) ?? []).filter((k) => isTurkishFamily(base, k)).sort().map((k) => ({ key: k, surface: this.forms.get(k)!.surface }));
  }
}

/**
 * Another inflection of each noun, one the corpus has and the document does not (so its exact
 * spelling cannot find the target); a word without such a form, or a verb form, stays as typed.
 * Without a vocabulary, a suffix is generated on the word's base.
 */
function inflectAll(words: string[], docTokens: Set<string>, rand: () => number, attested: (w: string) => boolean, vocabulary?: TurkishVocabulary): string[] {
  return words.map((w0) => {
    const proper = /^\p{Lu}/u.test(w0);
    if (vocabulary) {
      const typed = turkishLowerCase(w0.replace(/['’].*$/, ''));
      const whole = turkishLowerCase(w0.replace(/['’]/g, ''));
      if (VERBAL.test(typed)) return w0;
      // The longest beginning of the word (the word itself first) of which it is an inflection
      // and that has other forms in the corpus: `Türkiye` → `Türkiye'de`, not the rare `Türki`
      // its dative reading would give; `yükselişle` → `yükselişin` through `yükseliş`.
      const letters = [...typed];
      for (let n = letters.length; n >= Math.min(5, letters.length); n--) {
        const base = letters.slice(0, n).join('');
        if (n < letters.length && !attested(foldDiacritics(base))) continue;
        if (!isTurkishFamily(base, whole)) continue;
        const options = vocabulary.familyOf(base).filter((f) => f.key !== whole && !docTokens.has(foldDiacritics(f.key)));
        if (options.length === 0) continue;
        const { surface } = pick(rand, options);
        return proper ? surface.charAt(0).toLocaleUpperCase('tr') + turkishLowerCase(surface.slice(1)) : turkishLowerCase(surface);
      }
      return w0;
    }
    const w = turkishBase(w0, attested);
    if (w === w0 && VERBAL.test(turkishLowerCase(w0))) return w0;
    const lower = turkishLowerCase(w);
    const allowed = /[pçtk]$/.test(lower) && !proper ? CONSONANT_INITIAL : Object.keys(SUFFIXES);
    for (let attempt = 0; attempt < 8; attempt++) {
      const form = inflect(proper ? w : lower, SUFFIXES[pick(rand, allowed)]!, proper);
      const key = foldDiacritics(turkishLowerCase(form.replace(/'/g, '')));
      if (!docTokens.has(key)) return form;
    }
    return w0;
  });
}

function swapNumber(w: string): string {
  const l = w.toLowerCase();
  if (/[^aeiou]ies$/.test(l)) return w.slice(0, -3) + 'y';
  if (/(ss|us|is)$/.test(l)) return w + 'es';
  if (/(x|z|ch|sh)es$/.test(l)) return w.slice(0, -2);
  if (/s$/.test(l)) return w.slice(0, -1);
  if (/[^aeiou]y$/.test(l)) return w.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/.test(l)) return w + 'es';
  return w + 's';
}

/** The folded word set of a document, to check that an inflected form is new to it. */
export function docTokenSet(title: string, body: string): Set<string> {
  const fold = (t: string) => foldDiacritics(turkishLowerCase(t));
  // Both `ocalan` and `ocalanin` for Öcalan'ın: the root and the whole written form.
  return new Set(tokenize(`${title} ${body}`).flatMap((t) => [fold(t.replace(/['’].*$/, '')), fold(t.replace(/['’]/g, ''))]));
}

/** Every perturbed query of one document, from its distinctive title words. */
export function perturb(
  lang: string,
  words: string[],
  target: string,
  docTokens: Set<string>,
  rand: () => number,
  attested: (w: string) => boolean = () => false,
  vocabulary?: TurkishVocabulary,
): KnownItemQuery[] {
  const q = (cls: string, text: string) => ({ lang, cls, q: text, target });
  if (lang === 'tr') {
    const inflected = inflectAll(words, docTokens, rand, attested, vocabulary);
    return [
      q('exact', words.join(' ')),
      q('ascii', words.map((w) => foldDiacritics(turkishLowerCase(w))).join(' ')),
      q('upper-tr', words.map(turkishUpper).join(' ')),
      q('upper-root', words.map((w) => w.toUpperCase()).join(' ')),
      q('lower-root', words.map((w) => w.toLowerCase()).join(' ')),
      q('inflected', inflected.join(' ')),
      q('stopwords', pad(words, TR_STOP_PAD, rand)),
      q('ascii-inflected', inflected.map((w) => foldDiacritics(turkishLowerCase(w))).join(' ')),
      q('filler', fillTr(words, rand)),
      q('typo', typo(words, rand)),
    ];
  }
  return [
    q('exact', words.join(' ')),
    q('upper', words.map((w) => w.toUpperCase()).join(' ')),
    q('number-swap', words.map(swapNumber).join(' ')),
    q('stopwords', pad(words, EN_STOP_PAD, rand)),
    q('filler', fillEn(words, rand)),
    q('typo', typo(words, rand)),
  ];
}

export { lowerCase };
