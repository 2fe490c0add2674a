import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/domain/rules/index.js';
import {
  checkNoDuplicate,
  checkResidency,
  checkVoter,
  findMissingRegistrations,
  isAdultOn,
  latestAdultBirthDate,
  type Residency,
} from '../../src/domain/eligibility.js';
import { buildProfile, codes, idFor, LANZHOU, zh } from './builders.js';

const ELECTION = '2010-12-26';
const ctx = { electionDay: ELECTION, today: '2010-12-01', profile: LANZHOU };

describe('VOT-AGE', () => {
  it.each([
    ['1992-12-25', true],
    ['1992-12-26', true], // 18th birthday on election day
    ['1992-12-27', false],
  ])('VOT-AGE born %s, election 2010-12-26: adult=%s', (birth, adult) => {
    expect(isAdultOn(birth, ELECTION)).toBe(adult);
    const r = checkVoter({ idNumber: idFor(birth), name: '张三', residency: 'registered' }, ctx);
    expect(r.ok).toBe(adult);
    if (!adult) {
      expect(codes(r)).toEqual(['VOT-AGE']);
      expect(!r.ok && zh(r.violations[0]!)).toBe('选举日（2010年12月26日）未满18周岁：出生日期1992年12月27日，应不晚于1992年12月26日');
    }
  });

  it.each([
    ['2010-02-28', false],
    ['2010-03-01', true],
    ['2009-03-01', false],
  ])('VOT-AGE born 29 Feb 1992 turns 18 on 1 March 2010: election %s adult=%s', (day, adult) => {
    expect(isAdultOn('1992-02-29', day)).toBe(adult);
    const r = checkVoter({ idNumber: idFor('1992-02-29'), name: '李四', residency: 'registered' }, { ...ctx, electionDay: day, today: day });
    expect(r.ok).toBe(adult);
  });

  it('VOT-AGE 29 February in a leap election year', () => {
    expect(isAdultOn('1996-02-29', '2014-02-28')).toBe(false);
    expect(isAdultOn('1996-02-29', '2014-03-01')).toBe(true);
    expect(isAdultOn('1994-02-28', '2012-02-29')).toBe(true);
    expect(isAdultOn('1994-03-01', '2012-02-29')).toBe(false);
    expect(latestAdultBirthDate('2012-02-29')).toBe('1994-02-28');
    expect(latestAdultBirthDate('2016-02-29')).toBe('1998-02-28');
    expect(latestAdultBirthDate('2010-12-26')).toBe('1992-12-26');
  });
});

describe('VOT-ID in checkVoter', () => {
  it('VOT-ID invalid number: the row still reports its other violations', () => {
    const r = checkVoter({ idNumber: '110105194912310021', name: 'x', residency: 'worker', rightsDeprived: true }, ctx);
    expect(codes(r)).toEqual(['VOT-ID:checksum', 'VOT-RIGHTS', 'VOT-RESIDENT:not-approved']);
  });

  it('VOT-ID stated birth date and sex must agree with the number', () => {
    const id = idFor('1980-05-05', { seq: 121 });
    expect(checkVoter({ idNumber: id, name: 'x', residency: 'registered', statedBirthDate: '1980-05-05', statedSex: 'male' }, ctx).ok).toBe(true);
    const r = checkVoter({ idNumber: id, name: 'x', residency: 'registered', statedBirthDate: '1980-05-06', statedSex: 'female' }, ctx);
    expect(codes(r)).toEqual(['VOT-ID:birth-mismatch', 'VOT-ID:sex-mismatch']);
    expect(!r.ok && zh(r.violations[1]!)).toBe('填报的性别（女）与身份号码中的性别（男）不一致');
  });

  it('returns birth date, sex and age from the number', () => {
    const r = checkVoter({ idNumber: idFor('1980-05-05', { seq: 122 }), name: 'x', residency: 'registered' }, ctx);
    expect(r.ok && r.value).toMatchObject({ birthDate: '1980-05-05', sex: 'female', age: 30, converted15: false });
  });
});

describe('VOT-RIGHTS', () => {
  it.each([
    [true, false],
    [false, true],
    [null, true],
  ])('VOT-RIGHTS rightsDeprived=%s → ok=%s', (deprived, ok) => {
    const r = checkVoter({ idNumber: idFor('1980-01-01'), name: 'x', residency: 'registered', rightsDeprived: deprived }, ctx);
    expect(r.ok).toBe(ok);
    if (!ok) expect(codes(r)).toEqual(['VOT-RIGHTS']);
  });
});

describe('VOT-RESIDENT', () => {
  const six = buildProfile({ residencyMonths: 6 });
  it.each<[Residency, number | null, boolean | null, boolean | null, string[]]>([
    ['registered', null, null, null, []],
    ['resident', 6, true, null, []],
    ['resident', 7, true, null, []],
    ['resident', 5, true, null, ['VOT-RESIDENT:months']],
    ['resident', null, true, null, ['VOT-RESIDENT:months-unknown']],
    ['resident', 6, false, null, ['VOT-RESIDENT:not-requested']],
    ['worker', null, null, true, []],
    ['worker', null, null, false, ['VOT-RESIDENT:not-approved']],
  ])('VOT-RESIDENT %s months=%s requested=%s approved=%s (required 6)', (residency, months, requested, approved, expected) => {
    const r = checkVoter({ idNumber: idFor('1980-01-01'), name: 'x', residency, residencyMonths: months, requested, approved }, { ...ctx, profile: six });
    expect(codes(r)).toEqual(expected);
  });

  it('VOT-RESIDENT lanzhou sets no minimum months (不分…居住期限) but the resident must ask', () => {
    expect(checkResidency({ residency: 'resident', requested: true }, LANZHOU)).toEqual([]);
    expect(checkResidency({ residency: 'resident', residencyMonths: 0, requested: true }, LANZHOU)).toEqual([]);
  });

  it('VOT-RESIDENT messages name the months', () => {
    const [v] = checkResidency({ residency: 'resident', residencyMonths: 5, requested: true }, six);
    expect(zh(v!)).toBe('在本社区居住5个月，应不少于6个月');
  });
});

describe('VOT-NO-DUP', () => {
  const id = idFor('1980-01-01');
  it('VOT-NO-DUP names the other community', () => {
    const r = checkNoDuplicate({ idNumber: id, communityId: 'c1', existingCommunity: { id: 'c2', name: '五里铺社区' } });
    expect(r.ok).toBe(false);
    expect(!r.ok && zh(r.violations[0]!)).toBe('身份号码110101********1231已在五里铺社区登记，不得重复登记'.replace('1231', id.slice(-4)));
  });
  it('VOT-NO-DUP same community is a re-import, none is new', () => {
    expect(checkNoDuplicate({ idNumber: id, communityId: 'c1', existingCommunity: { id: 'c1', name: 'A' } })).toMatchObject({ ok: true, value: { status: 'same-community' } });
    expect(checkNoDuplicate({ idNumber: id, communityId: 'c1', existingCommunity: null })).toMatchObject({ ok: true, value: { status: 'new' } });
  });
});

describe('VOT-COMPLETE', () => {
  it('VOT-COMPLETE lists unregistered adults of the roster (18th birthday on election day counts)', () => {
    const a = idFor('1980-01-01', { seq: 1 });
    const b = idFor('1992-12-26', { seq: 3 });
    const c = idFor('1992-12-27', { seq: 5 });
    const d = idFor('1970-01-01', { seq: 7 });
    const r = findMissingRegistrations({
      roster: [
        { idNumber: a, name: '甲' },
        { idNumber: b, name: '乙' },
        { idNumber: c, name: '丙' },
        { idNumber: d.toLowerCase(), name: '丁' },
        { idNumber: 'bad', name: '戊' },
      ],
      registeredIdNumbers: [d],
      electionDay: ELECTION,
      today: '2010-12-01',
    });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.missing.map((m) => m.name)).toEqual(['甲', '乙']);
    expect(r.ok && r.warnings[0]).toMatchObject({ rule: 'VOT-COMPLETE', severity: 'soft', params: { missing: 2 } });
    expect(zh(r.ok ? r.warnings[0]! : r.violations[0]!)).toBe('常住人口名册中有2名年满18周岁的居民未登记');
  });

  it('VOT-COMPLETE nothing missing → no warning', () => {
    const a = idFor('1980-01-01');
    const r = findMissingRegistrations({ roster: [{ idNumber: a, name: '甲' }], registeredIdNumbers: new Set([a]), electionDay: ELECTION, today: '2010-12-01' });
    expect(r).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('VOT-ID and VOT-LIST-PUBLISH through the registry', () => {
  it('VOT-ID: a stated sex that the number contradicts is a breach, an agreeing one passes', () => {
    const id = idFor('1980-05-05', { seq: 121 });
    const breach = RULES['VOT-ID'].evaluate({ idNumber: id, today: '2010-12-31', statedSex: 'female' }, LANZHOU);
    expect(breach.status === 'breach' && breach.messageZh).toBe('填报的性别（女）与身份号码中的性别（男）不一致');
    expect(RULES['VOT-ID'].evaluate({ idNumber: id, today: '2010-12-31', statedSex: 'male', statedBirthDate: '1980-05-05' }, LANZHOU).status).toBe('pass');
  });

  it.each([
    ['a valid number', { idNumber: idFor('1980-05-05', { seq: 121 }) }],
    ['a wrong check character', { idNumber: '110105194912310021' }],
    ['a number Excel stored as a number', { idNumber: '1.10105E+17' }],
    ['a stated birth date and sex the number contradicts', { idNumber: idFor('1980-05-05', { seq: 121 }), statedBirthDate: '1980-05-06', statedSex: 'female' as const }],
  ])('VOT-ID is one decision: checkVoter and the registry agree on %s', (_, identity) => {
    const row = checkVoter({ ...identity, name: 'x', residency: 'registered' }, { ...ctx, today: '2010-12-31' });
    const fromRow = (row.ok ? row.warnings : row.violations).filter((v) => v.rule === 'VOT-ID').map(zh);
    const outcome = RULES['VOT-ID'].evaluate({ ...identity, today: '2010-12-31' }, LANZHOU);
    expect(outcome.status === 'breach' ? outcome.violations.map((v) => v.messageZh) : []).toEqual(fromRow);
  });

  it('VOT-RIGHTS is one decision: checkVoter and the registry agree', () => {
    const row = checkVoter({ idNumber: idFor('1980-05-05', { seq: 121 }), name: 'x', residency: 'registered', rightsDeprived: true }, ctx);
    expect(codes(row)).toEqual(['VOT-RIGHTS']);
    expect(RULES['VOT-RIGHTS'].evaluate({ rightsDeprived: true }, LANZHOU).status).toBe('breach');
    expect(RULES['VOT-RIGHTS'].evaluate({ rightsDeprived: false }, LANZHOU).status).toBe('pass');
  });

  it('VOT-LIST-PUBLISH: an objection still undecided is judged on election day when no today is given', () => {
    const facts = { publishedOn: '2010-12-01', electionDay: '2010-12-26', objections: [{ filedOn: '2010-12-03', decidedOn: null }] };
    const outcome = RULES['VOT-LIST-PUBLISH'].evaluate(facts as never, LANZHOU);
    const decidedInTime = RULES['VOT-LIST-PUBLISH'].evaluate({ ...facts, objections: [{ filedOn: '2010-12-03', decidedOn: '2010-12-05' }] } as never, LANZHOU);
    expect(outcome.status).toBe('breach');
    expect(decidedInTime.status).toBe('pass');
  });
});
