import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilterError, parseFilter, singleLanguage, type ParsedFilter } from '../../../src/instantsearch/filter-parser.ts';
import { filterOf } from '../../../src/instantsearch/request-adapter.ts';

type Input = Parameters<typeof parseFilter>[0];

describe('parseFilter', () => {
  describe('when given what instant-meilisearch writes', () => {
    const rows: [string, Input, ParsedFilter][] = [
      ['a facet filter', '"lang"="tr"', [{ lang: ['tr'] }]],
      ['an OR group of facet filters (refinementList, operator or)', [['"lang"="tr"', '"lang"="en"']], [{ lang: ['tr', 'en'] }]],
      ['facet filters ANDed (operator and) on one attribute', ['"lang"="tr"', '"lang"="en"'], [{ lang: ['tr'] }, { lang: ['en'] }]],
      ['numeric filters of a range input, with a facet group', ['"year">=2020', '"year"<=2024', ['"lang"="tr"']], [{ lang: ['tr'], from: '2020', to: '2024' }]],
      ['a TO range (numericFilters year:2020 TO 2024)', ['"year" 2020 TO 2024'], [{ from: '2020', to: '2024' }]],
      ['a refined year list (refinementList on year)', [['"year"="2019"', '"year"="2022"']], [{ year: [2019, 2022] }]],
      ['a source label, read as its facet key', ['"source"="Şehir Arşivi"'], [{ source: ['sehir-arsivi'] }]],
      ['an escaped quote inside a value', ['"category"="Reuters \\"Wire\\""'], [{ category: ['reuters-wire'] }]],
      ['a month bucket', '"month"="2024-06"', [{ month: ['2024-06'] }]],
    ];
    for (const [name, input, expected] of rows) it(`reads ${name}`, () => assert.deepEqual(parseFilter(input), expected));
  });

  describe('when given Meilisearch syntax written by hand', () => {
    const rows: [string, Input, ParsedFilter][] = [
      ['bare words', 'lang = tr', [{ lang: ['tr'] }]],
      ['IN lists', "lang IN [tr, 'en']", [{ lang: ['tr', 'en'] }]],
      ['AND of an OR group and an equality', '(lang = tr OR lang = en) AND source = "City Desk"', [{ lang: ['tr', 'en'], source: ['city-desk'] }]],
      ['strict bounds as whole years', 'year > 2020.5 AND year < 2024', [{ from: '2021', to: '2023' }]],
      ['two lower bounds: the later wins', 'year >= 2019 AND year >= 2021 AND year <= 2030 AND year <= 2025', [{ from: '2021', to: '2025' }]],
      ['keywords in lower case', 'lang = tr and year >= 2020', [{ lang: ['tr'], from: '2020' }]],
      ['an upper-case language code', 'lang = TR', [{ lang: ['tr'] }]],
      ['an empty string', '', []],
      ['an empty array', [], []],
      ['an empty OR group', [[]], []],
    ];
    for (const [name, input, expected] of rows) it(`reads ${name}`, () => assert.deepEqual(parseFilter(input), expected));
  });

  describe('when given anything else', () => {
    const rows: [Input, RegExp][] = [
      ['lang = "tr" OR', /expected an attribute, got the end/],
      ['lang = xx', /lang: "xx" is not an ISO 639-1 language code/],
      ['lang = "tr\\" OR lang = \\"en"', /is not an ISO 639-1 language code/],
      ['title = x', /filtering on "title" is not supported/],
      ['date_ts >= 0', /filtering on "date_ts" is not supported/],
      ['"LANG" = tr', /filtering on "LANG" is not supported/],
      ['lang != tr', /lang: != is not supported/],
      ['year != 2020', /year: != is not supported/],
      ['lang = tr OR year = 2020', /an OR group must be on one attribute/],
      [[['"lang"="tr"', '"year"="2020"']], /an OR group must be on one attribute/],
      ['lang = tr OR (year >= 2020 AND year <= 2021)', /an AND inside an OR is not supported/],
      ['year > 2020 OR year < 2010', /only equalities can be combined with OR/],
      ['NOT lang = tr', /NOT is not supported/],
      ['lang EXISTS', /expected TO, got the end/],
      ['lang IS NULL', /expected TO/],
      ['_geoRadius(45.4, 9.1, 2000)', /expected an operator after "_geoRadius"/],
      ['year >= abc', /year: "abc" is not a number/],
      ['year = 2020.5', /year: 2020.5 is not a whole year/],
      ['year >= 10000', /year: 10000 is outside 0–9999/],
      ['year < 0', /year: 0 is outside/],
      ['month = 2024-13', /month: "2024-13" is not YYYY-MM/],
      ['month >= "2024-01"', /month: only = and IN are supported/],
      ['source = "!!!"', /source: "!!!" is not a facet value/],
      ['lang = tr)', /unexpected "\)" at 10/],
      ['lang = "tr', /unexpected character at 8/],
      ['lang = tr AND', /expected an attribute, got the end/],
      [Array.from({ length: 101 }, () => 'lang = tr'), /more than 100 comparisons/],
      [Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => 'lang = tr')), /more than 100 comparisons/],
      [`${'('.repeat(17)}lang = tr${')'.repeat(17)}`, /nested more than 16 deep/],
      // Deep enough to overflow the stack of a parser without a depth limit.
      ['('.repeat(3990), /nested more than 16 deep/],
    ];
    for (const [input, message] of rows) {
      it(`rejects ${JSON.stringify(input).slice(0, 60)}`, () => {
        assert.throws(() => parseFilter(input), (err: Error) => err instanceof FilterError && message.test(err.message));
      });
    }
  });

  it('gives filters that the gateway builder turns into Meilisearch filters from validated values only', () => {
    const parsed = parseFilter(['"year">=2020', '"year"<=2024', ['"lang"="tr"', '"lang"="en"'], '"source"="Şehir \\"Arşivi\\" OR 1=1"']);
    assert.deepEqual(filterOf(parsed), [
      ['lang = "tr"', 'lang = "en"'],
      ['source_key = "sehir-arsivi-or-1-1"'],
      `date_end_ts >= ${Date.UTC(2020, 0, 1) / 1000}`,
      `date_ts <= ${Date.UTC(2025, 0, 1) / 1000 - 1}`,
    ]);
  });
});

describe('singleLanguage', () => {
  const rows: [ParsedFilter, string | undefined][] = [
    [[], undefined],
    [[{ lang: ['tr'] }], 'tr'],
    [[{ lang: ['tr', 'en'] }], undefined],
    [[{ lang: ['tr', 'en'] }, { lang: ['en'] }], 'en'],
    [[{ lang: ['tr'] }, { lang: ['en'] }], undefined],
    [[{ from: '2020' }, { lang: ['en'] }], 'en'],
  ];
  for (const [filters, lang] of rows) it(`${JSON.stringify(filters)} → ${lang}`, () => assert.equal(singleLanguage(filters), lang));
});
