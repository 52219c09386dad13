// The document API's limits fit together (issue 10): the largest document it accepts fits in the
// default request body limit, so the limit refuses only bodies it would refuse anyway, before
// parsing them; larger documents go to the indexer, whose record limit is larger still.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS } from '../../../indexer/input/limits.ts';
import { requests } from '../../../src/http/requests.ts';
import { DEFAULT_BODY_LIMIT } from '../../../src/env.ts';
import { MAX_BODY_CHARS, MAX_RECORD_BYTES, MAX_TITLE_CHARS } from '../../../src/search/limits.ts';

const { documentsBody } = requests;

describe('document API body limit', () => {
  it('takes the largest valid document (3-byte characters, JSON-escaped) within DEFAULT_BODY_LIMIT', () => {
    const doc = { id: 'x'.repeat(200), title: 'ğ'.repeat(MAX_TITLE_CHARS), body: '€'.repeat(MAX_BODY_CHARS), lang: 'tr', date: '2025-01-01', source: 's'.repeat(200), category: 'c'.repeat(200), url: 'https://example.org/' };
    assert.ok(documentsBody.safeParse(doc).success);
    assert.ok(Buffer.byteLength(JSON.stringify(doc)) < DEFAULT_BODY_LIMIT);
  });

  it('is below what the indexer reads, which the API names for larger documents', () => {
    assert.ok(DEFAULT_BODY_LIMIT < MAX_RECORD_BYTES);
    assert.equal(DEFAULT_LIMITS.maxRecordBytes, MAX_RECORD_BYTES);
    const tooLong = documentsBody.safeParse({ title: 't', body: 'x'.repeat(MAX_BODY_CHARS + 1) });
    assert.ok(!tooLong.success);
    assert.match(tooLong.error.issues[0]!.message, /indexer \(records up to 10 MiB\)/);
  });
});
