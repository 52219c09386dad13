// The precision judge: a document is relevant to a query word when its title or body holds a
// token of the word's own family (bench/lib/morph-tr.ts, morph-en.ts). One inverted index of
// the corpus serves both the hits (is this hit relevant?) and the denominators (how many
// relevant documents exist?), so the two can never disagree.
import type { CorpusDoc } from './corpus.ts';
import { englishForms, isEnglishFamily } from './morph-en.ts';
import { isTurkishFamily, turkishStemForms } from './morph-tr.ts';
import { enLower, enToken, trLower, trToken, WORD, words } from './text.ts';

export interface JudgedWord {
  /** The word whose family is judged (Turkish or English lower case; for an ASCII-typed query, the Turkish word it was typed for). */
  word: string;
  lang: 'tr' | 'en';
}

/**
 * Each word of a text as the Turkish and the English judge read it. One tokenisation for both:
 * with İ mapped first, both lower-casings keep the text's length, so offsets carry over.
 */
function* tokenPairs(text: string): Generator<[string, string]> {
  const src = text.normalize('NFC').replaceAll('\u0307', '').replaceAll('’', "'").replaceAll('İ', 'i');
  const tr = trLower(src);
  const en = enLower(src);
  if (tr.length !== src.length || en.length !== src.length) {
    for (const w of words(src)) yield [trToken(w), enToken(w)];
    return;
  }
  for (const m of src.matchAll(WORD)) yield [tr.slice(m.index, m.index + m[0].length), en.slice(m.index, m.index + m[0].length)];
}

class Vocabulary {
  readonly postings = new Map<string, number[]>();
  private sorted: string[] = [];

  add(token: string, doc: number) {
    const list = this.postings.get(token);
    if (!list) this.postings.set(token, [doc]);
    else if (list.at(-1) !== doc) list.push(doc);
  }

  seal() {
    this.sorted = [...this.postings.keys()].sort();
  }

  /** Every token that starts with `prefix`. */
  withPrefix(prefix: string): string[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) out.push(this.sorted[i]!);
    return out;
  }
}

export class Judge {
  readonly docs: CorpusDoc[];
  readonly index = new Map<string, number>();
  private readonly tr = new Vocabulary();
  private readonly en = new Vocabulary();
  private readonly familyCache = new Map<string, string[]>();
  /** Document frequency, in the documents of each language, of each word before its apostrophe (İstanbul'da → istanbul). */
  readonly baseDf = { tr: new Map<string, number>(), en: new Map<string, number>() };

  constructor(docs: CorpusDoc[]) {
    this.docs = docs;
    docs.forEach((d, i) => {
      this.index.set(d.id, i);
      const base = this.baseDf[d.lang === 'tr' ? 'tr' : 'en'];
      const seen = new Set<string>();
      for (const [tr, en] of tokenPairs(`${d.title} ${d.body}`)) {
        const t = tr.replaceAll("'", '');
        if (seen.has(t)) continue;
        seen.add(t);
        this.tr.add(t, i);
        this.en.add(en, i);
        const b = (d.lang === 'tr' ? tr : en).split("'")[0]!;
        if (!seen.has(`\0${b}`)) {
          seen.add(`\0${b}`);
          base.set(b, (base.get(b) ?? 0) + 1);
        }
      }
    });
    this.tr.seal();
    this.en.seal();
  }

  /** Comparatives count for English words whose superlative occurs in the corpus (adjectives). */
  private isAdjective(word: string): boolean {
    return [...englishForms(word, true)].some((f) => f.endsWith('est') && f !== word && this.en.postings.has(f));
  }

  /** The tokens of the corpus that belong to the word's family. */
  family({ word, lang }: JudgedWord): string[] {
    const key = `${lang}:${word}`;
    let tokens = this.familyCache.get(key);
    if (!tokens) {
      if (lang === 'tr') {
        const found = new Set<string>();
        for (const form of turkishStemForms(word)) for (const t of this.tr.withPrefix(form)) if (isTurkishFamily(word, t)) found.add(t);
        tokens = [...found];
      } else {
        const adjective = this.isAdjective(word);
        tokens = [...englishForms(word, adjective)].filter((t) => this.en.postings.has(t) && isEnglishFamily(word, t, adjective));
      }
      this.familyCache.set(key, tokens);
    }
    return tokens;
  }

  /** Documents (indices) holding a token of the word's family. */
  docsWith(w: JudgedWord): Set<number> {
    const vocab = w.lang === 'tr' ? this.tr : this.en;
    const out = new Set<number>();
    for (const t of this.family(w)) for (const d of vocab.postings.get(t)!) out.add(d);
    return out;
  }

  /** Documents relevant to a query: every content word's family present (filler words are not judged). */
  relevant(judged: JudgedWord[]): Set<number> {
    const sets = judged.map((w) => this.docsWith(w)).sort((a, b) => a.size - b.size);
    const [first, ...rest] = sets;
    if (!first) return new Set();
    return new Set([...first].filter((d) => rest.every((s) => s.has(d))));
  }

  /** The first token of the document that belongs to the word's family, for the audit sample. */
  matchedToken(docId: string, w: JudgedWord): string | undefined {
    const i = this.index.get(docId);
    if (i === undefined) return undefined;
    const d = this.docs[i]!;
    const fam = new Set(this.family(w));
    return words(`${d.title} ${d.body}`).find((t) => fam.has(w.lang === 'tr' ? trToken(t) : enToken(t)));
  }

  /** Documents holding this exact judge token. */
  postings(token: string, lang: 'tr' | 'en'): number[] {
    return (lang === 'tr' ? this.tr : this.en).postings.get(token) ?? [];
  }

  /** The words of a document before their apostrophes, lower-cased for its language. */
  baseTokens(doc: number): Set<string> {
    const d = this.docs[doc]!;
    return new Set([...tokenPairs(`${d.title} ${d.body}`)].map(([tr, en]) => (d.lang === 'tr' ? tr : en).split("'")[0]!));
  }

  /** Document frequency of a judge token (apostrophe removed for Turkish), over the whole corpus. */
  df(token: string, lang: 'tr' | 'en'): number {
    return (lang === 'tr' ? this.tr : this.en).postings.get(token)?.length ?? 0;
  }
}
