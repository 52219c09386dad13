import { memoByWord } from './memo.ts';

/**
 * Whether a folded word is one edit (deletion, adjacent swap, substitution, insertion of an
 * ASCII letter) from a word `isWord` knows. The query uses it to tell a misspelling
 * (`acquir`, the cut form of `acquirs`, is one edit from `acquire`) from a word the
 * dictionary lacks but that is spelt right (`drugmaker`). About 60 × length lookups, so only
 * for the few unknown words of a query; answers are memoised (queries repeat).
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const MAX_LENGTH = 24;
// One memo per dictionary: the same word may be near a word of one and of no word of another.
const memos = new WeakMap<(w: string) => boolean, (w: string) => boolean>();

function* oneEdit(w: string): Generator<string> {
  for (let i = 0; i < w.length; i++) yield w.slice(0, i) + w.slice(i + 1);
  for (let i = 0; i + 1 < w.length; i++) yield w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  for (let i = 0; i < w.length; i++) for (const c of LETTERS) if (c !== w[i]) yield w.slice(0, i) + c + w.slice(i + 1);
  for (let i = 0; i <= w.length; i++) for (const c of LETTERS) yield w.slice(0, i) + c + w.slice(i);
}

export function isNearWord(word: string, isWord: (w: string) => boolean): boolean {
  if (word.length < 3 || word.length > MAX_LENGTH) return false;
  let near = memos.get(isWord);
  if (!near) {
    near = memoByWord((w) => {
      for (const v of oneEdit(w)) if (v.length > 2 && isWord(v)) return true;
      return false;
    }, 10_000);
    memos.set(isWord, near);
  }
  return near(word);
}
