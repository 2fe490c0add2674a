import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageOn,
  compareDates,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  minDate,
  monthDayIn,
  parseDate,
  toDayNumber,
  yearOf,
} from '../../src/domain/dates.js';

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['2024/01/01', false],
    ['20a4-01-01', false],
    ['2024-12-31', true],
  ])('isIsoDate(%s) = %s', (d, ok) => {
    expect(isIsoDate(d)).toBe(ok);
  });

  it('leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect([1, 2, 4, 6, 9, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 30, 30, 30, 30, 31]);
  });

  it('day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(addDays('2010-12-26', -5)).toBe('2010-12-21');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(daysBetween('2010-12-21', '2010-12-26')).toBe(5);
    expect(() => toDayNumber('2010-02-30')).toThrow(RangeError);
  });

  it('round-trips day numbers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
        expect(toDayNumber(fromDayNumber(n))).toBe(n);
        expect(parseDate(fromDayNumber(n))).not.toBeNull();
      }),
    );
  });

  it('age on a day, 29 February births turn a year older on 1 March', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2016-02-29')).toBe(16);
    expect(ageOn('1990-12-26', '2010-12-26')).toBe(20);
    expect(ageOn('1990-12-27', '2010-12-26')).toBe(19);
  });

  it('small helpers', () => {
    expect(monthDayIn(2010, '12-06')).toBe('2010-12-06');
    expect(monthDayIn(2023, '02-29')).toBeNull();
    expect(compareDates('2010-01-01', '2010-01-02')).toBe(-1);
    expect(compareDates('2010-01-02', '2010-01-01')).toBe(1);
    expect(compareDates('2010-01-02', '2010-01-02')).toBe(0);
    expect(minDate('2010-01-02', '2010-01-01')).toBe('2010-01-01');
    expect(yearOf('2010-12-26')).toBe(2010);
  });
});
