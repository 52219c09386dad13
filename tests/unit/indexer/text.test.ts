import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../../../indexer/formats/text.ts';

describe('parseText', () => {
  const rows: [string, string, { title: string; body: string; date?: string }][] = [
    ['first line is the title', 'Seçim sonuçları\n\nBirinci paragraf.\nİkinci satır.', { title: 'Seçim sonuçları', body: 'Birinci paragraf.\nİkinci satır.' }],
    ['date prefix on its own line', 'date 2024-06-15\nBaşlık\n\nGövde.', { title: 'Başlık', body: 'Gövde.', date: '2024-06-15' }],
    [
      'date prefix before the title (seed 004)',
      " date 2024-06 Ekrem İmamoğlu, AKP'li Başakşehir Belediye Başkanı'nı ziyaret etti\n\nGövde.",
      { title: "Ekrem İmamoğlu, AKP'li Başakşehir Belediye Başkanı'nı ziyaret etti", body: 'Gövde.', date: '2024-06' },
    ],
    ['BOM and CRLF', '\uFEFFBaşlık\r\n\r\nGövde\r\nikinci', { title: 'Başlık', body: 'Gövde\nikinci' }],
    ['leading blank lines', '\n\n  Başlık  \nGövde', { title: 'Başlık', body: 'Gövde' }],
    ['a date not in YYYY-MM form stays text', 'date 2024-6 Başlık', { title: 'date 2024-6 Başlık', body: '' }],
    ['empty', '', { title: '', body: '' }],
  ];
  for (const [name, input, expected] of rows) {
    it(name, () => assert.deepEqual(parseText(input), { date: undefined, ...expected }));
  }

  it('takes the first sentence of a long first line as title', () => {
    const paragraph = 'İstanbul Büyükşehir Belediye Başkanı yeni metro hattını açtı. ' + 'Törene çok sayıda vatandaş katıldı ve konuşmalar yapıldı. '.repeat(4);
    const r = parseText(paragraph);
    assert.equal(r.title, 'İstanbul Büyükşehir Belediye Başkanı yeni metro hattını açtı.');
    assert.equal(r.body, paragraph.trim());
  });

  it('cuts a long first sentence at a word boundary before 120 characters, with …', () => {
    const sentence = 'Belediye meclisi '.repeat(20) + 'toplandı.';
    const r = parseText(sentence);
    assert.ok(r.title.endsWith('…'), r.title);
    assert.ok(r.title.length <= 121, `${r.title.length}`);
    assert.ok(sentence.startsWith(r.title.slice(0, -1)));
    assert.match(r.title, /meclisi…$/);
  });
});
