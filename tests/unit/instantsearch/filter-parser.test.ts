import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilterError, parseFilter, type ParsedFilter } from '../../../src/instantsearch/filter-parser.ts';

type Input = Parameters<typeof parseFilter>[0];

describe('parseFilter', () => {
  describe('when given what instant-meilisearch writes', () => {
    const rows: [string, Input, ParsedFilter][] = [
      ['a facet filter', '"lang"="tr"', { expression: 'lang = "tr"', language: 'tr' }],
      ['an OR group of facet filters (refinementList, operator or)', [['"lang"="tr"', '"lang"="en"']], { expression: 'lang = "tr" OR lang = "en"' }],
      ['facet filters ANDed (operator and) on one attribute', ['"lang"="tr"', '"lang"="en"'], { expression: 'lang = "tr" AND lang = "en"' }],
      [
        'numeric filters of a range input, with a facet group',
        ['"year">=2020', '"year"<=2024', ['"lang"="tr"']],
        { expression: 'year >= 2020 AND year <= 2024 AND lang = "tr"', language: 'tr' },
      ],
      ['a TO range (numericFilters year:2020 TO 2024)', ['"year" 2020 TO 2024'], { expression: 'year 2020 TO 2024' }],
      ['a refined year list (refinementList on year)', [['"year"="2019"', '"year"="2022"']], { expression: 'year = 2019 OR year = 2022' }],
      ['a source label, read as its facet key', ['"source"="Şehir Arşivi"'], { expression: 'source_key = "sehir-arsivi"' }],
      ['an escaped quote inside a value', ['"category"="Reuters \\"Wire\\""'], { expression: 'category_key = "reuters-wire"' }],
      ['a month bucket', '"month"="2024-06"', { expression: 'month = "2024-06"' }],
    ];
    for (const [name, input, expected] of rows) it(`reads ${name}`, () => assert.deepEqual(parseFilter(input), expected));
  });

  describe('when given Meilisearch syntax written by hand', () => {
    const rows: [string, Input, ParsedFilter][] = [
      ['bare words', 'lang = tr', { expression: 'lang = "tr"', language: 'tr' }],
      ['IN lists', "lang IN [tr, 'en']", { expression: 'lang IN ["tr", "en"]' }],
      ['NOT IN lists', 'source NOT IN ["İstanbul", ISTANBUL]', { expression: 'source_key NOT IN ["istanbul", "istanbul"]' }],
      ['AND of an OR group and an equality', '(lang = tr OR lang = en) AND source = "City Desk"', { expression: '(lang = "tr" OR lang = "en") AND source_key = "city-desk"' }],
      ['an AND inside an OR', 'lang = tr OR (year >= 2020 AND year <= 2021)', { expression: 'lang = "tr" OR year >= 2020 AND year <= 2021' }],
      ['!= on a language', 'lang != en', { expression: 'lang != "en"' }],
      ['!= on a year', 'year != 2020', { expression: 'year != 2020' }],
      ['NOT before a condition', 'NOT lang = tr', { expression: 'NOT (lang = "tr")' }],
      ['NOT before a group', 'NOT (source = a OR source = b)', { expression: 'NOT (source_key = "a" OR source_key = "b")' }],
      ['EXISTS and NOT EXISTS', 'category EXISTS AND url NOT EXISTS'.replace('url', 'source'), { expression: 'category EXISTS AND source NOT EXISTS' }],
      ['IS NULL, IS NOT NULL', 'source IS NULL OR category IS NOT NULL', { expression: 'source IS NULL OR category IS NOT NULL' }],
      ['IS EMPTY, IS NOT EMPTY', 'source is empty and category IS NOT EMPTY', { expression: 'source IS EMPTY AND category IS NOT EMPTY' }],
      ['ranges on date_ts', 'date_ts 1700000000 TO 1800000000', { expression: 'date_ts 1700000000 TO 1800000000' }],
      ['languages of an AND: the intersection', '(lang = tr OR lang = en) AND lang IN [en, de]', { expression: '(lang = "tr" OR lang = "en") AND lang IN ["en", "de"]', language: 'en' }],
      ['keywords in lower case', 'lang = tr and year >= 2020', { expression: 'lang = "tr" AND year >= 2020', language: 'tr' }],
      ['an upper-case language code', 'lang = TR', { expression: 'lang = "tr"', language: 'tr' }],
      ['an empty string', '', {}],
      ['an empty array', [], {}],
      ['an empty OR group', [[]], {}],
    ];
    for (const [name, input, expected] of rows) it(`reads ${name}`, () => assert.deepEqual(parseFilter(input), expected));
  });

  describe('when given anything else', () => {
    const rows: [Input, RegExp][] = [
      ['lang = "tr" OR', /expected an attribute, got the end/],
      ['lang = xx', /lang: "xx" is not an ISO 639-1 language code/],
      ['lang = "tr\\" OR lang = \\"en"', /is not an ISO 639-1 language code/],
      ['title = x', /filtering on "title" is not supported/],
      ['url EXISTS', /filtering on "url" is not supported/],
      ['"LANG" = tr', /filtering on "LANG" is not supported/],
      ['lang > tr', /lang: > is not supported \(ranges: on year and date_ts\)/],
      ['lang IS', /expected NULL or EMPTY, got the end/],
      ['lang NOT', /expected EXISTS, got the end/],
      ['lang NOT = tr', /expected EXISTS/],
      ['NOT', /expected an attribute, got the end/],
      ['_geoRadius(45.4, 9.1, 2000)', /filtering on "_geoRadius" is not supported/],
      ['title CONTAINS x', /filtering on "title" is not supported/],
      ['source CONTAINS x', /expected an operator after "source"/],
      ['year >= abc', /year: "abc" is not a number/],
      ['year = 2020.5', /year: 2020.5 is not a whole year/],
      ['year >= 10000', /year: 10000 is outside 0–9999/],
      ['year < -1', /year: -1 is outside/],
      ['date_ts > 1.5', /date_ts: 1.5 is not a whole number/],
      ['month = 2024-13', /month: "2024-13" is not YYYY-MM/],
      ['month >= "2024-01"', /month: >= is not supported/],
      ['month 2024-01 TO 2024-03', /month: TO is not supported/],
      ['source = "!!!"', /source: "!!!" is not a facet value/],
      ['lang = tr)', /unexpected "\)" at 10/],
      ['lang = "tr', /unexpected character at 8/],
      ['lang = tr AND', /expected an attribute, got the end/],
      [Array.from({ length: 101 }, () => 'lang = tr'), /more than 100 comparisons/],
      [Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => 'lang = tr')), /more than 100 comparisons/],
      [`${'('.repeat(17)}lang = tr${')'.repeat(17)}`, /nested more than 16 deep/],
      [`${'NOT '.repeat(17)}lang = tr`, /nested more than 16 deep/],
      // Deep enough to overflow the stack of a parser without a depth limit.
      ['('.repeat(3990), /nested more than 16 deep/],
    ];
    for (const [input, message] of rows) {
      it(`rejects ${JSON.stringify(input).slice(0, 60)}`, () => {
        assert.throws(() => parseFilter(input), (err: Error) => err instanceof FilterError && message.test(err.message));
      });
    }
  });

  it('rebuilds the filter from validated values only: a value cannot change its structure', () => {
    const parsed = parseFilter(['"year">=2020', ['"lang"="tr"', '"lang"="en"'], '"source"="Şehir \\"Arşivi\\" OR 1=1"']);
    assert.deepEqual(parsed, { expression: 'year >= 2020 AND (lang = "tr" OR lang = "en") AND source_key = "sehir-arsivi-or-1-1"' });
  });
});
