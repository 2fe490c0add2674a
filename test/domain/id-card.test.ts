import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharOf, isValidIdNumber, maskIdNumber, normaliseIdNumber, parseIdNumber, to18 } from '../../src/domain/id-card.js';
import { describeViolation } from '../../src/domain/violations.js';
import { idFor } from './builders.js';

const TODAY = '2010-12-01';
// A published sample number: 11010519491231002X (check character X).
const SAMPLE = '11010519491231002X';

describe('VOT-ID parseIdNumber', () => {
  it('VOT-ID accepts a valid 18-character number and reads birth date, sex and region', () => {
    const r = parseIdNumber(SAMPLE, TODAY);
    expect(r).toEqual({
      ok: true,
      value: { idNumber: SAMPLE, birthDate: '1949-12-31', sex: 'female', regionCode: '110105', converted15: false },
    });
  });

  it('VOT-ID accepts lower-case x as X and trims spaces', () => {
    const r = parseIdNumber(' 11010519491231002x ', TODAY);
    expect(r.ok && r.value.idNumber).toBe(SAMPLE);
  });

  it('VOT-ID sex from the sequence: odd male, even female', () => {
    const male = parseIdNumber(idFor('1980-01-01', { seq: 11 }), TODAY);
    const female = parseIdNumber(idFor('1980-01-01', { seq: 12 }), TODAY);
    expect(male.ok && male.value.sex).toBe('male');
    expect(female.ok && female.value.sex).toBe('female');
  });

  it('VOT-ID converts a legacy 15-digit number to 18', () => {
    expect(to18('110105491231002')).toBe(SAMPLE);
    expect(to18('11010549123100')).toBeNull();
    expect(to18('11010549123100a')).toBeNull();
    const r = parseIdNumber('110105491231002', TODAY);
    expect(r.ok && r.value).toEqual({ idNumber: SAMPLE, birthDate: '1949-12-31', sex: 'female', regionCode: '110105', converted15: true });
  });

  it.each([
    ['', 'empty'],
    ['11010519491231002', 'length'],
    ['11010519491231002XX', 'length'],
    ['1101051949123100', 'length'],
    ['11010519491231a02X', 'chars'],
    ['11010519491231002Y', 'chars'],
    ['99010519491231002X', 'region'],
    ['00010519491231002X', 'region'],
    ['110105194912310021', 'checksum'],
  ])('VOT-ID rejects %s (%s)', (raw, reason) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe(reason);
    expect(r.violations[0].rule).toBe('VOT-ID');
    expect(r.violations[0].params.reason).toBe(reason);
    expect(describeViolation(r.violations[0]).messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('VOT-ID birth date must be a real calendar date (29 February only in leap years)', () => {
    expect(parseIdNumber(idFor('2000-02-29'), TODAY).ok).toBe(true);
    expect(parseIdNumber(idFor('1900-02-29'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseIdNumber(idFor('1999-02-29'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseIdNumber(idFor('1999-04-31'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseIdNumber(idFor('1999-13-01'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseIdNumber(idFor('1999-00-01'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseIdNumber(idFor('1999-01-00'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseIdNumber(idFor('1799-01-01'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
  });

  it('VOT-ID birth dates before 1900 are refused: 1899-12-31 is not, 1900-01-01 is a birth date (also as a 15-digit 19YY number)', () => {
    const early = parseIdNumber(idFor('1899-12-31'), TODAY);
    expect(early).toMatchObject({ ok: false, reason: 'date' });
    if (!early.ok) {
      expect(early.violations[0].params).toMatchObject({ birthDate: '1899-12-31', earliest: '1900-01-01' });
      expect(describeViolation(early.violations[0]).messageZh).toBe('出生日期码1899年12月31日早于1900年1月1日，不是有效的出生日期，请核对身份证号');
    }
    expect(parseIdNumber(idFor('1800-01-01'), TODAY)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseIdNumber(idFor('1900-01-01'), TODAY)).toMatchObject({ ok: true, value: { birthDate: '1900-01-01' } });
    const id15 = idFor('1900-01-01');
    expect(parseIdNumber(id15.slice(0, 6) + id15.slice(8, 17), TODAY)).toMatchObject({ ok: true, value: { birthDate: '1900-01-01', converted15: true } });
    expect(isValidIdNumber(idFor('1899-12-31'), TODAY)).toBe(false);
  });

  it('VOT-ID property: every real date from 1900-01-01 to today is a birth date, every one before 1900 is refused', () => {
    const DAY = 86_400_000;
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2010, 11, 1);
    fc.assert(
      fc.property(fc.integer({ min: Math.round((Date.UTC(1800, 0, 1) - from) / DAY), max: Math.round((to - from) / DAY) }), fc.integer({ min: 0, max: 999 }), (offset, seq) => {
        const birth = new Date(from + offset * DAY).toISOString().slice(0, 10);
        const r = parseIdNumber(idFor(birth, { seq }), TODAY);
        expect(r.ok).toBe(offset >= 0);
        if (!r.ok) expect(r.reason).toBe('date');
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['2010-11-30', true],
    ['2010-12-01', true],
    ['2010-12-02', false],
  ])('VOT-ID birth date %s against today 2010-12-01 (future refused): valid=%s', (birth, ok) => {
    const r = parseIdNumber(idFor(birth), TODAY);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toBe('future');
  });

  it('VOT-ID the check character: published example and X', () => {
    expect(checkCharOf('11010519491231002')).toBe('X');
    expect(isValidIdNumber(SAMPLE, TODAY)).toBe(true);
    expect(isValidIdNumber('110105194912310020', TODAY)).toBe(false);
  });

  it('VOT-ID property: changing one character of a valid number is always detected', () => {
    const arbId = fc
      .record({
        region: fc.constantFrom('110101', '620103', '330782', '440305', '650102'),
        day: fc.integer({ min: 0, max: 365 * 100 }),
        seq: fc.integer({ min: 0, max: 999 }),
      })
      .map(({ region, day, seq }) => {
        const base = Date.UTC(1905, 0, 1) + day * 86_400_000;
        const iso = new Date(base).toISOString().slice(0, 10);
        return idFor(iso, { region, seq });
      });
    fc.assert(
      fc.property(arbId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, pos, delta) => {
        expect(parseIdNumber(id, '2010-12-31').ok).toBe(true);
        const alphabet = '0123456789X';
        const cur = alphabet.indexOf(id[pos]!);
        const size = pos === 17 ? 11 : 10;
        const replacement = alphabet[(cur + delta) % size]!;
        if (replacement === id[pos]) return;
        const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(parseIdNumber(changed, '2010-12-31').ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('VOT-ID property: swapping two adjacent different digits is detected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 999 }), (pos, seq) => {
        const id = idFor('1975-06-15', { seq, region: '620102' });
        if (id[pos] === id[pos + 1]) return;
        const swapped = id.slice(0, pos) + id[pos + 1]! + id[pos]! + id.slice(pos + 2);
        expect(parseIdNumber(swapped, '2010-12-31').ok).toBe(false);
      }),
    );
  });
});

describe('masking and normalising', () => {
  it('shows the first 6 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('1234')).toBe('****');
  });
  it('normalises for lookups', () => {
    expect(normaliseIdNumber('110105491231002')).toBe(SAMPLE);
    expect(normaliseIdNumber(' 11010519491231002x')).toBe(SAMPLE);
    expect(normaliseIdNumber('12345')).toBe('12345');
    expect(normaliseIdNumber('11010549123100a')).toBe('11010549123100a');
  });
});
