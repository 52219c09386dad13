import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzerFor, runChain } from '../../../src/analysis/chains.ts';
import { exactForm, exactForms, hasFoldableLetter, rootCode } from '../../../src/analysis/filters/exact.ts';
import { tokenize, turkishLowerCase } from '../../../src/analysis/index.ts';
import { corpusMissing, readCorpusHead } from './corpus-sample.ts';

const FORM = /^[a-z0-9]+q$/;

// Words that Meilisearch's folding makes identical; each group must keep distinct exact forms.
const MINIMAL_GROUPS: string[][] = [
  ['sık', 'sik', 'şık', 'şik'],
  ['açı', 'acı', 'aci'],
  ['göl', 'gol'],
  ['şu', 'su'],
  ['üç', 'uc'],
  ['ölü', 'olu', 'ölu', 'olü'],
  ['kör', 'kor'],
  ['sür', 'sur'],
  ['aşı', 'ası', 'asi'],
  ['dört', 'dort'],
  ['ışık', 'işık', 'ısik', 'isik'],
  ['kıl', 'kil'],
  ['kız', 'kiz'],
  ['düş', 'dus', 'duş'],
  ['çok', 'cok'],
  ['dağ', 'dag'],
  ['ağaç', 'agac', 'ağac', 'agaç'],
  ['çalış', 'calis', 'çaliş'],
  ['kırk', 'kirk'],
  ['sıcak', 'sicak'],
  ['öç', 'oc', 'öc', 'oç'],
  ['üzüm', 'uzum'],
];

describe('exactForm', () => {
  const rows: [string, string | undefined][] = [
    ['sık', 'sixkq'],
    ['sik', undefined], // no Turkish letter: the plain word already says it
    ['açı', 'acxixq'],
    ['acı', 'acixq'],
    ['göl', 'goxlq'],
    ['gol', undefined],
    ['şu', 'sxuq'],
    ['su', undefined],
    ['üç', 'uxcxq'],
    ['ağ', 'agxq'],
    ['kılıçdaroğlu', 'kixlixcxdarogxluq'],
    ['işsizlik', 'isxsizlikq'],
    [turkishLowerCase('İstanbul'), undefined], // istanbul
    [turkishLowerCase('ÖĞRENCİ'), 'oxgxrenciq'],
    ['s\u0327u'.normalize('NFC'), 'sxuq'], // decomposed ş, once composed
    ['', undefined],
  ];
  for (const [word, expected] of rows) {
    it(`${JSON.stringify(word)} → ${JSON.stringify(expected)}`, () => assert.equal(exactForm(word), expected));
  }

  it('separates words that Meilisearch folds together (minimal pairs)', () => {
    assert.notEqual(exactForm('açı'), exactForm('acı'));
    assert.notEqual(exactForm('sık'), exactForm('şık'));
    for (const group of MINIMAL_GROUPS) {
      const forms = group.map(exactForm).filter((f): f is string => f !== undefined);
      assert.equal(new Set(forms).size, forms.length, `${group.join('/')} → ${forms.join('/')}`);
      // Exactly the spellings without any of ı ş ç ğ ö ü have no form.
      for (const w of group) assert.equal(exactForm(w) === undefined, !/[ışçğöü]/u.test(w), w);
    }
  });

  it('is injective over all minimal-pair words together', () => {
    const words = [...new Set(MINIMAL_GROUPS.flat())].filter(hasFoldableLetter);
    const forms = words.map((w) => exactForm(w)!);
    assert.ok(words.length >= 30, `${words.length} words`);
    assert.equal(new Set(forms).size, words.length);
  });

  it('known limit: the circumflex is folded like Meilisearch does (kârı/karı, âşık/aşık share a form)', () => {
    assert.equal(exactForm('kârı'), exactForm('karı'));
    assert.equal(exactForm('âşık'), exactForm('aşık'));
    assert.equal(exactForm('kâr'), undefined); // â alone is not one of ı ş ç ğ ö ü
  });
});

describe('exactForm on corpus words', { skip: corpusMissing('tr') }, () => {
  // Distinct analysed words of the first 3000 Turkish docs that carry ı ş ç ğ ö ü.
  async function readSample(): Promise<string[]> {
    const docs = await readCorpusHead('tr', 3000);
    const tr = analyzerFor('tr');
    const words = new Set<string>();
    for (const d of docs) for (const t of runChain(tokenize(`${d.title}\n${d.body}`), tr.normalize)) words.add(t);
    return [...words].filter(hasFoldableLetter);
  }
  let cached: Promise<string[]> | undefined;
  const sample = () => (cached ??= readSample());

  it('gives an ASCII [a-z0-9]+ form ending in q for every word', async () => {
    const words = await sample();
    // Measured: 34,694 such words in the sample.
    assert.ok(words.length > 30_000, `${words.length} words`);
    for (const w of words) assert.match(exactForm(w)!, FORM, w);
  });

  it('gives distinct words distinct forms (apart from circumflex variants)', async () => {
    const words = await sample();
    const byForm = new Map<string, string>();
    // A circumflex is folded on purpose (see the known limit above): lâzım and lazım are one word.
    const noCircumflex = (w: string) => w.normalize('NFD').replace(/\u0302/gu, '').normalize('NFC');
    let compared = 0;
    for (const w of words) {
      const f = exactForm(w)!;
      const other = byForm.get(f);
      if (other === undefined) byForm.set(f, w);
      else {
        compared += 1;
        assert.equal(noCircumflex(w), noCircumflex(other), `${w} and ${other} share ${f}`);
      }
    }
    // Measured: 53 forms shared by circumflex variants (lazım/lâzım, kârı/karı, rüzgar/rüzgâr…).
    assert.ok(compared < 100, `${compared} shared forms`);
  });

  it('never gives one word a form that is a prefix of another word’s form (the closing q)', async () => {
    // Turkish has no q; a word with a literal q can break this (`ı` → `ixq`, `ıq` → `ixqq`).
    const words = (await sample()).filter((w) => !w.includes('q'));
    const forms = [...new Set(words.map((w) => exactForm(w)!))].sort();
    assert.ok(forms.length > 30_000);
    // In sorted order, a form that is a prefix of others sits right before one of them.
    for (let i = 0; i + 1 < forms.length; i++) {
      assert.ok(!forms[i + 1]!.startsWith(forms[i]!), `${forms[i]} is a prefix of ${forms[i + 1]}`);
    }
    // And the same on the minimal pairs, where the words themselves are prefixes (sık/sıkı).
    const pairs: [string, string][] = [['sık', 'sıkı'], ['göl', 'göller'], ['şu', 'şura'], ['üç', 'üçüncü'], ['aş', 'aşı']];
    for (const [short, long] of pairs) {
      assert.ok(long.startsWith(short));
      assert.ok(!exactForm(long)!.startsWith(exactForm(short)!), `${short}/${long}`);
    }
  });
});

describe('exactForms', () => {
  it('de-duplicates and skips words without Turkish letters, keeping first-seen order', () => {
    assert.deepEqual(exactForms(['sık', 'sik', 'sık', 'şu', 'su', 'şu', 'göl']), ['sixkq', 'sxuq', 'goxlq']);
  });

  it('is empty for ASCII-only or empty input', () => {
    assert.deepEqual(exactForms([]), []);
    assert.deepEqual(exactForms(['istanbul', 'ankara', 'mayor']), []);
  });
});

describe('hasFoldableLetter', () => {
  const rows: [string, boolean][] = [
    ['sık', true],
    ['şu', true],
    ['açı', true],
    ['göl', true],
    ['ağ', true],
    ['üç', true],
    ['sik', false],
    ['su', false],
    ['istanbul', false],
    ['kâr', false], // circumflex: not one of the six
    ['élection', false],
    ['', false],
    ['ŞU', false], // expects lower-cased input, like exactForm
  ];
  for (const [word, expected] of rows) {
    it(`${JSON.stringify(word)} → ${expected}`, () => {
      assert.equal(hasFoldableLetter(word), expected);
      assert.equal(exactForm(word) !== undefined, expected); // the two agree
    });
  }
});

describe('rootCode (the root as spelled, where its fold is shared)', () => {
  it('codes a root apart from its twin and from every word code', () => {
    assert.equal(rootCode('öl'), 'qroxlq');
    assert.equal(rootCode('ol'), 'qrolq');
    assert.notEqual(rootCode('öl'), exactForm('öl'));
    assert.notEqual(rootCode('kır'), rootCode('kir'));
  });
  it('is carried by every form of the root, in Turkish text only', () => {
    const tr = analyzerFor('tr');
    for (const w of ['ölecek', 'öldü', 'ölüyor']) assert.equal(tr.rootCode(w), 'qroxlq', w);
    assert.equal(tr.rootCode('kırlarda'), 'qrkixrq');
    assert.equal(tr.rootCode('seçimlerde'), undefined, 'secim folds only seçim');
    assert.equal(analyzerFor('en').rootCode('sis'), undefined);
  });
});
