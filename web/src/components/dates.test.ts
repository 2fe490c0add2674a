import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './dates';

describe('formatDate', () => {
  it.each([
    ['2026-12-02', '2026年12月2日'],
    ['2027-01-15', '2027年1月15日'],
    ['2026-12-01T16:30:00Z', '2026年12月2日'], // 00:30 the next day in Shanghai
    ['', ''],
    [null, ''],
  ])('%s → %s', (input, expected) => {
    expect(formatDate(input)).toBe(expected);
  });

  it('keeps the clock time in Shanghai', () => {
    expect(formatDateTime('2026-12-02T06:05:00Z')).toBe('2026年12月2日 14:05');
  });
});
