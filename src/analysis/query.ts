import { analyzerFor, runChain, spellingMatters, tellsFoldApart, typedWithCapitalI } from './chains.ts';
import { detectQueryLanguage, UNDETERMINED } from './detect-lang.ts';
import { asciiExactForm } from './filters/exact.ts';
import { contentWords } from './filters/filler.ts';
import { isTwinWord } from './filters/lemma-tr.ts';
import { foldDiacritics } from './filters/fold.ts';
import { isNearWord } from './filters/near.ts';
import { stripPlural } from './filters/plural.ts';
import { tokenize } from './filters/tokenize.ts';

/**
 * The shortest word Meilisearch forgives a typo in (config/index-settings.json,
 * typoTolerance.minWordSizeForTypos.oneTypo): searching a shorter word as typed finds nothing more.
 */
const MIN_TYPO_LENGTH = 5;

/** Meilisearch 1.21 reads only the first 10 words of a query and drops the rest silently. */
export const MEILI_MAX_QUERY_WORDS = 10;

export interface QueryRewrite {
  lang: string;
  /** `guessed`: only weak cues or n-grams spoke; `undetermined`: nothing did (neutral analysis). */
  langSource: 'param' | 'detected' | 'guessed' | 'undetermined';
  /** Content words after analysis, in order. */
  terms: string[];
  /** Stop words and filler removed from the query (config/filler.json). */
  dropped: string[];
  /** Term → the stem(s) searched for it. */
  stems: Record<string, string[]>;
  /** Phrases kept verbatim (`"…"`), and excluded words or phrases (`-word`). */
  phrases: string[];
  excluded: string[];
  /** Words that did not fit in Meilisearch's 10-word window. */
  ignored: string[];
  /** The stem Meilisearch prefix-matches (it does so for the last word of q), if q ends with one. */
  prefix?: string;
  /** The string sent to Meilisearch. */
  q: string;
  /**
   * The language the query was confidently detected in (not given): a ranking preference the
   * search may apply for same-language documents, never a filter. Absent when unsure or given.
   */
  langHint?: string;
}

interface Parsed {
  words: string[];
  phrases: string[];
  excluded: string[];
}

// `"exact phrase"`, `-word`, `-"phrase"`; an unmatched quote is dropped.
const PART = /(-?)"([^"]*)"|(?:^|(?<=\s))-([^\s"]+)|[^\s"]+/gu;

function parse(raw: string): Parsed {
  const out: Parsed = { words: [], phrases: [], excluded: [] };
  for (const m of raw.normalize('NFC').matchAll(PART)) {
    if (m[2] !== undefined) {
      const phrase = tokenize(m[2]).join(' ');
      if (phrase) (m[1] ? out.excluded : out.phrases).push(`"${phrase}"`);
    } else if (m[3] !== undefined) {
      const word = tokenize(m[3]).join(' ');
      if (word) out.excluded.push(word.includes(' ') ? `"${word}"` : word);
    } else {
      out.words.push(m[0]);
    }
  }
  return out;
}

/**
 * Query-time analysis with the same chain as documents. Stop words are dropped unless
 * nothing else is left; each term is searched by its stem (the stem fields hold every
 * inflection of it); a term written with Turkish letters also asks for its exact
 * spelling, so exact forms outrank their folded twins. Phrases and exclusions pass
 * through. Everything fits Meilisearch's 10-word window, most important first.
 */
export interface RewriteOptions {
  /** The last word may still be being typed (search-as-you-type): keep Meilisearch's prefix match on it. */
  typing?: boolean;
}

export function rewriteQuery(raw: string, lang?: string, opts: RewriteOptions = {}): QueryRewrite {
  const guess = lang ? { lang, confident: true } : detectQueryLanguage(raw);
  // Unsure of the language: the neutral analyzer, whose 5-letter stems equal both languages'
  // except for short English plurals (sending two stems would make Meilisearch require both).
  const analyzer = analyzerFor(guess.lang);
  const parsed = parse(raw);
  const tokens = parsed.words.flatMap((w) => tokenize(w));
  const normalized = runChain(tokens, analyzer.normalize);
  // Terms typed in capitals with an ASCII `I` (`SEÇIM`), whose `ı` may be an `i`: read folded,
  // as the index reads such words (analyze.ts).
  const capitalI = typedWithCapitalI(tokens, normalized);
  const capital = new Set(normalized.filter((_, i) => capitalI[i]));
  // A query typed with Turkish letters is written in Turkish spelling, its ASCII words too
  // (`konusunda` is konu + sunda, as in a document); one typed without them may stand for
  // either spelling of each word and is read folded (`konusunda`: konuş + unda, longest first),
  // a reading documents index too (filters/lemma-tr.ts turkishFoldedRoot).
  const spelled = tokens.some((t) => /[ışçğöüİŞÇĞÖÜ]/.test(t));
  // Stop words and query filler (`haberleri`, `son dakika`, `news`) do not decide the results.
  const { terms, dropped } = contentWords(normalized, analyzer.stop, guess.lang, parsed.phrases.length > 0);

  const stems: Record<string, string[]> = {};
  const cutForms: string[] = [];
  const stemWords: string[] = [];
  for (const [i, t] of terms.entries()) {
    let s = capital.has(t) || !spelled ? analyzer.foldedStem(t) : analyzer.stem(t);
    // A misspelt word is searched as typed, not cut: `acquirs` is one typo from `acquires`,
    // which Meilisearch tolerates on the text fields, but its cut form `acquir` two
    // (bench:relevance's English typo class missed 7 of 200 targets this way). An unknown word
    // whose cut form is one edit from a dictionary headword is taken for a misspelling; one that is
    // not (`drugmakers`) keeps its cut form, which finds its singular, as does a cut form too
    // short for Meilisearch to forgive a typo in: four letters are as often a ticker or an
    // abbreviation (`CAMDs`, `MTRCs`) as a misspelling. Turkish: every unknown word, since the
    // lexicon's suffixes put almost any string one edit from a known form.
    const asTyped = foldDiacritics(t);
    if (s && s !== asTyped && !analyzer.isWord(t) && asTyped.length >= MIN_TYPO_LENGTH) {
      if (analyzer.lang === 'tr') s = asTyped;
      // Only words that can reach Meilisearch's window are checked (the check costs ~1,500 lookups).
      else if (i < MEILI_MAX_QUERY_WORDS && s.length >= MIN_TYPO_LENGTH && !analyzer.isWord(s) && isNearWord(s, analyzer.isHeadword)) {
        // Its cut form still ranks: documents holding that word come first among the typo matches.
        cutForms.push(s);
        s = asTyped;
      }
    }
    stems[t] = s ? [s] : [];
    if (s && !stemWords.includes(s)) stemWords.push(s);
  }
  // In Turkish the spelling typed (its exact code, or the form typed) is asked for only where
  // it tells documents of one stem apart (chains.ts spellingMatters, which the index reads too,
  // storing no spelling a query cannot ask for): a stem that folds several words together (`kir`: kır,
  // kir), a word that folds to another word (`kısmı`, its part: `kismi` is kısmi, partial), a
  // broad stem whose forms differ in meaning (a verb, a verbal noun: `yap`, `yapılma`), and a
  // word the lexicon does not know (a name, a misspelling). A noun root's inflections are one
  // word (`seçim`, `seçimlerinde`, and a short one's: `ev`, `evden`): preferring the one typed only put
  // documents holding it above equally relevant ones (bench:relevance's inflected class kept 0.86
  // of its exact MRR with it, 0.93 without; bench:precision did not move).
  //
  // A shared fold counts only where the spelling can tell it apart: a word with Turkish letters
  // (its exact code) or an ASCII word with a twin (`sis`, asking `sisq`). Any other ASCII word
  // folds as its twin's forms do (`durumunu` is also how `dürümünü` is typed, and Meilisearch
  // matches one for the other), so asking for it as typed only prefers one inflection.
  const foldApart = (t: string): boolean => tellsFoldApart(analyzer, t, stems[t]?.[0]);
  const asksSpelling = (t: string): boolean => spellingMatters(analyzer, t, stems[t]?.[0]);
  // A capital I may stand for ı or i (`ISTANBUL`, `ISPARTA`), so such words give no exact spelling.
  const exact = new Set<string>();
  // Root codes are Turkish (an undetermined query may be Turkish too).
  const rootCodeOf = guess.lang === 'en' ? undefined : analyzerFor('tr').rootCode;
  // Spellings that tell one word from another under a shared fold (`ölecek`: öl, die, not ol, be).
  const decisive = new Set<string>();
  for (const token of tokens) {
    if (token.includes('I')) continue;
    for (const t of runChain([token], analyzer.normalize)) {
      // An ASCII word with a Turkish twin (`sis`/`şiş`) asks for its own spelling unless the
      // query is English: short queries are often not known to be Turkish.
      if (!terms.includes(t) || !asksSpelling(t)) continue;
      const e = analyzer.exact(t) ?? (guess.lang === 'en' ? undefined : asciiExactForm(t, isTwinWord));
      if (!e) continue;
      // Its root's code first (`ölecek` → öl's, `qroxlq`): documents holding any form of the root
      // meant come before those of its folded twin, whatever the form.
      const rc = rootCodeOf?.(t);
      if (rc) {
        exact.add(rc);
        decisive.add(rc);
      }
      exact.add(e);
      if (foldApart(t)) decisive.add(e);
    }
  }

  // A word typed in a form other than its root (`neler`, `edilmedigi`, `yapabilecek`) also asks
  // for that form: the root alone ranks every document of the root alike (`ne`, `yap`), so the
  // documents holding what was typed would sit anywhere on the page. Words with Turkish letters
  // already ask for their exact spelling. Not while typing: the form is not finished.
  const typed = new Set<string>();
  if (!opts.typing) {
    for (const t of terms) {
      const folded = foldDiacritics(t);
      if (!stems[t]?.length || !folded || stems[t].includes(folded) || exact.has(analyzer.exact(t) ?? '') || stemWords.includes(folded)) continue;
      // A regular English plural says nothing its singular does not (`mayors`: documents about
      // one mayor are as relevant); bench:relevance's number-swap class lost 5% MRR to it.
      if (stems[t].includes(stripPlural(folded))) continue;
      if (!asksSpelling(t)) continue;
      typed.add(folded);
    }
  }

  // Budget: phrases and stems first (what to find), then exclusions, then exact spellings and
  // typed forms (these only rank: Meilisearch's `last` strategy drops them first, so a
  // document with the root but not the typed form is still found, below those with it).
  const window: string[] = [];
  const ignored: string[] = [];
  let used = 0;
  const add = (part: string) => {
    const words = part.split(' ');
    const room = MEILI_MAX_QUERY_WORDS - used;
    if (words.length <= room) {
      used += words.length;
      window.push(part);
    } else if (room > 0 && /^-?"/.test(part)) {
      // A phrase too long for the window keeps its beginning rather than vanishing.
      const head = words.slice(0, room).join(' ');
      window.push(`${head}"`);
      ignored.push(`${/^-/.test(part) ? '-' : ''}"${words.slice(room).join(' ')}`);
      used = MEILI_MAX_QUERY_WORDS;
    } else {
      ignored.push(part);
    }
  };
  for (const p of [...parsed.phrases, ...stemWords]) add(p);
  for (const e of parsed.excluded) add(`-${e}`);
  // Meilisearch's `last` strategy drops optional words from the end, so the ones that tell a word
  // from its folded twin go first: without them a stem match may be another word altogether
  // (`ol` for `ölecek`), without the others it is only another form of the same one.
  const optional = [...exact, ...typed];
  for (const o of [...optional.filter((o) => decisive.has(o)), ...optional.filter((o) => !decisive.has(o))]) if (used < MEILI_MAX_QUERY_WORDS) add(o);
  for (const c of cutForms) if (used < MEILI_MAX_QUERY_WORDS && !stemWords.includes(c)) add(c);

  // Meilisearch prefix-matches the last word unless the query ends with a space. A word the
  // dictionary knows is complete (`imam` must not find `imamoğlu`, `elect` not `electric`);
  // an unknown one may still be being typed, or be a name, and keeps the prefix, as does any
  // last word when the caller says it is being typed (suggestions).
  const last = window.at(-1);
  const lastTerm = terms.findLast((t) => stems[t]?.includes(last ?? ''));
  const prefix = last !== undefined && lastTerm !== undefined && (opts.typing || !analyzer.isWord(lastTerm)) ? last : undefined;
  // A typed form that is a known word is finished too; an unknown one keeps the prefix.
  // So is the cut form of a misspelling: it only ranks, and is what the word would be.
  const closed = last !== undefined && ((typed.has(last) && analyzer.isWord(terms.find((t) => foldDiacritics(t) === last) ?? last)) || cutForms.includes(last));
  const q = window.join(' ');
  return {
    prefix,
    lang: guess.lang,
    langSource: lang ? 'param' : guess.confident ? 'detected' : guess.lang === UNDETERMINED ? 'undetermined' : 'guessed',
    terms,
    dropped,
    stems,
    phrases: parsed.phrases,
    excluded: parsed.excluded,
    ignored,
    q: last !== undefined && ((stemWords.includes(last) && prefix === undefined) || closed) ? `${q} ` : q,
    langHint: !lang && guess.confident && guess.lang !== UNDETERMINED ? guess.lang : undefined,
  };
}
