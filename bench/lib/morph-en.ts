// The English side of the precision judge: is a token an inflection of a word? Regular
// inflection with its spelling rules, plus the irregular forms listed below. Derivations are
// other words (elect → election, earth → earthquake).

const VOWEL = /[aeiou]/;

/** Irregular inflections a news corpus uses (verbs: past and participle; nouns: plural). */
export const IRREGULAR: Record<string, string[]> = {
  be: ['is', 'are', 'was', 'were', 'been', 'being'], have: ['has', 'had', 'having'], do: ['does', 'did', 'done', 'doing'],
  go: ['goes', 'went', 'gone'], say: ['says', 'said'], make: ['made'], take: ['took', 'taken'], give: ['gave', 'given'],
  get: ['got', 'gotten'], come: ['came'], see: ['saw', 'seen'], know: ['knew', 'known'], think: ['thought'],
  buy: ['bought'], sell: ['sold'], pay: ['paid'], hold: ['held'], win: ['won'], lose: ['lost'], meet: ['met'],
  leave: ['left'], begin: ['began', 'begun'], grow: ['grew', 'grown'], find: ['found'], tell: ['told'],
  bring: ['brought'], build: ['built'], spend: ['spent'], send: ['sent'], rise: ['rose', 'risen'], fall: ['fell', 'fallen'],
  lead: ['led'], keep: ['kept'], feel: ['felt'], fight: ['fought'], seek: ['sought'], teach: ['taught'], catch: ['caught'],
  speak: ['spoke', 'spoken'], write: ['wrote', 'written'], drive: ['drove', 'driven'], break: ['broke', 'broken'],
  choose: ['chose', 'chosen'], freeze: ['froze', 'frozen'], steal: ['stole', 'stolen'], strike: ['struck'], shake: ['shook', 'shaken'],
  stand: ['stood'], understand: ['understood'], run: ['ran'], swim: ['swam', 'swum'], fly: ['flew', 'flown'], draw: ['drew', 'drawn'],
  show: ['shown'], hit: [], cut: [], put: [], set: [], cost: [], shut: [], let: [], hurt: [], spread: [], bid: [], quit: [],
  man: ['men'], woman: ['women'], child: ['children'], person: ['people'], foot: ['feet'], tooth: ['teeth'], mouse: ['mice'],
  crisis: ['crises'], analysis: ['analyses'], thesis: ['theses'], criterion: ['criteria'], phenomenon: ['phenomena'], datum: ['data'],
  good: ['better', 'best'], bad: ['worse', 'worst'], far: ['further', 'furthest', 'farther', 'farthest'],
  leaf: ['leaves'], life: ['lives'], wife: ['wives'], knife: ['knives'], half: ['halves'], shelf: ['shelves'], wolf: ['wolves'], thief: ['thieves'],
};

/**
 * A final consonant may double before -ed/-ing/-er/-est after a single vowel: stop→stopped,
 * control→controlled, big→bigger. Stress decides, which spelling cannot see: both spellings are
 * accepted (the wrong one, openned, is no word of the corpus).
 */
const doubles = (w: string) => /[^aeiou][aeiou][bdfgklmnprtvz]$/.test(w);

/** The regular inflected forms of a word: plural/3rd person, past, -ing, comparative, possessive. */
export function englishForms(word: string, adjective = false): Set<string> {
  const w = word.toLowerCase();
  const forms = new Set<string>([w]);
  const plural = /(s|x|z|ch|sh)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : /[^aeiou]o$/.test(w) ? `${w}es` : `${w}s`;
  forms.add(plural);
  if (/[^aeiou]o$/.test(w)) forms.add(`${w}s`);
  const stems = [w];
  if (w.endsWith('e') && !w.endsWith('ee')) stems.push(w.slice(0, -1));
  if (doubles(w)) stems.push(w + w.at(-1));
  if (/[^aeiou]y$/.test(w)) {
    forms.add(`${w.slice(0, -1)}ied`);
    if (adjective) forms.add(`${w.slice(0, -1)}ier`).add(`${w.slice(0, -1)}iest`);
  }
  for (const s of stems) {
    if (s.endsWith('e')) forms.add(`${s}d`);
    else if (!/[^aeiou]y$/.test(s)) forms.add(`${s}ed`);
    forms.add(s.endsWith('ie') ? `${s.slice(0, -2)}ying` : `${s}ing`);
    if (adjective) forms.add(s.endsWith('e') ? `${s}r` : `${s}er`).add(s.endsWith('e') ? `${s}st` : `${s}est`);
  }
  for (const f of IRREGULAR[w] ?? []) forms.add(f);
  for (const f of [...forms]) {
    forms.add(f.endsWith('s') ? `${f}'` : `${f}'s`);
    if (f.endsWith('s')) forms.add(`${f}'s`);
  }
  return forms;
}

/**
 * Is `token` (lower case) the word or one of its inflections? Comparatives count only for
 * adjectives (`adjective`: the caller knows, e.g. because the -est form occurs in the corpus),
 * so that bank → banker and export → exporter stay other words.
 */
export function isEnglishFamily(word: string, token: string, adjective = false): boolean {
  return englishForms(word, adjective).has(token);
}

export { VOWEL };
