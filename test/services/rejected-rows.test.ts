import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RejectedRows, type RejectedRow } from '../../src/services/voter-import.js';

/** Every row of the entries, with its reason. */
function expand(entries: readonly RejectedRow[]): [number, string][] {
  return entries.flatMap((e) => Array.from({ length: (e.toRow ?? e.row) - e.row + 1 }, (_, k) => [e.row + k, e.message] as [number, string]));
}

describe('RejectedRows (the refused rows of an import)', () => {
  it('names every row with its reason, in row order, in maximal runs, whichever list a row came from', () => {
    // rows 2..n, each refused or not, for one of three reasons, found while reading (a) or against the register (b)
    const arbRows = fc.array(fc.record({ refused: fc.boolean(), reason: fc.constantFrom('甲', '乙', '丙'), fromRegister: fc.boolean() }), { maxLength: 200 });
    fc.assert(
      fc.property(arbRows, (rows) => {
        const reading = new RejectedRows();
        const register = new RejectedRows();
        const expected: [number, string][] = [];
        rows.forEach((r, i) => {
          if (!r.refused) return;
          (r.fromRegister ? register : reading).add(i + 2, 'CODE', r.reason);
          expected.push([i + 2, r.reason]);
        });
        const merged = RejectedRows.merge(reading, register);
        expect(expand(merged.entries)).toEqual(expected);
        expect(merged.count).toBe(expected.length);
        merged.entries.forEach((e, k) => {
          const next = merged.entries[k + 1];
          if (next && next.message === e.message) expect(next.row).toBeGreaterThan((e.toRow ?? e.row) + 1);
        });
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps a single row without toRow', () => {
    const r = new RejectedRows();
    r.add(5, 'VOT-AGE', '未满18周岁');
    r.add(7, 'VOT-AGE', '未满18周岁');
    expect(r.entries).toEqual([
      { row: 5, code: 'VOT-AGE', message: '未满18周岁' },
      { row: 7, code: 'VOT-AGE', message: '未满18周岁' },
    ]);
  });
});
