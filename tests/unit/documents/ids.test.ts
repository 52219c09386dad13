import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentId, primaryKeyFor } from '../../../src/documents/ids.ts';

const HASHED = /^h_[A-Za-z0-9_-]{43}$/;

describe('primaryKeyFor', () => {
  for (const id of ['000_9f89e02b5ffec3a1', 'abc-DEF_123', '42', 'x'.repeat(511)]) {
    it(`keeps the Meilisearch-safe id ${JSON.stringify(id.slice(0, 24))}${id.length > 24 ? '…' : ''}`, () => {
      assert.equal(primaryKeyFor(id), id);
    });
  }

  for (const id of ['haber 1', 'İstanbul-2024', 'news/2024/06/a', 'a.b', 'x'.repeat(512), '']) {
    it(`hashes ${JSON.stringify(id.slice(0, 24))}${id.length > 24 ? '…' : ''}`, () => {
      const pk = primaryKeyFor(id);
      assert.match(pk, HASHED);
      assert.equal(primaryKeyFor(id), pk, 'deterministic');
    });
  }

  it('gives distinct keys to distinct ids', () => {
    const ids = ['haber 1', 'haber 2', 'haber/1', 'Haber 1', 'x'.repeat(512), 'x'.repeat(513)];
    assert.equal(new Set(ids.map(primaryKeyFor)).size, ids.length);
  });
});

describe('primaryKeyFor and derived keys', () => {
  it('hashes an id shaped like a derived key, so it cannot take another document\'s place', () => {
    const derived = primaryKeyFor('haber/2024 #1');
    assert.match(derived, /^h_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(primaryKeyFor(derived), derived);
    assert.match(primaryKeyFor(derived), /^h_[A-Za-z0-9_-]{43}$/);
  });
});

describe('contentId', () => {
  it('is stable and depends on both title and body', () => {
    const id = contentId('Başlık', 'Gövde');
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(contentId('Başlık', 'Gövde'), id);
    assert.notEqual(contentId('Başlık', 'Gövde.'), id);
    assert.notEqual(contentId('BaşlıkGövde', ''), contentId('Başlık', 'Gövde'));
  });
});
