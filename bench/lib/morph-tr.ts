// The Turkish side of the precision judge: is a token an inflection of a word? A small,
// reviewable nominal morphology: the suffix inventory below, realised with vowel harmony,
// consonant assimilation, buffer consonants and final-consonant softening. Derivations are
// not followed (depremzede, kitapçı and imamoğlu are other words), except those listed.

const VOWELS = 'aeıioöuü';
const BACK = 'aıou';
const VOICELESS = 'çfhkpsşt';

const lastVowel = (s: string) => {
  for (let i = s.length - 1; i >= 0; i--) if (VOWELS.includes(s[i]!)) return s[i]!;
  return 'e';
};
const endsInVowel = (s: string) => VOWELS.includes(s.at(-1) ?? '');

/**
 * Suffix patterns: A = a/e (two-way harmony), I = ı/i/u/ü (four-way), D = d/t, C = c/ç
 * (t and ç after a voiceless consonant); `(x)` is a buffer consonant or vowel used only after
 * a vowel-final stem (`(y)A`) or a consonant-final one (`(I)m`), as the grammar books write it.
 */
function realise(pattern: string, stem: string, frontHarmony: boolean): string[] {
  const vowelEnd = endsInVowel(stem);
  let p = pattern;
  // (y), (n), (s): only after a vowel; (I): only after a consonant.
  p = p.replace(/\(([yns])\)/, vowelEnd ? '$1' : '');
  p = p.replace(/\(I\)/, vowelEnd ? '' : 'I');
  const out: string[] = [];
  for (const front of frontHarmony ? [false, true] : [false]) {
    let s = stem;
    let r = '';
    for (const ch of p) {
      const v = lastVowel(s + r);
      const back = front ? false : BACK.includes(v);
      const prev = (s + r).at(-1) ?? '';
      let c = ch;
      if (ch === 'A') c = back ? 'a' : 'e';
      else if (ch === 'I') c = front ? ('ou'.includes(v) || 'öü'.includes(v) ? 'ü' : 'i') : ({ a: 'ı', ı: 'ı', o: 'u', u: 'u', e: 'i', i: 'i', ö: 'ü', ü: 'ü' } as Record<string, string>)[v]!;
      else if (ch === 'D') c = VOICELESS.includes(prev) ? 't' : 'd';
      else if (ch === 'C') c = VOICELESS.includes(prev) ? 'ç' : 'c';
      r += c;
      s = stem;
    }
    out.push(r);
  }
  return [...new Set(out)];
}

type State = 'noun' | 'plural' | 'poss3' | 'poss' | 'case' | 'caseKi' | 'ki' | 'end';

const PLURAL = 'lAr';
const POSSESSIVE_3 = ['(s)I'];
const POSSESSIVE_OTHER = ['(I)m', '(I)n', '(I)mIz', '(I)nIz'];
const POSSESSIVE_AFTER_PLURAL_3 = ['I'];
// Cases on a bare or plural noun; after a 3rd-person possessive (and after -ki) the pronominal n comes in.
const CASES = ['(y)I', '(y)A', 'DA', 'DAn', '(n)In', '(y)lA', 'CA'];
const CASES_PRONOMINAL = ['nI', 'nA', 'nDA', 'nDAn', 'nIn', '(y)lA', 'ncA'];
const KI = 'ki';
// Predicative endings (copula): depremdir, depremdi, depremse, depremken, depremmiş.
const COPULA = ['DIr', 'DIrlAr', '(y)DI', '(y)mIş', '(y)sA', '(y)ken', '(y)Im', '(y)Iz', '(y)sIn'];

/** Which suffix patterns may follow in each state, and the state they lead to. */
function next(state: State): [string[], State][] {
  switch (state) {
    case 'noun':
      return [[[PLURAL], 'plural'], [POSSESSIVE_3, 'poss3'], [POSSESSIVE_OTHER, 'poss'], [CASES.filter((c) => c !== 'DA' && c !== '(n)In'), 'case'], [['DA', '(n)In'], 'caseKi'], [COPULA, 'end']];
    case 'plural':
      return [[POSSESSIVE_AFTER_PLURAL_3, 'poss3'], [POSSESSIVE_OTHER, 'poss'], [CASES.filter((c) => c !== 'DA' && c !== '(n)In'), 'case'], [['DA', '(n)In'], 'caseKi'], [COPULA, 'end']];
    case 'poss3':
      return [[CASES_PRONOMINAL.filter((c) => c !== 'nDA' && c !== 'nIn'), 'case'], [['nDA', 'nIn'], 'caseKi'], [COPULA, 'end']];
    case 'poss':
      return [[CASES.filter((c) => c !== 'DA' && c !== '(n)In'), 'case'], [['DA', '(n)In'], 'caseKi'], [COPULA, 'end']];
    case 'caseKi':
      return [[[KI], 'ki'], [COPULA, 'end']];
    case 'case':
      return [[COPULA, 'end']];
    case 'ki':
      // -ki makes a new noun: evdekiler, evdekinin, evdekine.
      return [[[PLURAL], 'plural'], [CASES_PRONOMINAL.filter((c) => c !== 'nDA' && c !== 'nIn'), 'case'], [['nDA', 'nIn'], 'caseKi'], [COPULA, 'end']];
    case 'end':
      return [];
  }
}

function accepts(stem: string, rest: string, state: State, front: boolean, depth = 0): boolean {
  if (rest === '') return true;
  if (depth > 8) return false;
  for (const [patterns, to] of next(state)) {
    for (const p of patterns) {
      for (const surface of realise(p, stem, front)) {
        if (surface && rest.startsWith(surface) && accepts(stem + surface, rest.slice(surface.length), to, front, depth + 1)) return true;
      }
    }
  }
  return false;
}

/** Final consonant softening before a vowel: kitap→kitabı, ağaç→ağacı, renk→rengi, kanat→kanadı, çocuk→çocuğu. */
function softened(word: string): string | undefined {
  const last = word.at(-1);
  if (last === 'k') return word.slice(0, -1) + (word.at(-2) === 'n' ? 'g' : 'ğ');
  const map: Record<string, string> = { p: 'b', ç: 'c', t: 'd' };
  return last && map[last] ? word.slice(0, -1) + map[last] : undefined;
}

/**
 * Stems that change before a vowel-initial suffix, listed (they cannot be predicted): a dropped
 * vowel (şehir→şehri, oğul→oğlu) or a doubled consonant (hak→hakkı, his→hissi).
 */
export const IRREGULAR_STEMS: Record<string, string> = {
  şehir: 'şehr', isim: 'ism', ağız: 'ağz', burun: 'burn', oğul: 'oğl', akıl: 'akl', fikir: 'fikr', resim: 'resm',
  beyin: 'beyn', alın: 'aln', karın: 'karn', gönül: 'gönl', ömür: 'ömr', hüküm: 'hükm', kayıp: 'kayb', sabır: 'sabr',
  zihin: 'zihn', nehir: 'nehr', boyun: 'boyn', emir: 'emr', şükür: 'şükr', hak: 'hakk', his: 'hiss', sır: 'sırr',
  hat: 'hatt', tıp: 'tıbb', ret: 'redd', zam: 'zamm', af: 'aff', kaşık: 'kaşığ',
};

/**
 * Loanwords whose suffixes take front vowels after a back vowel (saat→saati, gol→golü,
 * kontrol→kontrolü, hal→hali): allowed for roots ending in l, k or t, where this happens.
 */
const mayTakeFrontHarmony = (word: string) => /[lkt]$/.test(word) && BACK.includes(lastVowel(word));

/** Is `token` (Turkish lower case, apostrophe removed) the word itself or an inflection of it? */
export function isTurkishFamily(word: string, token: string): boolean {
  if (token === word) return true;
  const front = mayTakeFrontHarmony(word);
  const startsVowel = (s: string) => VOWELS.includes(s[0] ?? '');
  if (token.startsWith(word) && accepts(word, token.slice(word.length), 'noun', front)) return true;
  // A word that already ends in the 3rd-person possessive (cumhurbaşkanı, belediyesi) inflects as
  // one: cumhurbaşkanının, cumhurbaşkanına; its plural is base + ları (cumhurbaşkanları).
  if (word.length >= 6 && /[ıiuü]$/.test(word) && !endsInVowel(word.slice(0, -1)) && token.startsWith(word) && accepts(word, token.slice(word.length), 'poss3', front)) return true;
  if (word.length >= 6) {
    const m = /^(.*?)(s?)[ıiuü]$/.exec(word);
    const base = m && (m[2] ? endsInVowel(m[1]!) : !endsInVowel(m[1]!)) ? m[1]! : undefined;
    if (base && base.length >= 4) {
      const pl = realise(PLURAL, base, front)[0]!;
      const stem = base + pl;
      for (const poss of realise('I', stem, front)) {
        if (token.startsWith(stem + poss) && accepts(stem + poss, token.slice((stem + poss).length), 'poss3', front)) return true;
      }
    }
  }
  for (const alt of [softened(word), IRREGULAR_STEMS[word]]) {
    if (alt && token.startsWith(alt) && startsVowel(token.slice(alt.length)) && accepts(alt, token.slice(alt.length), 'noun', front)) return true;
  }
  return false;
}

/** The forms the judge tries at the start of a token: for a fast prefix scan of a vocabulary. */
export function turkishStemForms(word: string): string[] {
  const forms = new Set([word]);
  const s = softened(word);
  if (s) forms.add(s);
  if (IRREGULAR_STEMS[word]) forms.add(IRREGULAR_STEMS[word]);
  if (word.length >= 6) {
    const m = /^(.*?)(s?)[ıiuü]$/.exec(word);
    if (m && m[1]!.length >= 4) forms.add(m[1]!);
  }
  return [...forms];
}
