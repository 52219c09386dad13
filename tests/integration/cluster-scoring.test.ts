// Why a sharded index can rank a document differently from one index of the same corpus, on
// Meilisearch itself (no cluster, no gateway merging): a typo-derived word is looked up in the
// index's own word dictionary, which holds the words of typo-enabled attributes only (not those
// of `typoTolerance.disableOnAttributes`, here the *_stem and *_exact fields). The `attribute`
// rule then looks for that derived word in every attribute, stems included. So a document whose
// title stem is `patlat` is ranked on its title (a better attribute) for the query word `patla`
// (one typo) only when some document of the same index has the word `patlat` in a typo-enabled
// field. In the whole corpus one article does (42bin-magazin-00362, body); it is placed on
// another node than 42bin-guncel-02492, which therefore scores lower on its shard:
// test:cluster's `patladı` + source query (README, "Past one machine").
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rewriteQuery } from '../../src/analysis/index.ts';
import { createClient } from '../../src/meili/client.ts';
import { multiSearch } from '../../src/meili/search.ts';
import { cleanup, indexDocs, testTarget, uniqueIndex } from '../helpers/meili.ts';

const target = {
  id: 'lastik',
  lang: 'tr',
  source: '42bin_haber',
  date: '2020-01-01',
  title: 'Bir gecede 200 aracın lastiğini patlattılar',
  body: 'Sabah araçlarının lastiklerinin patlak olduğunu fark eden sahipleri durumu polise bildirdi.',
};
// The word `patlat` in its body, a typo-enabled attribute; nothing else in common with the target.
const other = { id: 'balon', lang: 'tr', source: 'başka', date: '2020-01-02', title: 'Çocuklar şenlikte oynadı', body: 'Balonu patlat dedi, herkes güldü.' };
// The same words in the body's stems only (typos disabled there): not in the word dictionary.
const stemOnly = { id: 'balon-2', lang: 'tr', source: 'başka', date: '2020-01-03', title: 'Çocuklar şenlikte oynadı', body: 'Balonları patlattılar, herkes güldü.' };

const alone = uniqueIndex('score_alone');
const withWord = uniqueIndex('score_word');
const withStem = uniqueIndex('score_stem');

interface Scored {
  id: string;
  _rankingScore: number;
  _rankingScoreDetails: Record<string, { order: number; score?: number; matchingWords?: number; typoCount?: number; maxMatchingWords?: number }>;
}

async function scoreOf(uid: string): Promise<Scored> {
  const client = createClient(testTarget(), 30_000);
  const q = rewriteQuery('patladı', 'tr').q;
  assert.equal(q, 'patla patladixq', 'the Meilisearch query test:cluster sent');
  const [res] = await multiSearch<Scored & Record<string, unknown>>(client, [
    { indexUid: uid, q, filter: 'source = "42bin_haber"', showRankingScore: true, showRankingScoreDetails: true, attributesToRetrieve: ['id'] },
  ]);
  const hit = res!.hits.find((h) => h.id === target.id);
  assert.ok(hit, `${target.id} found in ${uid}`);
  return hit;
}

describe('Meilisearch scores a typo-derived match by the words of its own index', () => {
  before(async () => {
    await Promise.all([indexDocs(alone, [target]), indexDocs(withWord, [target, other]), indexDocs(withStem, [target, stemOnly])]);
  });
  after(async () => {
    await Promise.all([cleanup(alone), cleanup(withWord), cleanup(withStem)]);
  });

  it('ranks the same document higher when another document of the index holds the derived word', async (t) => {
    const [a, w, s] = await Promise.all([scoreOf(alone), scoreOf(withWord), scoreOf(withStem)]);
    const detail = (x: Scored) => JSON.stringify(x._rankingScoreDetails);
    t.diagnostic(`alone: ${a._rankingScore} ${detail(a)}`);
    t.diagnostic(`with "patlat" in another body: ${w._rankingScore} ${detail(w)}`);
    t.diagnostic(`with "patlattılar" (stem patlat) in another body: ${s._rankingScore} ${detail(s)}`);
    // Same words matched, same typos: the document and the query did not change.
    for (const rule of ['words', 'typo'] as const) {
      assert.deepEqual(w._rankingScoreDetails[rule], a._rankingScoreDetails[rule], rule);
      assert.deepEqual(s._rankingScoreDetails[rule], a._rankingScoreDetails[rule], rule);
    }
    // Only the attribute rule moved, and only where another document brought the word into the dictionary.
    assert.ok(w._rankingScoreDetails.attribute!.score! > a._rankingScoreDetails.attribute!.score!, 'attribute rule better with the word in the index');
    assert.ok(w._rankingScore > a._rankingScore, 'score higher with the word in the index');
    assert.equal(s._rankingScore, a._rankingScore, 'a stem-only occurrence changes nothing');
  });
});
