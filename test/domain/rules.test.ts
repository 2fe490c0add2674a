/**
 * The rule registry (src/domain/rules): one entry per code of docs/RULES.md, and for each rule a test at its threshold
 * (one step either side) that calls the registry, never the rule function directly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, appliesToMethod, listRules, severityOf, type Outcome } from '../../src/domain/rules/index.js';
import type { Profile } from '../../src/domain/profile.js';
import { RULE_CODES, type RuleCode } from '../../src/domain/violations.js';
import { LANZHOU, YIWU, buildProfile, idFor } from './builders.js';

const RULES_MD = readFileSync(join(import.meta.dirname, '../../docs/RULES.md'), 'utf8');

/** pass | hard | soft | n/a, and the Chinese message of a breach. */
function run(code: RuleCode, facts: unknown, profile: Profile = LANZHOU): string {
  const o: Outcome = RULES[code].evaluate(facts, profile);
  return o.status === 'breach' ? o.severity : o.status === 'pass' ? 'pass' : 'n/a';
}
function message(code: RuleCode, facts: unknown, profile: Profile = LANZHOU): string {
  const o = RULES[code].evaluate(facts, profile);
  return o.status === 'breach' ? o.messageZh : '';
}

describe('the registry', () => {
  it('has exactly one entry per rule code of docs/RULES.md, each with a Chinese title and a source', () => {
    const inSpec = [...new Set([...RULES_MD.matchAll(/\*\*([A-Z]{3}-[A-Z-]+)\*\*/g)].map((m) => m[1]!))].sort();
    expect(Object.keys(RULES).sort()).toEqual(inSpec);
    for (const code of RULE_CODES) {
      expect(RULES[code].code).toBe(code);
      expect(RULES[code].titleZh).toMatch(/[\u4e00-\u9fff]/);
      expect(RULES[code].source.length).toBeGreaterThan(5);
      expect(RULES[code].appliesWhenZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('lists every rule of a profile with its severity there (yiwu: 一般 is soft, lanzhou-only rules are off)', () => {
    const yiwu = listRules(YIWU);
    expect(yiwu).toHaveLength(RULE_CODES.length);
    expect(yiwu.find((r) => r.code === 'ORG-RC-SIZE')!.caseSeverities).toEqual({ 'ORG-RC-SIZE:range': 'soft' });
    expect(severityOf('ORG-RC-DEPUTY-ROLES', YIWU)).toBe('off');
    expect(severityOf('ORG-RC-DEPUTY-ROLES', LANZHOU)).toBe('hard');
    expect(severityOf('ORG-RC-SIZE', buildProfile({ severities: { 'ORG-RC-SIZE': 'off' } }))).toBe('off');
  });
});

describe('rules of one election method (the registry’s `methods`)', () => {
  it('gives the representatives’ rules to the congress and proxies to direct and household elections only', () => {
    const byMethod = (method: 'congress' | 'direct' | 'household') => RULE_CODES.filter((code) => !appliesToMethod(code, method));
    const reps = ['REP-COUNT', 'REP-RESIDENT-SHARE', 'REP-PER-GROUP', 'REP-PER-UNIT', 'REP-IS-VOTER'];
    expect(byMethod('congress')).toEqual(['MTG-PROXY']);
    expect(byMethod('direct')).toEqual(reps);
    expect(byMethod('household')).toEqual(reps);
    // A code outside the registry (a figure of the filing, AFT-FILING's status line) belongs to every method.
    expect(appliesToMethod('PDF-SEATS', 'direct')).toBe(true);
  });
});

describe('thresholds, through the registry', () => {
  it('ORG-RC-SIZE: 5..9 and odd (lanzhou hard); yiwu 5..7 soft (002: 一般)', () => {
    const seats = (members: number) => ({ director: 1, deputies: 2, members });
    expect(run('ORG-RC-SIZE', seats(1))).toBe('hard'); // 4
    expect(run('ORG-RC-SIZE', seats(2))).toBe('pass'); // 5
    expect(run('ORG-RC-SIZE', seats(6))).toBe('pass'); // 9
    expect(run('ORG-RC-SIZE', seats(8))).toBe('hard'); // 11
    expect(run('ORG-RC-SIZE', seats(4), YIWU)).toBe('pass'); // 7
    expect(run('ORG-RC-SIZE', seats(6), YIWU)).toBe('soft'); // 9: 一般 5-7
    expect(message('ORG-RC-SIZE', seats(6), YIWU)).toBe('居民委员会成员共9名，应为5至7名');
  });

  it('ORG-RC-DEPUTY-ROLES: police and graduate among the deputies', () => {
    expect(run('ORG-RC-DEPUTY-ROLES', { deputies: [{ roles: ['police'] }, { roles: ['graduate'] }] })).toBe('pass');
    expect(run('ORG-RC-DEPUTY-ROLES', { deputies: [{ roles: ['police'] }, { roles: [] }] })).toBe('hard');
    expect(run('ORG-RC-DEPUTY-ROLES', { deputies: [] }, YIWU)).toBe('n/a');
  });

  it('ORG-RC-PUBLIC-DEPUTY: same count as before; candidate aged ≤ 50', () => {
    expect(run('ORG-RC-PUBLIC-DEPUTY', { count: 1, previousCount: 1 })).toBe('pass');
    expect(run('ORG-RC-PUBLIC-DEPUTY', { count: 0, previousCount: 1 })).toBe('hard');
    const candidate = (birthDate: string) => ({ candidate: { birthDate, education: 'high-school', residency: 'registered', electionDay: '2010-12-26' } });
    expect(run('ORG-RC-PUBLIC-DEPUTY', candidate('1960-12-26'))).toBe('pass'); // 50
    expect(run('ORG-RC-PUBLIC-DEPUTY', candidate('1960-12-25'))).toBe('pass'); // 50 and a day: still 50
    expect(run('ORG-RC-PUBLIC-DEPUTY', candidate('1959-12-26'))).toBe('hard'); // 51
  });

  it('ORG-PARTY-TYPE: a branch 3..5 (soft to 7), odd; committee needs 8 members', () => {
    expect(run('ORG-PARTY-TYPE', { type: 'branch', members: 8, seats: 5 })).toBe('pass');
    expect(run('ORG-PARTY-TYPE', { type: 'branch', members: 8, seats: 7 })).toBe('soft');
    expect(run('ORG-PARTY-TYPE', { type: 'branch', members: 8, seats: 9 })).toBe('hard');
    expect(run('ORG-PARTY-TYPE', { type: 'branch', members: 7, seats: 3 })).toBe('hard');
  });

  it('ORG-PARTY-REPS: a congress needs more than 300 members', () => {
    const f = (fullMembers: number) => ({ fullMembers, probationary: 0, representatives: 150, approved: true });
    expect(run('ORG-PARTY-REPS', f(300))).toBe('hard');
    expect(run('ORG-PARTY-REPS', f(301))).toBe('pass');
    expect(run('ORG-PARTY-REPS', { ...f(301), representatives: null })).toBe('n/a');
  });

  it('ORG-RC-WOMAN: a woman where required; no close relatives together', () => {
    const members = [{ id: 'a', name: '甲', sex: 'male' }, { id: 'b', name: '乙', sex: 'male' }] as const;
    expect(run('ORG-RC-WOMAN', { members }, buildProfile({ womanRequired: true }))).toBe('hard');
    expect(run('ORG-RC-WOMAN', { members: [...members, { id: 'c', name: '丙', sex: 'female' }] }, buildProfile({ womanRequired: true }))).toBe('pass');
    expect(run('ORG-RC-WOMAN', { members, closeRelatives: [['a', 'b']] })).toBe('hard');
  });

  it('ORG-CROSS: a figure', () => {
    const o = RULES['ORG-CROSS'].evaluate({ rcMembers: ['a', 'b'], partyMembers: ['b', 'c'] }, LANZHOU);
    expect(o).toMatchObject({ status: 'pass', params: { both: 1, either: 3 } });
  });

  it('VOT-AGE: 18 on election day', () => {
    expect(run('VOT-AGE', { birthDate: '1992-12-26', electionDay: '2010-12-26' })).toBe('pass');
    expect(run('VOT-AGE', { birthDate: '1992-12-27', electionDay: '2010-12-26' })).toBe('hard');
    expect(run('VOT-AGE', { birthDate: '1992-12-25', electionDay: '2010-12-26' })).toBe('pass');
  });

  it('VOT-RIGHTS: none deprived of political rights', () => {
    expect(run('VOT-RIGHTS', { rightsDeprived: true })).toBe('hard');
    expect(run('VOT-RIGHTS', { rightsDeprived: false })).toBe('pass');
  });

  it('VOT-RESIDENT: 6 months of residence (yiwu)', () => {
    const f = (residencyMonths: number) => ({ residency: 'resident', residencyMonths, requested: true });
    expect(run('VOT-RESIDENT', f(5), YIWU)).toBe('hard');
    expect(run('VOT-RESIDENT', f(6), YIWU)).toBe('pass');
    expect(run('VOT-RESIDENT', f(7), YIWU)).toBe('pass');
  });

  it('VOT-NO-DUP: one registration per round', () => {
    const idNumber = idFor('1980-01-01');
    expect(run('VOT-NO-DUP', { idNumber, communityId: 'c1', existingCommunity: { id: 'c2', name: '二社区' } })).toBe('hard');
    expect(run('VOT-NO-DUP', { idNumber, communityId: 'c1', existingCommunity: null })).toBe('pass');
  });

  it('VOT-ID: check character and stated birth date', () => {
    const id = idFor('1980-01-01');
    expect(run('VOT-ID', { idNumber: id, today: '2010-12-01' })).toBe('pass');
    expect(run('VOT-ID', { idNumber: id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'), today: '2010-12-01' })).toBe('hard');
    expect(run('VOT-ID', { idNumber: id, today: '2010-12-01', statedBirthDate: '1980-01-02' })).toBe('hard');
  });

  it('VOT-COMPLETE: adults of the roster not registered (soft)', () => {
    const roster = [{ idNumber: idFor('1992-12-26'), name: '甲' }];
    expect(run('VOT-COMPLETE', { roster, registeredIdNumbers: [], electionDay: '2010-12-26', today: '2010-12-01' })).toBe('soft');
    expect(run('VOT-COMPLETE', { roster, registeredIdNumbers: [], electionDay: '2010-12-25', today: '2010-12-01' })).toBe('pass');
  });

  it('VOT-LIST-PUBLISH: 20 days before; objections within 5 days', () => {
    expect(run('VOT-LIST-PUBLISH', { publishedOn: '2010-12-06', electionDay: '2010-12-26' })).toBe('pass');
    expect(run('VOT-LIST-PUBLISH', { publishedOn: '2010-12-07', electionDay: '2010-12-26' })).toBe('hard');
    const objection = (filedOn: string) => ({ publishedOn: '2010-12-01', electionDay: '2010-12-26', today: '2010-12-07', objections: [{ filedOn, decidedOn: filedOn }] });
    expect(run('VOT-LIST-PUBLISH', objection('2010-12-06'))).toBe('pass');
    expect(run('VOT-LIST-PUBLISH', objection('2010-12-07'))).toBe('hard');
  });

  const reps = (n: number) => ({
    reps: Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `代表${i}`, kind: 'resident', groupId: `g${i % 20}`, unitId: null, isVoter: true })),
    groups: Array.from({ length: 20 }, (_, i) => ({ id: `g${i}`, name: `${i}组`, households: 100 })),
    units: [],
    basis: 'group',
  });

  it('REP-COUNT: 40..60 (soft)', () => {
    expect(run('REP-COUNT', reps(39))).toBe('soft');
    expect(run('REP-COUNT', reps(40))).toBe('pass');
    expect(run('REP-COUNT', reps(60))).toBe('pass');
    expect(run('REP-COUNT', reps(61))).toBe('soft');
  });

  it('REP-RESIDENT-SHARE: at least 2/3 residents', () => {
    const f = (units: number) => {
      const base = reps(40);
      return {
        ...base,
        reps: [...base.reps.slice(0, 40), ...Array.from({ length: units }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, kind: 'unit', groupId: null, unitId: `unit${i}`, isVoter: true }))],
        units: Array.from({ length: units }, (_, i) => ({ id: `unit${i}`, name: `单位${i}` })),
      };
    };
    expect(run('REP-RESIDENT-SHARE', f(20))).toBe('pass'); // 40/60 = 2/3
    expect(run('REP-RESIDENT-SHARE', f(21))).toBe('hard'); // 40/61
  });

  it('REP-PER-GROUP: 2..3 per group', () => {
    expect(run('REP-PER-GROUP', reps(40))).toBe('pass'); // 2 each
    expect(run('REP-PER-GROUP', reps(39))).toBe('hard'); // one group with 1
    expect(run('REP-PER-GROUP', reps(60))).toBe('pass'); // 3 each
    expect(run('REP-PER-GROUP', reps(61))).toBe('hard'); // one group with 4
  });

  it('REP-PER-UNIT: 1..2 per unit', () => {
    const f = (n: number) => ({
      ...reps(40),
      reps: [...reps(40).reps, ...Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `单位代表${i}`, kind: 'unit', groupId: null, unitId: 'unit0', isVoter: true }))],
      units: [{ id: 'unit0', name: '医院' }],
    });
    expect(run('REP-PER-UNIT', f(2))).toBe('pass');
    expect(run('REP-PER-UNIT', f(3))).toBe('hard');
  });

  it('REP-IS-VOTER: a residents representative is a voter', () => {
    const f = reps(40);
    expect(run('REP-IS-VOTER', f)).toBe('pass');
    expect(run('REP-IS-VOTER', { ...f, reps: [{ ...f.reps[0]!, isVoter: false }, ...f.reps.slice(1)] })).toBe('hard');
  });

  it('MTH-KIND: a method the profile allows', () => {
    expect(run('MTH-KIND', { method: 'household' })).toBe('pass');
    expect(run('MTH-KIND', { method: 'household' }, YIWU)).toBe('hard');
  });

  it('MTH-DIRECT-SHARE: at least half direct (yiwu)', () => {
    const f = (direct: number, total: number) => ({ communities: Array.from({ length: total }, (_, i) => ({ method: i < direct ? 'direct' : 'congress' })) });
    expect(run('MTH-DIRECT-SHARE', f(2, 4), YIWU)).toBe('pass');
    expect(run('MTH-DIRECT-SHARE', f(1, 4), YIWU)).toBe('hard');
    expect(run('MTH-DIRECT-SHARE', f(0, 4))).toBe('n/a');
  });

  it('CAN-NOMINATION: 10 voters jointly', () => {
    const f = (n: number) => ({ basis: 'voters', seats: 1, nominators: Array.from({ length: n }, (_, i) => ({ id: `v${i}`, registered: true })) });
    expect(run('CAN-NOMINATION', f(9))).toBe('hard');
    expect(run('CAN-NOMINATION', f(10))).toBe('pass');
  });

  it("CAN-NOMINATION: the committee's nomination with the nominee's consent", () => {
    expect(run('CAN-NOMINATION', { basis: 'committee', seats: 1 })).toBe('hard');
    expect(run('CAN-NOMINATION', { basis: 'committee', seats: 1, consent: true })).toBe('pass');
  });

  const candidate = (over: Record<string, unknown> = {}) => ({
    candidate: { name: '甲', registered: true, birthDate: '1959-12-26', sex: 'male', education: 'high-school', incumbent: false, residency: 'registered', ...over },
    contest: 'member',
    electionDay: '2010-12-26',
  });

  it('CAN-ELIGIBLE: a registered voter', () => {
    expect(run('CAN-ELIGIBLE', candidate())).toBe('pass');
    expect(run('CAN-ELIGIBLE', candidate({ registered: false }))).toBe('hard');
  });

  it('CAN-AGE-EDU: yiwu newcomer men ≤ 51 (hard), education 一般 high school (soft)', () => {
    expect(run('CAN-AGE-EDU', candidate(), YIWU)).toBe('pass'); // 51
    expect(run('CAN-AGE-EDU', candidate({ birthDate: '1958-12-26' }), YIWU)).toBe('hard'); // 52
    expect(run('CAN-AGE-EDU', candidate({ education: 'junior-high' }), YIWU)).toBe('soft');
    expect(run('CAN-AGE-EDU', candidate({ education: 'primary', incumbent: true }), YIWU)).toBe('hard');
  });

  it('CAN-SURPLUS: ceil(seats × 1.2), at least seats + 1', () => {
    expect(run('CAN-SURPLUS', { seats: 5, candidates: 5, ballot: 'secret' })).toBe('hard');
    expect(run('CAN-SURPLUS', { seats: 5, candidates: 6, ballot: 'secret' })).toBe('pass');
    expect(run('CAN-SURPLUS', { seats: 6, candidates: 7, ballot: 'secret' })).toBe('hard');
    expect(run('CAN-SURPLUS', { seats: 6, candidates: 8, ballot: 'secret' })).toBe('pass');
    expect(message('CAN-SURPLUS', { seats: 6, candidates: 7, ballot: 'secret' })).toContain('候选人应不少于8名');
  });

  it('CAN-PRELIM-REPORT: by 6 December (lanzhou)', () => {
    const f = (reportedOn: string) => ({ reportedOn, electionDay: '2010-12-26', today: '2010-12-10' });
    expect(run('CAN-PRELIM-REPORT', f('2010-12-06'))).toBe('pass');
    expect(run('CAN-PRELIM-REPORT', f('2010-12-07'))).toBe('hard');
    expect(run('CAN-PRELIM-REPORT', f('2010-12-07'), YIWU)).toBe('n/a');
  });

  it('CAN-LIST-NOTICE: 5 days before election day; a backfill keeps the first publication (profile)', () => {
    expect(run('CAN-LIST-NOTICE', { publishedOn: '2010-12-21', electionDay: '2010-12-26' })).toBe('pass');
    expect(run('CAN-LIST-NOTICE', { publishedOn: '2010-12-22', electionDay: '2010-12-26' })).toBe('hard');
    expect(run('CAN-LIST-NOTICE', { publishedOn: '2010-12-23', electionDay: '2010-12-26', cause: 'backfill' })).toBe('pass');
    expect(run('CAN-LIST-NOTICE', { publishedOn: '2010-12-23', electionDay: '2010-12-26', cause: 'backfill' }, buildProfile({ backfillRestartsNotice: true }))).toBe('hard');
  });

  it('CAN-WITHDRAW: until 3 days before election day', () => {
    expect(run('CAN-WITHDRAW', { on: '2010-12-23', electionDay: '2010-12-26' })).toBe('pass');
    expect(run('CAN-WITHDRAW', { on: '2010-12-24', electionDay: '2010-12-26' })).toBe('hard');
  });

  it('CAN-ORDER: by surname strokes', () => {
    expect(run('CAN-ORDER', { printed: [{ id: '1', name: '丁一' }, { id: '2', name: '王二' }] })).toBe('pass');
    expect(run('CAN-ORDER', { printed: [{ id: '2', name: '王二' }, { id: '1', name: '丁一' }] })).toBe('hard');
  });

  it('MTG-QUORUM-RC: more than half', () => {
    expect(run('MTG-QUORUM-RC', { base: 'representatives', expected: 40, present: 20 })).toBe('hard');
    expect(run('MTG-QUORUM-RC', { base: 'representatives', expected: 40, present: 21 })).toBe('pass');
  });

  it('MTG-QUORUM-PARTY: more than 4/5 of those who should attend', () => {
    expect(run('MTG-QUORUM-PARTY', { base: 'party-members', expected: 50, present: 40 })).toBe('hard');
    expect(run('MTG-QUORUM-PARTY', { base: 'party-members', expected: 50, present: 41 })).toBe('pass');
  });

  it('MTG-SECRET: show of hands only for an equal election', () => {
    expect(run('MTG-SECRET', { ballot: 'show-of-hands', seats: 5, candidates: 5 })).toBe('pass');
    expect(run('MTG-SECRET', { ballot: 'show-of-hands', seats: 5, candidates: 6 })).toBe('hard');
  });

  it('MTG-BOXES: 3 monitors per station', () => {
    const f = (monitors: number) => ({ boxes: [{ name: '主会场', kind: 'main', monitors: 0 }, { name: '流动1', kind: 'mobile', monitors }] });
    expect(run('MTG-BOXES', f(2))).toBe('hard');
    expect(run('MTG-BOXES', f(3))).toBe('pass');
  });

  it('MTG-PROXY: at most 3 per holder; none at a congress or a party election', () => {
    const f = (n: number, extra: Record<string, unknown> = {}) => ({
      proxies: Array.from({ length: n }, (_, i) => ({ giver: `g${i}`, holder: 'h', approved: true })),
      candidates: [],
      kind: 'rc',
      ...extra,
    });
    expect(run('MTG-PROXY', f(3))).toBe('pass');
    expect(run('MTG-PROXY', f(4))).toBe('hard');
    expect(run('MTG-PROXY', f(1, { method: 'congress' }))).toBe('hard');
    expect(message('MTG-PROXY', f(1, { method: 'congress' }))).toContain('不得委托投票');
    expect(run('MTG-PROXY', f(1, { kind: 'party' }))).toBe('hard');
  });

  it('MTG-RECUSAL: no candidate counts', () => {
    const candidates = [{ id: 'c', name: '甲' }];
    expect(run('MTG-RECUSAL', { staff: [{ person: 'c', duty: 'counter' }], candidates })).toBe('hard');
    expect(run('MTG-RECUSAL', { staff: [{ person: 'x', duty: 'counter' }], candidates })).toBe('pass');
  });

  it('CNT-BALLOTS: returned > issued voids', () => {
    expect(run('CNT-BALLOTS', { issued: 100, returned: 100 })).toBe('pass');
    expect(run('CNT-BALLOTS', { issued: 100, returned: 101 })).toBe('hard');
  });

  it('CNT-ARITH: votes ≤ valid × seats', () => {
    const sheet = (a: number) => ({ box: '主', issued: 10, returned: 10, invalid: 0, votes: { a, b: 10 } });
    expect(run('CNT-ARITH', { sheet: sheet(10), seats: 2 })).toBe('pass');
    expect(run('CNT-ARITH', { sheet: sheet(11), seats: 2 })).toBe('hard');
  });

  it('CNT-OVERVOTE: more marks than seats', () => {
    expect(run('CNT-OVERVOTE', { marks: ['a', 'b'], seats: 2 })).toBe('pass');
    expect(run('CNT-OVERVOTE', { marks: ['a', 'b', 'c'], seats: 2 })).toBe('hard');
  });

  it('CNT-WRITEIN: only an eligible person', () => {
    expect(run('CNT-WRITEIN', { name: '张三', eligible: true })).toBe('pass');
    expect(run('CNT-WRITEIN', { name: '张三', eligible: false })).toBe('hard');
  });

  it('CNT-MAJORITY-RC: more than half of those present', () => {
    const base = { base: 'representatives', expected: 50, present: 40 };
    expect(run('CNT-MAJORITY-RC', { name: '甲', votes: 20, base })).toBe('hard');
    expect(run('CNT-MAJORITY-RC', { name: '甲', votes: 21, base })).toBe('pass');
    expect(message('CNT-MAJORITY-RC', { name: '甲', votes: 20, base })).toBe('甲得20票，未超过出席会议的居民代表40人的半数，不能当选');
  });

  it('CNT-MAJORITY-PARTY: more than half of those present (profile: or expected)', () => {
    const base = { base: 'party-members', expected: 50, present: 42 };
    expect(run('CNT-MAJORITY-PARTY', { name: '甲', votes: 21, base })).toBe('hard');
    expect(run('CNT-MAJORITY-PARTY', { name: '甲', votes: 22, base })).toBe('pass');
    expect(run('CNT-MAJORITY-PARTY', { name: '甲', votes: 22, base }, buildProfile({ partyMajorityBase: 'expected' }))).toBe('hard');
  });

  const contest = (votes: Record<string, number>, seats = 1) => ({
    contest: { seats, candidates: Object.keys(votes).map((id) => ({ id, name: id })), kind: 'rc', stage: 'main' },
    totals: { boxes: 1, issued: 10, returned: 10, invalid: 0, valid: 10, votes },
    base: { base: 'representatives', expected: 10, present: 10 },
  });

  it('CNT-RANK: a tie at the last seat needs a new vote', () => {
    expect(run('CNT-RANK', contest({ a: 6, b: 6, c: 6 }, 2))).toBe('soft');
    expect(run('CNT-RANK', contest({ a: 7, b: 6, c: 6 }, 1))).toBe('pass');
    expect(run('CNT-RANK', contest({ a: 6, b: 5 }, 1))).toBe('n/a');
  });

  it('CNT-RUNOFF: seats left unfilled go to a further vote', () => {
    expect(run('CNT-RUNOFF', contest({ a: 5, b: 5 }, 1))).toBe('soft'); // nobody above half
    expect(run('CNT-RUNOFF', contest({ a: 6, b: 4 }, 1))).toBe('n/a');
  });

  it('CNT-DOUBLE-ENTRY: two scrutineers, same figures', () => {
    const sheet = { box: '主', issued: 10, returned: 10, invalid: 0, votes: { a: 6 } };
    expect(run('CNT-DOUBLE-ENTRY', { first: sheet, second: sheet, firstBy: 'x', secondBy: 'y' })).toBe('pass');
    expect(run('CNT-DOUBLE-ENTRY', { first: sheet, second: { ...sheet, votes: { a: 7 } }, firstBy: 'x', secondBy: 'y' })).toBe('hard');
    expect(run('CNT-DOUBLE-ENTRY', { first: sheet, second: sheet, firstBy: 'x', secondBy: 'x' })).toBe('hard');
  });

  it('CNT-ANNOUNCE: notices numbered in order', () => {
    const notice = (number: number) => ({ number, registered: 1, voted: 1, issued: 1, returned: 1, valid: 1, invalid: 0, votes: [{ name: '甲', votes: 1 }], elected: [] });
    expect(run('CNT-ANNOUNCE', { notice: notice(2), previousNumbers: [1] })).toBe('pass');
    expect(run('CNT-ANNOUNCE', { notice: notice(3), previousNumbers: [1] })).toBe('hard');
  });

  it('PTY-OFFICERS: one secretary from among the members', () => {
    const committeeMembers = [{ id: 'a', name: '甲' }, { id: 'b', name: '乙' }];
    expect(run('PTY-OFFICERS', { committeeMembers, secretary: ['a'], deputies: ['b'] })).toBe('pass');
    expect(run('PTY-OFFICERS', { committeeMembers, secretary: ['a', 'b'], deputies: [] })).toBe('hard');
    // The street party working committee's review: required when asked, on or before today.
    const review = (reviewedOn: string | null) => ({ committeeMembers, secretary: ['a'], deputies: ['b'], review: { reviewedOn, today: '2026-12-28' } });
    expect(run('PTY-OFFICERS', review(null))).toBe('hard');
    expect(message('PTY-OFFICERS', review(null))).toBe('书记、副书记人选须先报街道党工委审查同意，请填写审查同意的日期');
    expect(run('PTY-OFFICERS', review('2026-12-28'))).toBe('pass');
    expect(run('PTY-OFFICERS', review('2026-12-29'))).toBe('hard');
  });

  it('TML-PHASE: within the phase', () => {
    const phases = [{ name: 'election', from: '2010-12-01', to: '2010-12-26' }];
    expect(run('TML-PHASE', { action: 'meeting', on: '2010-12-26', phases })).toBe('pass');
    expect(run('TML-PHASE', { action: 'meeting', on: '2010-12-27', phases })).toBe('hard');
  });

  it('TML-ORDER: the voter list not before the notice, the candidate list not before the voter list', () => {
    expect(run('TML-ORDER', { step: 'voter-list', on: '2010-12-01', done: { 'election-notice': '2010-12-01' } })).toBe('pass');
    expect(run('TML-ORDER', { step: 'voter-list', on: '2010-12-01', done: { 'election-notice': '2010-12-02' } })).toBe('hard');
    expect(run('TML-ORDER', { step: 'candidate-list', on: '2010-12-20', done: { 'voter-list': null } })).toBe('hard');
    expect(message('TML-ORDER', { step: 'candidate-list', on: '2010-12-20', done: {} })).toBe('正式候选人名单公布（2010年12月20日）不得早于选民名单公布（尚未进行）');
  });

  it('AFT-CERT: numbers unique', () => {
    expect(run('AFT-CERT', { numbers: ['A-001', 'A-002'] })).toBe('pass');
    expect(run('AFT-CERT', { numbers: ['A-001', 'A-001'] })).toBe('hard');
  });

  it('AFT-FILING: a return needs a reason; a failing check blocks recording', () => {
    expect(run('AFT-FILING', { decision: 'return', reason: '', checks: [] })).toBe('hard');
    expect(run('AFT-FILING', { decision: 'return', reason: '票数不符', checks: [] })).toBe('pass');
    expect(run('AFT-FILING', { decision: 'approve', checks: [{ rule: 'CNT-ARITH', status: 'fail' }] })).toBe('hard');
  });

  it('AFT-HANDOVER: within 3 days (lanzhou)', () => {
    expect(run('AFT-HANDOVER', { electionDay: '2010-12-26', completedOn: '2010-12-29', today: '2010-12-30' })).toBe('pass');
    expect(run('AFT-HANDOVER', { electionDay: '2010-12-26', completedOn: '2010-12-30', today: '2010-12-30' })).toBe('hard');
    // Not done, not yet due: not judged yet, and says by when (never a pass); overdue once the day after has come.
    expect(RULES['AFT-HANDOVER'].evaluate({ electionDay: '2010-12-26', completedOn: null, today: '2010-12-29' }, LANZHOU)).toEqual({
      status: 'not-applicable',
      reason: 'not-yet-due',
      reasonZh: '交接尚未完成，期限未到（应于2010年12月29日前完成）',
    });
    expect(run('AFT-HANDOVER', { electionDay: '2010-12-26', completedOn: null, today: '2010-12-30' })).toBe('hard');
  });

  it('AFT-REPORT: every figure present', () => {
    const full = { voters: 1, voted: 1, elected: 1, structure: {}, crossAppointment: {}, exceptions: [] };
    expect(run('AFT-REPORT', full)).toBe('pass');
    expect(run('AFT-REPORT', { ...full, voted: null })).toBe('hard');
  });
});
