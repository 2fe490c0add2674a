import { describe, expect, it } from 'vitest';
import { allowedRepsForGroup, checkRepresentatives, type Representative } from '../../src/domain/representatives.js';
import { buildProfile, codes, issues, LANZHOU, zh } from './builders.js';

/** n residents' representatives spread over groups g1..gk (3 each by default), and u unit representatives. */
function reps(residents: number, units: number, perGroup = 3): { reps: Representative[]; groups: { id: string; households: number }[]; units: { id: string }[] } {
  const r: Representative[] = [];
  for (let i = 0; i < residents; i += 1) r.push({ kind: 'resident', groupId: `g${Math.floor(i / perGroup)}`, isVoter: true });
  for (let i = 0; i < units; i += 1) r.push({ kind: 'unit', unitId: `u${Math.floor(i / 2)}`, isVoter: false });
  const groupCount = Math.ceil(residents / perGroup);
  return {
    reps: r,
    groups: Array.from({ length: groupCount }, (_, i) => ({ id: `g${i}`, households: 100 })),
    units: Array.from({ length: Math.ceil(units / 2) }, (_, i) => ({ id: `u${i}` })),
  };
}

describe('REP-COUNT (soft, 40..60)', () => {
  it.each([
    [39, ['REP-COUNT']],
    [40, []],
    [60, []],
    [61, ['REP-COUNT']],
  ])('REP-COUNT %i representatives → %o', (n, expected) => {
    const units = 2 * Math.floor(n / 6);
    const r = checkRepresentatives({ ...reps(n - units, units, 3), basis: 'households' }, LANZHOU);
    const found = issues(r).filter((v) => v.rule === 'REP-COUNT');
    expect(found.map((v) => v.rule)).toEqual(expected);
    if (expected.length) {
      expect(found[0]!.severity).toBe('soft');
      expect(zh(found[0]!)).toBe(`居民代表共${n}名，一般应为40至60名`);
    }
  });
});

describe('REP-RESIDENT-SHARE (≥ 2/3, exact)', () => {
  it.each([
    [40, 20, true], // exactly 2/3
    [39, 21, false], // just below
    [41, 19, true],
  ])('REP-RESIDENT-SHARE %i residents and %i unit reps: ok=%s', (residents, unitReps, ok) => {
    const input = reps(residents, unitReps, 3);
    const r = checkRepresentatives({ ...input, basis: 'households' }, LANZHOU);
    expect(codes(r).includes('REP-RESIDENT-SHARE')).toBe(!ok);
  });

  it('REP-RESIDENT-SHARE 4/5 profile: exactly 4/5 passes, one fewer fails, message in Chinese', () => {
    const p = buildProfile({ residentRepShareMin: { num: 4, den: 5 } });
    expect(codes(checkRepresentatives({ ...reps(40, 10), basis: 'households' }, p))).not.toContain('REP-RESIDENT-SHARE');
    const r = checkRepresentatives({ ...reps(39, 11), basis: 'households' }, p);
    const v = issues(r).find((x) => x.rule === 'REP-RESIDENT-SHARE')!;
    expect(zh(v)).toBe('居民代表39名，占代表总数50名的比例应不少于五分之四');
  });
});

describe('REP-PER-GROUP', () => {
  it.each([
    [1, false],
    [2, true],
    [3, true],
    [4, false],
  ])('REP-PER-GROUP basis group: %i representatives in a group ok=%s', (n, ok) => {
    const r = checkRepresentatives(
      { reps: Array.from({ length: n }, () => ({ kind: 'resident' as const, groupId: 'g', isVoter: true })), groups: [{ id: 'g', name: '一组', households: 100 }], units: [], basis: 'group' },
      LANZHOU,
    );
    const v = issues(r).filter((x) => x.rule === 'REP-PER-GROUP');
    expect(v.length === 0).toBe(ok);
    if (!ok) expect(zh(v[0]!)).toBe(`居民小组“一组”推选代表${n}名，应为2至3名`);
  });

  it.each([
    // households, reps, ok  — one per 20..60 households: ceil(h/60)..floor(h/20)
    [120, 2, true], // 60 per rep exactly
    [121, 2, false], // 60.5 per rep
    [120, 6, true], // 20 per rep exactly
    [119, 6, false], // 19.8 per rep
    [10, 1, true], // a small group still has one
  ])('REP-PER-GROUP basis households: %i households, %i reps ok=%s', (households, n, ok) => {
    const r = checkRepresentatives(
      { reps: Array.from({ length: n }, () => ({ kind: 'resident' as const, groupId: 'g', isVoter: true })), groups: [{ id: 'g', households }], units: [], basis: 'households' },
      LANZHOU,
    );
    expect(codes(r).includes('REP-PER-GROUP:households')).toBe(!ok);
  });

  it('REP-PER-GROUP allowed range and a representative without group', () => {
    expect(allowedRepsForGroup(121, 'households', LANZHOU)).toEqual({ min: 3, max: 6 });
    expect(allowedRepsForGroup(5, 'households', LANZHOU)).toEqual({ min: 1, max: 1 });
    const r = checkRepresentatives({ reps: [{ kind: 'resident', isVoter: true, name: '张三' }], groups: [], units: [], basis: 'group' }, LANZHOU);
    expect(codes(r)).toContain('REP-PER-GROUP:no-group');
    const v = issues(r).find((x) => x.params.reason === 'no-group')!;
    expect(zh(v)).toBe('居民代表张三未归属任何居民小组');
    const h = checkRepresentatives({ reps: [], groups: [{ id: 'g', name: '二组', households: 121 }], units: [], basis: 'households' }, LANZHOU);
    expect(zh(issues(h).find((x) => x.rule === 'REP-PER-GROUP')!)).toBe('居民小组“二组”共121户，推选代表0名；按每20至60户推选1名，应为3至6名');
  });
});

describe('REP-PER-UNIT (1..2)', () => {
  it.each([
    [0, false],
    [1, true],
    [2, true],
    [3, false],
  ])('REP-PER-UNIT %i representatives of a unit ok=%s', (n, ok) => {
    const r = checkRepresentatives(
      { reps: Array.from({ length: n }, () => ({ kind: 'unit' as const, unitId: 'u', isVoter: false })), groups: [], units: [{ id: 'u', name: '兰州石化' }], basis: 'group' },
      LANZHOU,
    );
    const v = issues(r).filter((x) => x.rule === 'REP-PER-UNIT');
    expect(v.length === 0).toBe(ok);
    if (!ok) expect(zh(v[0]!)).toBe(`驻区单位“兰州石化”选派代表${n}名，应为1至2名`);
  });

  it('REP-PER-UNIT a unit representative without unit', () => {
    const r = checkRepresentatives({ reps: [{ kind: 'unit', isVoter: false, id: 'x' }], groups: [], units: [], basis: 'group' }, LANZHOU);
    expect(codes(r)).toContain('REP-PER-UNIT:no-unit');
  });
});

describe('REP-IS-VOTER', () => {
  it.each([
    [true, true],
    [false, false],
  ])('REP-IS-VOTER resident representative registered=%s ok=%s', (isVoter, ok) => {
    const r = checkRepresentatives({ reps: [{ kind: 'resident', groupId: 'g', isVoter, name: '李四' }], groups: [], units: [], basis: 'group' }, LANZHOU);
    expect(codes(r).includes('REP-IS-VOTER')).toBe(!ok);
  });
  it('REP-IS-VOTER does not apply to unit representatives', () => {
    const r = checkRepresentatives({ reps: [{ kind: 'unit', unitId: 'u', isVoter: false }], groups: [], units: [{ id: 'u' }], basis: 'group' }, LANZHOU);
    expect(codes(r)).not.toContain('REP-IS-VOTER');
    expect(zh({ rule: 'REP-IS-VOTER', severity: 'hard', params: { representative: '李四' } })).toBe('居民代表李四不是本社区登记选民');
  });

  it('a complete valid congress: 42 residents in 14 groups of 3, 8 unit reps in 4 units', () => {
    const r = checkRepresentatives({ ...reps(42, 8, 3), basis: 'group' }, LANZHOU);
    expect(r).toMatchObject({ ok: true, warnings: [], value: { total: 50, residents: 42, unitReps: 8 } });
  });
});
