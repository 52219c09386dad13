// The compiled hunspell tables (src/analysis/spell-table.ts) against nspell itself: the same
// answer for every word asked. English is checked whole (its compound rules, ONLYINCOMPOUND
// and input conversion); a small made-up dictionary holds the flags the two real ones lack
// (FORBIDDENWORD, KEEPCASE). The Turkish table's check over the corpus is in the closing note
// of its change (nspell's Turkish load alone is ~3 s).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import nspell from 'nspell';
import { cachedSpeller, compileTable, openTable, sourceId } from '../../../src/analysis/spell-table.ts';

const require = createRequire(import.meta.url);
const enDir = path.dirname(require.resolve('dictionary-en'));
const enAff = readFileSync(path.join(enDir, 'index.aff'));
const enDic = readFileSync(path.join(enDir, 'index.dic'));

const AFF = Buffer.from(['SET UTF-8', 'FORBIDDENWORD F', 'KEEPCASE K', 'NEEDAFFIX N', 'SFX S Y 1', 'SFX S 0 s .', 'PFX U Y 1', 'PFX U 0 un .', ''].join('\n'));
const DIC = Buffer.from(['8', 'cat/S', 'kind/SU', 'bads/F', 'bad/S', 'NASA/K', 'ipod/K', 'walk/NS', 'dog', ''].join('\n'));

function variants(w: string): string[] {
  return [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1), `${w}x`];
}

function sameAnswers(speller: ReturnType<typeof nspell>, words: Iterable<string>): number {
  const table = openTable(compileTable(speller, 'test'), 'test')!;
  let asked = 0;
  const differ: string[] = [];
  for (const w of words) {
    for (const v of variants(w)) {
      asked++;
      if (table.correct(v) !== speller.correct(v) && differ.push(v) > 20) break;
    }
  }
  assert.deepEqual(differ, []);
  return asked;
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'spell-table-'));
  dirs.push(d);
  return d;
}

describe('spell table', () => {
  it('answers as nspell for every form of the English dictionary, in every case, and for numbers and made-up words', () => {
    const en = nspell({ aff: enAff, dic: enDic });
    const words = Object.keys((en as unknown as { data: object }).data);
    const extra = ['', ' ', ' cat ', '1st', '21st', '22nd', '103rd', '11th', '12nd', '3th', "don't", 'don\u2019t', "DON'T", 'IBM', 'ibm', 'zzyzx', 'qwrtp', 'İstanbul', 'ı'];
    const asked = sameAnswers(en, [...words, ...extra]);
    assert.ok(asked > 490_000, `asked ${asked}`);
    assert.equal(en.correct('21st'), true, 'a compound rule decides it');
    assert.equal(en.correct('don\u2019t'), true, 'the input conversion decides it');
  });

  it('answers as nspell where forbidden words, kept case and words that need an affix decide', () => {
    const made = nspell({ aff: AFF, dic: DIC });
    // What the made-up dictionary is for: each flag changes an answer.
    assert.equal(made.correct('bads'), false, 'forbidden');
    assert.equal(made.correct('NASA'), true);
    assert.equal(made.correct('Ipod'), false, 'keeps its case');
    assert.equal(made.correct('Dog'), true, 'where another word is found lower-cased');
    assert.equal(made.correct('walk'), false, 'needs an affix');
    assert.equal(made.correct('walks'), true);
    assert.equal(made.correct('unkinds'), true, 'prefix and suffix combined');
    sameAnswers(made, ['cat', 'cats', 'kind', 'kinds', 'unkind', 'unkinds', 'bad', 'bads', 'BADS', 'NASA', 'nasa', 'Nasa', 'ipod', 'Ipod', 'IPOD', 'walk', 'walks', 'Walks', 'dog', 'DOG']);
  });

  it('is rejected when it was compiled from other files, or is cut short', () => {
    const made = nspell({ aff: AFF, dic: DIC });
    const file = compileTable(made, 'a');
    assert.ok(openTable(file, 'a'));
    assert.equal(openTable(file, 'b'), undefined);
    assert.equal(openTable(file.subarray(0, file.length - 1), 'a'), undefined);
    assert.equal(openTable(Buffer.from('not a table'), 'a'), undefined);
    assert.notEqual(sourceId(AFF, DIC), sourceId(AFF, Buffer.concat([DIC, Buffer.from('x\n')])));
  });

  it('is compiled once into the first folder that takes it, then read from there', () => {
    const blocked = path.join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    // No folder can be made below a file, whoever runs the test.
    const dirs = [path.join(blocked, 'below'), path.join(tempDir(), 'cache')];
    let builds = 0;
    const build = () => (builds++, nspell({ aff: AFF, dic: DIC }));
    // A table of an earlier version of the files goes, and a temporary file an hour old (a
    // killed compile); another dictionary's table and a compile under way stay.
    mkdirSync(dirs[1]!);
    const inDir = (f: string) => path.join(dirs[1]!, f);
    writeFileSync(inDir('made-0123.bin'), 'older');
    writeFileSync(inDir('made-0123.bin.99.x.tmp'), 'killed');
    utimesSync(inDir('made-0123.bin.99.x.tmp'), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    writeFileSync(inDir('made-0123.bin.98.y.tmp'), 'under way');
    writeFileSync(inDir('other-0123.bin'), 'another dictionary');
    assert.equal(cachedSpeller('made', AFF, DIC, dirs, build).correct('cats'), true);
    assert.ok(!existsSync(inDir('made-0123.bin')));
    assert.ok(!existsSync(inDir('made-0123.bin.99.x.tmp')));
    assert.ok(existsSync(inDir('made-0123.bin.98.y.tmp')));
    assert.ok(existsSync(inDir('other-0123.bin')));
    rmSync(inDir('other-0123.bin'));
    rmSync(inDir('made-0123.bin.98.y.tmp'));
    assert.equal(builds, 1);
    const [name, ...others] = readdirSync(dirs[1]!);
    assert.deepEqual(others, [], 'one file, no temporary one left');
    const second = cachedSpeller('made', AFF, DIC, dirs, build);
    assert.equal(builds, 1, 'read back, not built again');
    assert.equal(second.correct('cats'), true);
    assert.equal(second.correct('bads'), false);

    // A damaged file is built again and replaced.
    writeFileSync(path.join(dirs[1]!, name!), 'damaged');
    assert.equal(cachedSpeller('made', AFF, DIC, dirs, build).correct('cats'), true);
    assert.equal(builds, 2);
    assert.ok(openTable(readFileSync(path.join(dirs[1]!, name!)), sourceId(AFF, DIC)), 'rewritten whole');
  });

  it('works from memory when no folder takes it', () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const speller = cachedSpeller('made', AFF, DIC, [path.join(file, 'below-a-file')], () => nspell({ aff: AFF, dic: DIC }));
    assert.equal(speller.correct('cats'), true);
  });
});
