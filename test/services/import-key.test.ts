import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idKey } from '../../src/services/voter-import.js';
import { idFor } from '../domain/builders.js';

/** Valid 18-character numbers over the whole range of regions, birth dates (1800–2099) and sequences. */
const arbId = fc
  .record({
    region: fc.integer({ min: 110_000, max: 829_999 }).map(String),
    day: fc.integer({ min: 0, max: 109_572 }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, day, seq }) => idFor(new Date(Date.UTC(1800, 0, 1) + day * 86_400_000).toISOString().slice(0, 10), { region, seq }));

describe('idKey (the in-file duplicate key of the voter import)', () => {
  it('orders keys as the numbers are ordered, so two numbers share a key exactly when they are the same', () => {
    // region, birth date and sequence have fixed widths: the first 17 characters compare as the tuple does
    const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);
    fc.assert(
      fc.property(arbId, arbId, (a, b) => {
        expect(sign(idKey(a) - idKey(b))).toBe(sign(a.slice(0, 17).localeCompare(b.slice(0, 17), 'en')));
      }),
      { numRuns: 20_000 },
    );
    // neighbours: one day, one sequence number apart
    expect(idKey(idFor('1999-12-31', { seq: 5 }))).toBeLessThan(idKey(idFor('2000-01-01', { seq: 5 })));
    expect(idKey(idFor('2000-01-31', { seq: 999 }))).toBeLessThan(idKey(idFor('2000-02-01', { seq: 0 })));
    expect(idKey(idFor('2000-01-01', { seq: 6 }))).toBe(idKey(idFor('2000-01-01', { seq: 5 })) + 1);
  });

  it('stays an exact integer for the largest number', () => {
    expect(Number.isSafeInteger(idKey(idFor('2099-12-31', { region: '829999', seq: 999 })))).toBe(true);
  });
});
