import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { turkishBase } from '../../../bench/lib/perturb.ts';

describe('bench: the uninflected word of a title word (inflected known-item queries)', () => {
  const corpus = new Set(['sinema', 'haber', 'ekran', 'altin', 'alt', 'ozka']);
  const attested = (w: string) => corpus.has(w);
  it('strips a case or possessive the title word already has, so a new one makes Turkish', () => {
    assert.equal(turkishBase('sinemasında', attested), 'sinema');
    assert.equal(turkishBase('haberlerin', attested), 'haber');
    assert.equal(turkishBase('ekranının', attested), 'ekran');
  });
  it('keeps a word in its base form, and never cuts below 5 letters', () => {
    assert.equal(turkishBase('ekran', attested), 'ekran');
    assert.equal(turkishBase('altın', attested), 'altın'); // alt + ın would read gold as "bottom's"
    assert.equal(turkishBase('Özkan', attested), 'Özkan'); // a name is no Özka + n
  });
  it('keeps a word whose beginning the corpus does not have as a word', () => {
    assert.equal(turkishBase('tasarlanan', attested), 'tasarlanan');
  });
});

describe('bench: inflected known-item queries', () => {
  it('put a case ending on nouns only, and on their base form', async () => {
    const { perturb } = await import('../../../bench/lib/perturb.ts');
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const attested = (w: string) => ['sinema', 'aileler'].includes(w);
    for (let i = 0; i < 20; i++) {
      // The document's own forms (folded) are never produced again.
      const doc = new Set(['sinemasinda', 'istedi', 'ailelerde']);
      const q = perturb('tr', ['sinemasında', 'istedi', 'ailelerde'], 'x', doc, rand, attested).find((x) => x.cls === 'inflected')!.q;
      const [a, b, c] = q.split(' ');
      assert.match(a!, /^sinema(?!sında)/, q);
      assert.equal(b, 'istedi', q);
      assert.match(c!, /^aileler/, q);
      assert.notEqual(c, 'ailelerde', q);
    }
  });
});

describe('bench: inflected known-item queries from the corpus vocabulary', () => {
  it('use a form the corpus has (twice or more) and the document does not, of the same noun', async () => {
    const { perturb, TurkishVocabulary } = await import('../../../bench/lib/perturb.ts');
    const vocabulary = new TurkishVocabulary();
    // ikramisinin is what a blind generator makes of ikramiye; the corpus has it once only.
    for (const t of ['ikramiyesi', 'ikramiyesi', 'ikramiyeyi', 'ikramiyeyi', 'ikramisinin', 'Öcalan\'ın', 'Öcalan\'ın', 'ikram', 'ikram']) vocabulary.add(t);
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const doc = new Set(['ikramiye', 'ikramiyeyi', 'ocalan']);
      const q = perturb('tr', ['ikramiye', 'Öcalan', 'istedi'], 'x', doc, rand, () => false, vocabulary).find((x) => x.cls === 'inflected')!.q;
      seen.add(q);
    }
    // ikramiyeyi is in the document, ikram is another word, ikramisinin is rare: only ikramiyesi.
    assert.deepEqual([...seen], ["ikramiyesi Öcalan'ın istedi"]);
  });
  it('leave a word as typed when the corpus has no other form of it', async () => {
    const { perturb, TurkishVocabulary } = await import('../../../bench/lib/perturb.ts');
    const q = perturb('tr', ['tasarlanan'], 'x', new Set(), () => 0.5, () => false, new TurkishVocabulary()).find((x) => x.cls === 'inflected')!.q;
    assert.equal(q, 'tasarlanan');
  });
});
