import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidDateError, parseDate } from '../../../src/documents/dates.ts';

const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000;

describe('parseDate', () => {
  const rows: [string, { start: number; end: number; year: number; month: string | undefined }][] = [
    ['2024', { start: utc(2024, 1, 1), end: utc(2025, 1, 1) - 1, year: 2024, month: undefined }],
    ['2024-06', { start: Date.UTC(2024, 5, 1) / 1000, end: Date.UTC(2024, 6, 1) / 1000 - 1, year: 2024, month: '2024-06' }],
    ['2024-12', { start: utc(2024, 12, 1), end: utc(2025, 1, 1) - 1, year: 2024, month: '2024-12' }],
    ['2024-06-15', { start: utc(2024, 6, 15), end: utc(2024, 6, 16) - 1, year: 2024, month: '2024-06' }],
    ['2024-02-29', { start: utc(2024, 2, 29), end: utc(2024, 3, 1) - 1, year: 2024, month: '2024-02' }],
    ['2024-12-31', { start: utc(2024, 12, 31), end: utc(2025, 1, 1) - 1, year: 2024, month: '2024-12' }],
    ['2024-06-15T10:30:00Z', { start: utc(2024, 6, 15), end: utc(2024, 6, 16) - 1, year: 2024, month: '2024-06' }],
    ['2024-06-15T23:30:00+03:00', { start: utc(2024, 6, 15), end: utc(2024, 6, 16) - 1, year: 2024, month: '2024-06' }],
    [' 2024-06 ', { start: utc(2024, 6, 1), end: utc(2024, 7, 1) - 1, year: 2024, month: '2024-06' }],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} covers [${expected.start}, ${expected.end}]`, () => {
      const d = parseDate(input);
      assert.deepEqual({ start: d.start, end: d.end, year: d.year, month: d.month }, expected);
      assert.equal(d.display, input.trim());
    });
  }

  const invalid = ['2023-02-29', '2024-02-30', '2024-04-31', '2024-13', '2024-00', '2024-06-00', '24-06', '2024/06/15', '15.06.2024', 'dün', ''];
  for (const input of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => assert.throws(() => parseDate(input), InvalidDateError));
  }
});

describe('parseDate with a time', () => {
  const day = (d: string) => new Date(parseDate(d).start * 1000).toISOString().slice(0, 10);
  const rows: [string, string, string][] = [
    ['2024-01-01T23:30:00-05:00', '2024-01-02', '2024-01'], // its UTC day is the next one
    ['2024-03-01T00:30+01:00', '2024-02-29', '2024-02'], // and may be in the month before
    ['2024-12-31T23:59:59.999Z', '2024-12-31', '2024-12'],
    ['2024-06-15T10:00', '2024-06-15', '2024-06'], // no zone: UTC
  ];
  for (const [input, utcDay, month] of rows) {
    it(`${input} counts as ${utcDay}, kept as given for display`, () => {
      assert.equal(day(input), utcDay);
      assert.equal(parseDate(input).month, month);
      assert.equal(parseDate(input).display, input);
    });
  }
  // Issue 10: a zone pushed these to year 10000 and to month "00-1-12".
  for (const bad of ['9999-12-31T23:30:00-05:00', '0000-01-01T00:30+01:00']) {
    it(`rejects ${bad}: its UTC day is outside 0000–9999`, () => assert.throws(() => parseDate(bad), /outside the years/));
  }
  it('keeps the edge days that stay inside', () => {
    assert.equal(parseDate('9999-12-31T23:30:00Z').month, '9999-12');
    assert.equal(parseDate('0000-01-01T00:30-01:00').month, '0000-01');
  });
  for (const bad of ['2024-12-31T99:99:99', '2024-06-15T24:00', '2024-06-15T10:60Z', '2024-06-15T10:00+25:00', '2024-02-30T10:00Z']) {
    it(`rejects ${bad}`, () => assert.throws(() => parseDate(bad), InvalidDateError));
  }
});
