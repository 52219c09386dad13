import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { discover, type InputFile } from '../../../indexer/stages/discover.ts';
import { readFile } from '../../../indexer/stages/read.ts';
import { buildDocument } from '../../../src/documents/build.ts';
import type { SearchDocument } from '../../../src/documents/types.ts';
import { SEEDS_NDJSON } from '../../helpers/meili.ts';

interface Seed {
  id: string;
  lang: string;
  title: string;
  body: string;
  date?: string;
}

const seeds = readFileSync(SEEDS_NDJSON, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Seed);

// Each seed's .txt, read and built as the indexer does.
const built = new Map<string, SearchDocument>();
let txtFiles: InputFile[] = [];
before(async () => {
  const found = await discover([path.dirname(SEEDS_NDJSON)]);
  assert.deepEqual(found.problems, []);
  txtFiles = found.files.filter((f) => f.format === 'txt');
  for (const f of txtFiles) {
    for await (const item of readFile(f)) {
      assert.ok('record' in item, `${f.path}: ${'error' in item ? item.error : ''}`);
      const doc = buildDocument(item.record);
      built.set(doc.id, doc);
    }
  }
});

describe('seed .txt files through discover → readFile → buildDocument', () => {
  it('finds one .txt per seed, in sorted order', () => {
    assert.deepEqual(
      txtFiles.map((f) => path.basename(f.path, '.txt')),
      seeds.map((s) => s.id).sort(),
    );
  });

  for (const s of seeds) {
    it(`${s.id}: id, lang, date and title match seeds.ndjson`, () => {
      const doc = built.get(s.id);
      assert.ok(doc, `no document built with id ${s.id}`);
      assert.deepEqual({ id: doc.id, lang: doc.lang, date: doc.date, title: doc.title }, { id: s.id, lang: s.lang, date: s.date, title: s.title });
    });
  }
});
