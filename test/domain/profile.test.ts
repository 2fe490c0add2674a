import { describe, expect, it } from 'vitest';
import { parameterLabelZh, parameterSources, profileChanges } from '../../src/domain/profile-sources.js';
import {
  DEFAULT_PROFILE,
  DEFAULT_PROFILE_NAME,
  EDUCATION_LABELS_ZH,
  EDUCATION_LEVELS,
  PRESETS,
  ProfileSchema,
  atLeastFraction,
  ceilTimes,
  educationRank,
  formatFraction,
  formatFractionZh,
  frac,
  meetsEducation,
  minCandidatesFor,
  moreThanFraction,
  validateProfile,
} from '../../src/domain/profile.js';

describe('presets', () => {
  it('lanzhou-2010 is the default and reproduces seed 001 篇三', () => {
    expect(DEFAULT_PROFILE_NAME).toBe('lanzhou-2010');
    const p = DEFAULT_PROFILE;
    expect([p.rcSizeMin, p.rcSizeMax, p.rcSizeOdd]).toEqual([5, 9, true]);
    expect(p.deputyRolesRequired).toEqual(['police', 'graduate']);
    expect(p.publicDeputy).toEqual({ sameCountAsPrevious: true, maxAge: 50, minEducation: 'high-school', residentOnly: true });
    expect(p.partyCommitteeSizes.branch).toEqual({ min: 3, max: 5, absoluteMax: 7 });
    expect([p.partyCongressThreshold, p.partyCongressRepsMin, p.partyCongressRepsMax]).toEqual([300, 100, 200]);
    expect([p.repCountMin, p.repCountMax, p.residentRepShareMin]).toEqual([40, 60, { num: 2, den: 3 }]);
    expect([p.prelimReportDeadline, p.candidateListNoticeDays, p.handoverDays]).toEqual(['12-06', 5, 3]);
    expect(p.partyQuorum).toEqual({ num: 4, den: 5 });
    expect(p.defaultPhases.map((x) => `${x.from}..${x.to}`)).toEqual(['11-01..11-30', '12-01..12-26', '12-27..12-31']);
    expect([p.partyElectionMonthDay, p.rcElectionMonthDay]).toEqual(['12-24', '12-26']);
    expect(p.directShareMin).toBeNull();
  });

  it('yiwu-2007 reproduces seed 002', () => {
    const p = PRESETS['yiwu-2007'];
    expect([p.rcSizeMin, p.rcSizeMax]).toEqual([5, 7]);
    expect(p.directShareMin).toEqual({ num: 1, den: 2 });
    expect(p.selfNominationAllowed).toBe(true);
    expect(p.candidateLimits).toEqual({
      newcomer: { maxAgeMale: 51, maxAgeFemale: 46, minEducation: 'high-school' },
      incumbent: { maxAgeMale: 54, maxAgeFemale: 49, minEducation: 'junior-high' },
    });
  });

  it('both presets pass the schema', () => {
    for (const p of Object.values(PRESETS)) expect(ProfileSchema.safeParse(p).success).toBe(true);
  });
});

describe('validateProfile', () => {
  it('accepts a preset name and a copy with overrides', () => {
    expect(validateProfile('yiwu-2007')).toEqual({ ok: true, value: PRESETS['yiwu-2007'] });
    const r = validateProfile({ base: 'lanzhou-2010', residentRepShareMin: { num: 4, den: 5 }, residencyMonths: 6 });
    expect(r.ok && r.value.residentRepShareMin).toEqual({ num: 4, den: 5 });
  });

  it('rejects unknown names and bases', () => {
    const a = validateProfile('beijing');
    expect(a.ok).toBe(false);
    expect(!a.ok && a.errors[0]!.messageZh).toBe('未知的规则配置：beijing');
    const b = validateProfile({ base: 'x' });
    expect(!b.ok && b.errors[0]!.path).toBe('base');
  });

  it('reports each broken parameter with its path and a Chinese message', () => {
    const r = validateProfile({
      base: 'lanzhou-2010',
      rcSizeMin: 11,
      proxyMax: -1,
      rcQuorum: { num: 3, den: 2 },
      surplusRatio: { num: 4, den: 5 },
      ordering: 'alphabetical',
      handoverDays: 'three',
      prelimReportDeadline: '12/06',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.messageZh]));
    expect(byPath['proxyMax']).toContain('最小为0');
    expect(byPath['ordering']).toContain('取值无效');
    expect(byPath['handoverDays']).toContain('类型错误');
    expect(byPath['prelimReportDeadline']).toBeDefined();
  });

  it('reports refinements (min above max, shares above 1)', () => {
    const r = validateProfile({ base: 'lanzhou-2010', rcSizeMin: 11, rcQuorum: { num: 3, den: 2 }, directShareMin: { num: 3, den: 2 }, surplusRatio: { num: 4, den: 5 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.messageZh]));
    expect(byPath).toMatchObject({ rcSizeMax: '最小值大于最大值', 'rcQuorum.num': '比例不得大于1', 'directShareMin.num': '比例不得大于1', 'surplusRatio.num': '差额比例不得小于1' });
  });

  it('reports an unknown (misspelt) parameter', () => {
    const r = validateProfile({ base: 'lanzhou-2010', proxyMaxx: 2 });
    expect(!r.ok && r.errors[0]!.messageZh).toBe('未知参数：proxyMaxx');
  });

  it('reports a missing parameter', () => {
    const { handoverDays: _omit, ...rest } = PRESETS['lanzhou-2010'];
    const r = validateProfile(rest);
    expect(!r.ok && r.errors[0]).toMatchObject({ path: 'handoverDays', messageZh: '缺少必填参数' });
    const big = validateProfile({ base: 'lanzhou-2010', residentRepShareMin: { num: 1.5, den: 2 } });
    expect(big.ok).toBe(false);
  });
});

describe('fractions, exact', () => {
  it.each([
    [40, 60, frac(2, 3), true],
    [39, 60, frac(2, 3), false],
    [41, 60, frac(2, 3), true],
  ])('atLeastFraction(%i/%i ≥ %o) = %s', (a, b, f, ok) => {
    expect(atLeastFraction(a, b, f)).toBe(ok);
  });
  it.each([
    [80, 100, frac(4, 5), false],
    [81, 100, frac(4, 5), true],
    [50, 100, frac(1, 2), false],
    [51, 100, frac(1, 2), true],
  ])('moreThanFraction(%i/%i > %o) = %s', (a, b, f, ok) => {
    expect(moreThanFraction(a, b, f)).toBe(ok);
  });
  it('ceil and formatting', () => {
    expect([5, 6, 7, 9, 11, 1].map((n) => ceilTimes(n, frac(6, 5)))).toEqual([6, 8, 9, 11, 14, 2]);
    expect([5, 6, 7, 9, 11, 1].map((n) => minCandidatesFor(n, frac(6, 5)))).toEqual([6, 8, 9, 11, 14, 2]);
    expect(formatFraction(frac(2, 3))).toBe('2/3');
    expect(formatFractionZh(frac(2, 3))).toBe('三分之二');
    expect(formatFractionZh(frac(4, 5))).toBe('五分之四');
    expect(formatFractionZh(frac(7, 12))).toBe('7/12');
  });
  it('education order', () => {
    expect(EDUCATION_LEVELS.map((e) => EDUCATION_LABELS_ZH[e])).toEqual(['小学', '初中', '高中/中专', '大专', '本科', '硕士', '博士']);
    expect(educationRank(null)).toBe(-1);
    expect(meetsEducation('high-school', 'high-school')).toBe(true);
    expect(meetsEducation('junior-high', 'high-school')).toBe(false);
    expect(meetsEducation(undefined, 'primary')).toBe(false);
  });
});

describe('parameterSources: every preset parameter names the line it comes from', () => {
  it.each(['lanzhou-2010', 'yiwu-2007'] as const)('%s: one note per parameter of the profile, none empty', (name) => {
    const notes = parameterSources(name);
    const keys = Object.keys(PRESETS[name]).filter((k) => k !== 'name' && k !== 'source').sort();
    expect(notes.map((n) => n.parameter).sort()).toEqual(keys);
    for (const n of notes) expect(n.source.trim().length, n.parameter).toBeGreaterThan(0);
    for (const n of notes) expect(n.value).toEqual(PRESETS[name][n.parameter]);
  });
  it('yiwu-2007: a value that differs from lanzhou-2010 is never marked inherited; an inherited note says so', () => {
    const notes = parameterSources('yiwu-2007');
    for (const n of notes) {
      const differs = JSON.stringify(n.value) !== JSON.stringify(PRESETS['lanzhou-2010'][n.parameter]);
      if (differs) expect(n.inherited, n.parameter).toBe(false);
      if (n.inherited) expect(n.source).toMatch(/^seed 002 未规定，沿用 lanzhou-2010/);
    }
    expect(notes.find((n) => n.parameter === 'rcQuorum')).toMatchObject({ inherited: true });
    expect(notes.find((n) => n.parameter === 'directShareMin')).toMatchObject({ inherited: false, source: expect.stringContaining('seed 002') });
  });
});

describe('profileChanges and parameter labels', () => {
  it('lists exactly the parameters set differently from the preset, in the preset order', () => {
    const validated = validateProfile({ base: 'lanzhou-2010', handoverDays: 5, residencyMonths: 6, rcSizeOdd: true });
    if (!validated.ok) throw new Error('valid');
    expect(profileChanges(validated.value)).toEqual([
      { parameter: 'residencyMonths', from: 0, to: 6 },
      { parameter: 'handoverDays', from: 3, to: 5 },
    ]);
    expect(profileChanges(PRESETS['yiwu-2007'])).toEqual([]);
    expect(profileChanges({ ...PRESETS['lanzhou-2010'], name: 'custom' as never })).toEqual([]);
  });

  it('names a parameter in Chinese: the form label, or the source note where there is none', () => {
    expect(parameterLabelZh('voterListNoticeDays')).toBe('选民名单于选举日前公布（天）');
    expect(parameterLabelZh('surplusRatio')).toContain('差额');
    expect(parameterSources('yiwu-2007').find((p) => p.parameter === 'handoverDays')?.labelZh).toBe('选举后完成交接（天内）');
  });
});
