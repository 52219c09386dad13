import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectLanguage, detectQueryLanguage } from '../../../src/analysis/index.ts';
import { SEEDS_NDJSON } from '../../helpers/meili.ts';
import { loadDictionaries } from '../../../src/analysis/lang-dict.ts';

// The server loads them at start-up; detection reads short queries with them only then.
loadDictionaries();

const seeds = readFileSync(SEEDS_NDJSON, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; lang: string; title: string; body: string });

describe('detectLanguage', () => {
  for (const s of seeds) {
    it(`seed ${s.id} is ${s.lang}`, () => assert.equal(detectLanguage(`${s.title}\n${s.body}`), s.lang));
  }

  const others: [string, string][] = [
    [
      'fr',
      "Le Premier ministre a défendu mardi devant l'Assemblée nationale le projet de budget pour l'année prochaine. " +
        'Selon le gouvernement, le déficit public devrait être ramené à 4,4 % du produit intérieur brut. ' +
        "Les députés de l'opposition ont dénoncé des coupes dans les services publics.",
    ],
    [
      'de',
      'Der Bundeskanzler hat am Mittwoch in Berlin eine neue Reform für die Rente der Beamten angekündigt, ' +
        'und die Opposition hat den Entwurf scharf kritisiert.',
    ],
  ];
  for (const [lang, text] of others) {
    it(`a ${lang} paragraph is ${lang}`, () => assert.equal(detectLanguage(text), lang));
  }

  it("a French sentence with elisions (l', d', qu') is fr, not tr", () => {
    const text =
      "La police a arrêté trois suspects après le vol de bijoux dans un musée de Lyon. Les enquêteurs pensent qu'il s'agit d'une bande organisée qui a déjà frappé en Belgique et en Suisse.";
    assert.equal(detectLanguage(text), 'fr');
  });

  it('is und for text without words', () => {
    assert.equal(detectLanguage(''), 'und');
    assert.equal(detectLanguage(' -- ... '), 'und');
  });
});

describe('detectQueryLanguage', () => {
  const rows: [string, string, boolean][] = [
    ['İMAMOĞLU', 'tr', true], // Turkish-only letters
    ["istanbul'da", 'tr', true], // case suffix after an apostrophe
    ['belediye ve meclis', 'tr', true], // Turkish stop word
    ['the mayor', 'en', true],
    ["mayor's office", 'en', true], // English clitic
    // In a query (Turkish or English) ç, ö, ü can only be Turkish.
    ['seçim', 'tr', true],
    ['göl', 'tr', true],
    // ASCII-typed Turkish endings and English-only letters or digraphs.
    ['secimlerde belediyesinin', 'tr', true],
    ['shipping', 'en', true],
    // The hunspell dictionaries, ASCII-typed Turkish re-spelt.
    ['imamoglu', 'tr', true], // the Turkish dictionary holds İmamoğlu
    ['ekonomi', 'tr', true],
    ['deprem', 'tr', true],
    ['cumhurbaskani', 'tr', true],
    ['earthquake', 'en', true],
    ['elections turkey', 'en', true],
    // Longer queries too: with no letter, stop-word or ending cue, n-grams read this as English.
    ['besiktas takas teklifi', 'tr', true],
    ['merkez bankasi faiz karari', 'tr', true],
    ['central bank interest rate decision', 'en', true],
    // Both dictionaries hold it (İstanbul, Istanbul): no cue, undetermined, not guessed.
    ['istanbul', 'und', false],
    ['', 'und', false],
  ];
  for (const [q, lang, confident] of rows) {
    it(`${JSON.stringify(q)} → ${lang}${confident ? '' : ' (not confident)'}`, () => {
      assert.deepEqual(detectQueryLanguage(q), { lang, confident });
    });
  }

  it('without the dictionaries, words with no letter, stop-word or ending cue are left to n-grams', () => {
    assert.deepEqual(detectQueryLanguage('besiktas takas teklifi', { dictionary: false }), { lang: 'en', confident: false });
    assert.deepEqual(detectQueryLanguage('imamoglu', { dictionary: false }), { lang: 'tr', confident: false });
    assert.deepEqual(detectQueryLanguage('ekonomi', { dictionary: false }), { lang: 'und', confident: false });
  });
});
