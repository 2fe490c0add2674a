import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBallot,
  checkBoxes,
  checkDoubleEntry,
  checkOfficerElection,
  checkProxies,
  checkQuorum,
  checkRecusal,
  checkResultNotice,
  checkTallySheet,
  checkWriteIn,
  compareEntries,
  decideContest,
  nextNoticeNumber,
  partyExpected,
  sumSheets,
  thresholdFailures,
  type ContestSpec,
  type MeetingBase,
  type TallySheet,
} from '../../src/domain/tally.js';
import { buildProfile, codes, LANZHOU, zh } from './builders.js';

const C = (...names: string[]) => names.map((name, i) => ({ id: `c${i + 1}`, name }));
const sheet = (votes: Record<string, number>, f: Partial<TallySheet> = {}): TallySheet => ({ box: 'main', issued: 100, returned: 100, invalid: 0, votes, ...f });
const rc = (seats: number, candidates: ContestSpec['candidates'], stage: ContestSpec['stage'] = 'main'): ContestSpec => ({ seats, candidates, kind: 'rc', stage });
const reps = (present: number, expected = 60): MeetingBase => ({ base: 'representatives', expected, present });

describe('MTG-QUORUM-RC (more than half)', () => {
  it.each([
    [30, 60, false], // exactly half
    [31, 60, true],
    [29, 60, false],
    [31, 61, true], // 62 > 61
    [30, 61, false],
  ])('MTG-QUORUM-RC %i of %i present: ok=%s', (present, expected, ok) => {
    expect(checkQuorum({ kind: 'rc', base: 'representatives', expected, present }, LANZHOU).ok).toBe(ok);
  });
  it('MTG-QUORUM-RC exactly half is not enough; message', () => {
    const r = checkQuorum({ kind: 'rc', base: 'voters', expected: 1000, present: 500 }, LANZHOU);
    expect(!r.ok && zh(r.violations[0]!)).toBe('登记选民应到1000人，须超过半数参加选举方为有效，实到500人');
    expect(checkQuorum({ kind: 'rc', base: 'households', expected: 1000, present: 501 }, LANZHOU).ok).toBe(true);
    expect(checkQuorum({ kind: 'rc', base: 'voters', expected: 0, present: 0 }, LANZHOU).ok).toBe(false);
  });
  it("MTG-QUORUM-RC names the profile's share, not a half typed in", () => {
    const r = checkQuorum({ kind: 'rc', base: 'representatives', expected: 60, present: 40 }, buildProfile({ rcQuorum: { num: 2, den: 3 } }));
    expect(!r.ok && zh(r.violations[0]!)).toBe('居民代表应到60人，须超过三分之二参加选举方为有效，实到40人');
  });
});

describe('MTG-QUORUM-PARTY (more than 4/5)', () => {
  it.each([
    [80, 100, false], // exactly 4/5
    [81, 100, true],
    [79, 100, false],
    [4, 5, false],
    [5, 5, true],
    [41, 51, true], // 205 > 204
    [40, 51, false], // 200 ≤ 204
  ])('MTG-QUORUM-PARTY %i of %i present', (present, expected, ok) => {
    const r = checkQuorum({ kind: 'party', base: 'party-members', expected, present }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe(`有选举权的到会人数须超过应到会人数${expected}人的五分之四，实到${present}人`);
  });
  it.each([
    [{ num: 2, den: 3 }, '三分之二'],
    [{ num: 1, den: 2 }, '半数'],
    [{ num: 7, den: 11 }, '7/11'],
  ])("MTG-QUORUM-PARTY names the profile's share %o", (partyQuorum, words) => {
    const r = checkQuorum({ kind: 'party', base: 'party-members', expected: 30, present: 15 }, buildProfile({ partyQuorum }));
    expect(!r.ok && zh(r.violations[0]!)).toBe(`有选举权的到会人数须超过应到会人数30人的${words}，实到15人`);
  });
});

describe('MTG-BOXES', () => {
  it.each([
    [2, false],
    [3, true],
    [4, true],
  ])('MTG-BOXES a mobile box with %i monitors: ok=%s', (monitors, ok) => {
    const r = checkBoxes([{ name: '主会场', kind: 'main', monitors: 0 }, { name: '流动1', kind: 'mobile', monitors }], LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('票箱“流动1”（流动票箱）监票人2名，应不少于3名');
  });
  it('MTG-BOXES a main box exists and every box is counted at the main meeting', () => {
    expect(codes(checkBoxes([{ name: '站1', kind: 'station', monitors: 3, counted: false }], LANZHOU))).toEqual(['MTG-BOXES:no-main', 'MTG-BOXES:not-counted']);
  });
});

describe('MTG-PROXY', () => {
  const ctx = { candidates: ['cand'], kind: 'rc' as const };
  it.each([
    [3, true],
    [4, false],
  ])('MTG-PROXY a holder with %i proxies: ok=%s', (n, ok) => {
    const proxies = Array.from({ length: n }, (_, i) => ({ giver: `g${i}`, holder: '张三', approved: true }));
    const r = checkProxies(proxies, ctx, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('张三接受委托4人，每人最多3人');
  });
  it('MTG-PROXY proxyMax 2 profile', () => {
    expect(checkProxies([{ giver: 'a', holder: 'h' }, { giver: 'b', holder: 'h' }, { giver: 'c', holder: 'h' }], ctx, buildProfile({ proxyMax: 2 })).ok).toBe(false);
  });
  it('MTG-PROXY candidates hold none; no party proxies; one per giver; approved; not to oneself', () => {
    expect(codes(checkProxies([{ giver: 'a', holder: 'cand' }], ctx, LANZHOU))).toEqual(['MTG-PROXY:holder-is-candidate']);
    expect(codes(checkProxies([{ giver: 'a', holder: 'b' }], { candidates: [], kind: 'party' }, LANZHOU))).toEqual(['MTG-PROXY:party']);
    expect(checkProxies([], { candidates: [], kind: 'party' }, LANZHOU).ok).toBe(true);
    expect(codes(checkProxies([{ giver: 'a', holder: 'b' }, { giver: 'a', holder: 'c', approved: false }, { giver: 'd', holder: 'd' }], ctx, LANZHOU))).toEqual([
      'MTG-PROXY:giver-twice',
      'MTG-PROXY:not-approved',
      'MTG-PROXY:self',
    ]);
    const ok = checkProxies([{ giver: 'a', holder: 'b' }], ctx, LANZHOU);
    expect(ok.ok && ok.value.published).toEqual([{ giver: 'a', holder: 'b' }]);
  });
});

describe('MTG-RECUSAL', () => {
  const candidates = C('王芳', '李明');
  it('MTG-RECUSAL a candidate may not count; a relative may not monitor; others may', () => {
    const r = checkRecusal({
      staff: [
        { person: 'c1', name: '王芳', duty: 'counter' },
        { person: 'x', name: '王大', duty: 'monitor', relativeOf: ['c1'] },
        { person: 'y', name: '赵六', duty: 'caller', relativeOf: ['zz'] },
      ],
      candidates,
    });
    expect(codes(r)).toEqual(['MTG-RECUSAL:candidate', 'MTG-RECUSAL:relative']);
    expect(!r.ok && r.violations.map(zh)).toEqual(['候选人王芳不得担任计票人', '王大系候选人王芳的近亲属，不得担任监票人']);
    expect(checkRecusal({ staff: [{ person: 'y', duty: 'caller' }], candidates }).ok).toBe(true);
  });
});

describe('CNT-OVERVOTE', () => {
  it.each([
    [[], 'blank'],
    [['a', 'b', 'c', 'd', 'e'], 'valid'],
    [['a', 'b', 'c', 'd', 'e', 'f'], 'invalid'],
    [['a', 'a', 'b'], 'valid'],
    [['a', 'b', 'c', 'd', 'e', '王大'], 'invalid'], // a write-in counts as a mark
  ])('CNT-OVERVOTE marks %o for 5 seats → %s', (marks, status) => {
    const r = checkBallot(marks, 5);
    if (status === 'invalid') {
      expect(codes(r)).toEqual(['CNT-OVERVOTE']);
      expect(!r.ok && zh(r.violations[0]!)).toBe('该选票选6人，多于应选5名，为无效票');
    } else expect(r.ok && r.value.status).toBe(status);
  });
});

describe('CNT-WRITEIN', () => {
  it('CNT-WRITEIN an ineligible write-in is named', () => {
    expect(checkWriteIn({ name: '赵六', eligible: true }).ok).toBe(true);
    const r = checkWriteIn({ name: '赵六', eligible: false });
    expect(!r.ok && zh(r.violations[0]!)).toBe('另选人赵六不具备被选举资格');
  });
  it('CNT-WRITEIN an eligible write-in counts like a candidate and is reported by name', () => {
    const d = decideContest({
      contest: rc(1, C('王芳', '李明')),
      sheets: [sheet({ c1: 20, c2: 10, 赵六: 55 }, { returned: 100, invalid: 15 })],
      base: reps(100, 100),
      profile: LANZHOU,
      eligibleWriteIns: ['赵六'],
    });
    expect(d.elected).toEqual([{ key: '赵六', name: '赵六', votes: 55, writeIn: true }]);
    expect(d.rules.find((r) => r.rule === 'CNT-WRITEIN')).toMatchObject({ status: 'pass', details: { names: '赵六(55)' } });
  });
  it('CNT-WRITEIN an ineligible write-in with a majority is counted and reported but not elected: the seat goes to a run-off', () => {
    const d = decideContest({ contest: rc(1, C('王芳', '李明')), sheets: [sheet({ c1: 20, c2: 10, 赵六: 55 }, { returned: 100, invalid: 15 })], base: reps(100, 100), profile: LANZHOU });
    expect(d.elected).toEqual([]);
    expect(d.ranking.find((r) => r.key === '赵六')).toMatchObject({ votes: 55, writeIn: true, majority: true, elected: false });
    expect(d.rules.find((r) => r.rule === 'CNT-WRITEIN')).toMatchObject({ status: 'warning', details: { reason: 'ineligible', barred: '赵六' } });
    expect(d.runoff).toMatchObject({ seats: 1 });
    expect(d.runoff!.candidates.map((c) => c.name).sort()).toEqual(['李明', '王芳'].sort());
    // Another write-in named eligible does not make this one eligible.
    const e = decideContest({ contest: rc(1, C('王芳', '李明')), sheets: [sheet({ c1: 20, c2: 10, 赵六: 55 }, { returned: 100, invalid: 15 })], base: reps(100, 100), profile: LANZHOU, eligibleWriteIns: ['王大'] });
    expect(e.elected).toEqual([]);
  });
  it('CNT-WRITEIN an ineligible write-in in a run-off: the seat stays vacant when no candidate reaches the share', () => {
    const d = decideContest({
      contest: { ...rc(1, C('王芳', '李明'), 'runoff'), alreadyElected: 4 },
      sheets: [sheet({ c1: 20, c2: 10, 赵六: 60 }, { returned: 100, invalid: 10 })],
      base: reps(100, 100),
      profile: LANZHOU,
    });
    expect(d.elected).toEqual([]);
    expect(d.vacancies).toBe(1);
    expect(d.rules.find((r) => r.rule === 'CNT-WRITEIN')).toMatchObject({ status: 'warning', details: { reason: 'ineligible' } });
  });
});

describe('CNT-ARITH', () => {
  it('CNT-ARITH a sheet that adds up', () => {
    expect(checkTallySheet(sheet({ c1: 60, c2: 40, 赵六: 5 }, { returned: 100, invalid: 10 }), { seats: 2, validCandidateIds: ['c1', 'c2'] })).toMatchObject({
      ok: true,
      value: { valid: 90, writeIns: ['赵六'] },
    });
  });
  it.each([
    [{ returned: 101, valid: 90, invalid: 10 }, '收回票数(101) ≠ 有效票(90) + 无效票(10)'],
    [{ returned: 10, invalid: 11 }, '无效票(11) > 收回票数(10)'],
  ])('CNT-ARITH %o is refused with the equation', (f, equation) => {
    const r = checkTallySheet(sheet({}, f), { seats: 1 });
    expect(!r.ok && zh(r.violations[0]!)).toBe(`计票单不平：${equation}`);
  });
  it.each([
    [90, true],
    [91, false],
  ])('CNT-ARITH a candidate with %i votes of 90 valid: ok=%s', (n, ok) => {
    const r = checkTallySheet(sheet({ c1: n }, { invalid: 10 }), { seats: 3 });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('计票单不平：c1得票(91) > 有效票(90)');
  });
  it.each([
    [180, true],
    [181, false],
  ])('CNT-ARITH sum of votes %i with 90 valid × 2 seats: ok=%s', (sum, ok) => {
    const r = checkTallySheet(sheet({ c1: 90, c2: 90, c3: sum - 180 }, { invalid: 10 }), { seats: 2 });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('计票单不平：得票总数(181) > 有效票(90) × 应选名额(2)');
  });
  it('CNT-ARITH figures are whole numbers', () => {
    expect(codes(checkTallySheet(sheet({ c1: 1.5 }, { issued: -1 }), { seats: 1 }))).toEqual(['CNT-ARITH', 'CNT-ARITH']);
    expect(checkTallySheet(sheet({}, { returned: 100, valid: 90, invalid: 10 }), { seats: 1 }).ok).toBe(true);
  });
});

describe('CNT-DOUBLE-ENTRY', () => {
  const a = sheet({ c1: 50, c2: 40 }, { invalid: 10 });
  it('CNT-DOUBLE-ENTRY equal entries by two scrutineers confirm', () => {
    expect(checkDoubleEntry({ first: a, second: { ...a, votes: { c2: 40, c1: 50 } }, firstBy: 'u1', secondBy: 'u2' }).ok).toBe(true);
    expect(compareEntries(a, { ...a, votes: { ...a.votes, c3: 0 } }).equal).toBe(true);
  });
  it('CNT-DOUBLE-ENTRY mismatches field by field', () => {
    const b = { ...a, invalid: 11, valid: 89, votes: { c1: 49, c3: 1 } };
    expect(compareEntries(a, b).mismatches).toEqual([
      { field: 'invalid', a: 10, b: 11 },
      { field: 'valid', a: null, b: 89 },
      { field: 'votes.c1', a: 50, b: 49 },
      { field: 'votes.c2', a: 40, b: null },
      { field: 'votes.c3', a: null, b: 1 },
    ]);
    const r = checkDoubleEntry({ first: a, second: { ...a, returned: 99, box: 'x' }, firstBy: 'u1', secondBy: 'u1' });
    expect(codes(r)).toEqual(['CNT-DOUBLE-ENTRY:same-scrutineer', 'CNT-DOUBLE-ENTRY:mismatch']);
    expect(!r.ok && zh(r.violations[1]!)).toBe('两次录入不一致：票箱：— / —；收回票数：100 / 99');
  });
});

describe('CNT-BALLOTS', () => {
  it.each([
    [100, 100, 'decided'],
    [100, 99, 'decided'],
    [100, 101, 'void'],
  ])('CNT-BALLOTS issued %i returned %i → %s', (issued, returned, status) => {
    const d = decideContest({ contest: rc(1, C('王芳', '李明')), sheets: [sheet({ c1: 60, c2: 30 }, { issued, returned, invalid: returned - 90 })], base: reps(100, 100), profile: LANZHOU });
    expect(d.status).toBe(status);
    if (status === 'void') {
      expect(d.elected).toEqual([]);
      expect(d.vacancies).toBe(1);
      expect(zh(d.violations[0]!)).toBe('收回选票101张，多于发出选票100张，选举无效，应重新投票');
    }
  });
  it('CNT-BALLOTS is judged on the summed boxes', () => {
    const d = decideContest({
      contest: rc(1, C('王芳')),
      sheets: [sheet({ c1: 40 }, { box: 'a', issued: 50, returned: 49, invalid: 0 }), sheet({ c1: 40 }, { box: 'b', issued: 40, returned: 42, invalid: 0 })],
      base: reps(100, 100),
      profile: LANZHOU,
    });
    expect(d.status).toBe('void');
  });
});

describe('CNT-MAJORITY-RC (more than half of those present)', () => {
  it.each([
    [50, false], // exactly half of 100 present: not elected
    [51, true],
    [49, false],
  ])('CNT-MAJORITY-RC %i votes of 100 present: elected=%s', (votes, elected) => {
    const d = decideContest({ contest: rc(1, C('王芳', '李明')), sheets: [sheet({ c1: votes, c2: 100 - votes - 1 }, { invalid: 1 })], base: reps(100, 120), profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(elected ? ['王芳'] : []);
  });
  it('CNT-MAJORITY-RC odd base: 31 of 61 elected, 30 not; message names the figures', () => {
    const contest = rc(2, C('王芳', '李明'));
    const d = decideContest({ contest, sheets: [sheet({ c1: 31, c2: 30 }, { issued: 61, returned: 61 })], base: reps(61), profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(['王芳']);
    const fails = thresholdFailures(d, contest, reps(61), LANZHOU);
    expect(fails.map(zh)).toEqual(['李明得30票，未超过出席会议的居民代表61人的半数，不能当选']);
    expect(d.rules.find((r) => r.rule === 'CNT-MAJORITY-RC')).toMatchObject({ status: 'pass', details: { base: 61 } });
  });
});

describe('CNT-MAJORITY-PARTY (present or expected)', () => {
  const party = (seats: number, candidates: ContestSpec['candidates']): ContestSpec => ({ seats, candidates, kind: 'party', stage: 'main' });
  const base: MeetingBase = { base: 'party-members', expected: 100, present: 90 };
  it.each([
    ['present', 45, false],
    ['present', 46, true],
    ['expected', 50, false],
    ['expected', 51, true],
  ] as const)('CNT-MAJORITY-PARTY base %s (expected 100, present 90), %i votes: elected=%s', (b, votes, elected) => {
    const profile = buildProfile({ partyMajorityBase: b });
    const contest = party(1, C('王芳', '李明'));
    const d = decideContest({ contest, sheets: [sheet({ c1: votes }, { issued: 90, returned: 90 })], base, profile });
    expect(d.elected.length).toBe(elected ? 1 : 0);
    if (!elected) {
      const f = thresholdFailures(d, contest, base, profile);
      expect(zh(f[0]!)).toBe(`王芳得${votes}票，未超过${b === 'present' ? '实到会' : '应到会'}党员${b === 'present' ? 90 : 100}人的半数，不能当选`);
    }
  });
  it("CNT-MAJORITY-* name the profile's share and who took part", () => {
    const profile = buildProfile({ rcMajority: { num: 2, den: 3 }, partyMajority: { num: 3, den: 5 } });
    const direct: MeetingBase = { base: 'voters', expected: 100, present: 90 };
    const rcContest = rc(1, C('王芳', '李明'));
    const rcDecision = decideContest({ contest: rcContest, sheets: [sheet({ c1: 60, c2: 29 }, { issued: 90, returned: 90, invalid: 1 })], base: direct, profile });
    expect(thresholdFailures(rcDecision, rcContest, direct, profile).map(zh)).toEqual([
      '王芳得60票，未超过参加投票的选民90人的三分之二，不能当选',
      '李明得29票，未超过参加投票的选民90人的三分之二，不能当选',
    ]);
    const households: MeetingBase = { base: 'households', expected: 100, present: 90 };
    const hhDecision = decideContest({ contest: rcContest, sheets: [sheet({ c1: 60, c2: 29 }, { issued: 90, returned: 90, invalid: 1 })], base: households, profile });
    expect(zh(thresholdFailures(hhDecision, rcContest, households, profile)[0]!)).toBe('王芳得60票，未超过参加投票的户代表90人的三分之二，不能当选');
    const partyContest = party(1, C('王芳'));
    const partyDecision = decideContest({ contest: partyContest, sheets: [sheet({ c1: 54 }, { issued: 90, returned: 90 })], base, profile });
    expect(zh(thresholdFailures(partyDecision, partyContest, base, profile)[0]!)).toBe('王芳得54票，未超过实到会党员90人的五分之三，不能当选');
  });
});

describe('CNT-RANK', () => {
  it('CNT-RANK more reach the majority than seats: most votes win', () => {
    const d = decideContest({ contest: rc(2, C('王芳', '李明', '张伟')), sheets: [sheet({ c1: 80, c2: 70, c3: 60 })], base: reps(100), profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(['王芳', '李明']);
    expect(d.ranking.map((r) => [r.name, r.majority, r.elected, r.rank])).toEqual([
      ['王芳', true, true, 1],
      ['李明', true, true, 2],
      ['张伟', true, false, 3],
    ]);
  });
  it('CNT-RANK a tie at the last seat: re-vote among the tied only', () => {
    const d = decideContest({ contest: rc(2, C('王芳', '李明', '张伟')), sheets: [sheet({ c1: 80, c2: 70, c3: 70 })], base: reps(100), profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(['王芳']);
    expect(d.tie).toMatchObject({ votes: 70, seats: 1 });
    expect(d.tie!.people.map((p) => p.name).sort()).toEqual(['张伟', '李明'].sort());
    expect(d.runoff).toBeUndefined();
    expect(d.vacancies).toBe(0);
    expect(d.rules.find((r) => r.rule === 'CNT-RANK')).toMatchObject({ status: 'warning', details: { reason: 'tie', seats: 1, tied: 2 } });
    // the re-vote: most votes win among the tied
    const re = decideContest({ contest: rc(1, C('李明', '张伟'), 'revote'), sheets: [sheet({ c1: 40, c2: 55, 王大: 3 })], base: reps(100), profile: LANZHOU });
    expect(re.elected.map((e) => e.name)).toEqual(['张伟']);
    const again = decideContest({ contest: rc(1, C('李明', '张伟'), 'revote'), sheets: [sheet({ c1: 50, c2: 50 })], base: reps(100), profile: LANZHOU });
    expect(again.tie?.seats).toBe(1);
    expect(zh({ rule: 'CNT-RANK', severity: 'hard', params: { names: '李明、张伟', votes: 50, seats: 1, tied: 2 } })).toBe('李明、张伟得票相等（各50票），剩余名额1名，应就票数相等的人重新投票');
  });
  it('CNT-RANK a tie that fits the seats elects everyone tied', () => {
    const d = decideContest({ contest: rc(2, C('王芳', '李明', '张伟')), sheets: [sheet({ c1: 70, c2: 70, c3: 20 })], base: reps(100), profile: LANZHOU });
    expect(d.elected.map((e) => e.name).sort()).toEqual(['李明', '王芳'].sort());
    expect(d.tie).toBeUndefined();
  });
});

describe('CNT-RUNOFF', () => {
  const five = C('王芳', '李明', '张伟', '刘洋', '陈静', '杨磊', '赵敏');
  it('CNT-RUNOFF fewer reach the majority: further vote for the rest with a 20% surplus', () => {
    const d = decideContest({ contest: rc(5, five), sheets: [sheet({ c1: 80, c2: 70, c3: 60, c4: 45, c5: 40, c6: 35, c7: 10 })], base: reps(100), profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(['王芳', '李明', '张伟']);
    expect(d.runoff).toMatchObject({ seats: 2, minShare: { num: 1, den: 3 } });
    expect(d.runoff!.candidates.map((c) => c.name)).toEqual(['刘洋', '陈静', '杨磊']); // minCandidates(2) = 3
    expect(d.vacancies).toBe(0);
    expect(d.violations).toEqual([]);
  });
  it('CNT-RUNOFF everyone tied at the cut joins the run-off', () => {
    const d = decideContest({ contest: rc(2, C('王芳', '李明', '张伟', '刘洋', '陈静')), sheets: [sheet({ c1: 30, c2: 30, c3: 20, c4: 20, c5: 10 })], base: reps(100), profile: LANZHOU });
    expect(d.runoff!.candidates.map((c) => c.votes)).toEqual([30, 30, 20, 20]);
  });
  it.each([
    [33, false], // 33 of 100 cast < 1/3
    [34, true],
    [35, true],
  ])('CNT-RUNOFF %i votes of 100 ballots cast (1/3 needed): elected=%s', (votes, elected) => {
    const contest = { ...rc(1, C('刘洋', '陈静')), stage: 'runoff' as const, alreadyElected: 4 };
    const d = decideContest({ contest, sheets: [sheet({ c1: votes, c2: votes - 1 })], base: reps(100), profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(elected ? ['刘洋'] : []);
    expect(d.vacancies).toBe(elected ? 0 : 1);
    if (!elected) {
      const f = thresholdFailures(d, contest, reps(100), LANZHOU);
      expect(zh(f[0]!)).toBe('刘洋得33票，不足已投选票100张的三分之一，不能当选');
    }
  });
  it('CNT-RUNOFF exactly 1/3 is enough (at least), e.g. 30 of 90', () => {
    const d = decideContest({ contest: { ...rc(1, C('刘洋', '陈静'), 'runoff'), alreadyElected: 4 }, sheets: [sheet({ c1: 30, c2: 29 }, { issued: 90, returned: 90 })], base: reps(90), profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(['刘洋']);
  });
  it.each([
    [2, true],
    [3, false],
  ])('CNT-RUNOFF with %i elected in all the committee is invalid=%s (at least 3 keep it)', (already, invalid) => {
    const d = decideContest({ contest: { ...rc(2, C('刘洋', '陈静', '杨磊'), 'runoff'), alreadyElected: already }, sheets: [sheet({ c1: 10, c2: 5, c3: 2 })], base: reps(100), profile: LANZHOU });
    expect(d.vacancies).toBe(2);
    expect(d.violations.length > 0).toBe(invalid);
    if (invalid) expect(zh(d.violations[0]!)).toBe('仅当选2人，少于3人，应另行选举');
    expect(zh({ rule: 'CNT-RUNOFF', severity: 'hard', params: { reason: 'vacant', vacancies: 2, elected: already } })).toBe(`2个名额空缺，已当选${already}人`);
  });
  it('CNT-RUNOFF main stage with no one left to run: seats stay vacant', () => {
    const d = decideContest({ contest: rc(3, C('王芳', '李明', '张伟')), sheets: [sheet({ c1: 80, c2: 70, c3: 60 })], base: reps(100), profile: LANZHOU });
    expect(d.vacancies).toBe(0);
    const e = decideContest({ contest: rc(3, C('王芳')), sheets: [sheet({ c1: 80, 赵六: 10 })], base: reps(100), profile: LANZHOU });
    expect(e.vacancies).toBe(2);
    expect(e.violations.map((v) => v.params.reason)).toEqual(['too-few-elected']);
  });
  it.each([
    [50, false], // 50 of 100 present: not more than half
    [51, true],
    [34, false], // a third would elect at an RC run-off, never at a party one
  ])('CNT-MAJORITY-PARTY a party run-off needs the first ballot\'s majority: %i of 100 present elected=%s', (votes, elected) => {
    const contest: ContestSpec = { seats: 1, candidates: C('刘洋', '陈静'), kind: 'party', stage: 'runoff' };
    const base: MeetingBase = { base: 'party-members', expected: 110, present: 100 };
    const d = decideContest({ contest, sheets: [sheet({ c1: votes, c2: 30 }, { returned: 100, invalid: 100 - votes - 30 })], base, profile: LANZHOU });
    expect(d.elected.map((e) => e.name)).toEqual(elected ? ['刘洋'] : []);
    expect(d.rules.find((r) => r.rule === 'CNT-MAJORITY-PARTY')).toMatchObject({ details: { base: 100, stage: 'runoff' } });
    expect(d.rules.some((r) => r.rule === 'CNT-RUNOFF' && r.details.reason === 'threshold')).toBe(false);
    if (!elected) expect(zh(thresholdFailures(d, contest, base, LANZHOU)[0]!)).toContain('刘洋');
    if (!elected) expect(thresholdFailures(d, contest, base, LANZHOU)[0]!.rule).toBe('CNT-MAJORITY-PARTY');
  });
  it('CNT-MAJORITY-PARTY a party main vote that leaves a seat opens a run-off whose minimum is the party majority', () => {
    const d = decideContest({ contest: { seats: 1, candidates: C('刘洋', '陈静'), kind: 'party', stage: 'main' }, sheets: [sheet({ c1: 40, c2: 40 })], base: { base: 'party-members', expected: 100, present: 100 }, profile: LANZHOU });
    expect(d.runoff).toMatchObject({ seats: 1, minShare: LANZHOU.partyMajority });
  });
  it('CNT-RUNOFF a party contest has no committee minimum and the totals may be given', () => {
    const totals = sumSheets([sheet({ c1: 10 })]);
    const d = decideContest({ contest: { seats: 1, candidates: C('王芳'), kind: 'party', stage: 'runoff' }, totals, base: { base: 'party-members', expected: 100, present: 100 }, profile: LANZHOU });
    expect(d.violations).toEqual([]);
    expect(thresholdFailures(d, { seats: 1, candidates: C('王芳'), kind: 'party', stage: 'revote' }, reps(100), LANZHOU)).toEqual([]);
  });
});

describe('sumSheets', () => {
  it('adds per-box sheets', () => {
    expect(sumSheets([sheet({ c1: 5, c2: 1 }, { box: 'a', issued: 10, returned: 9, invalid: 1 }), sheet({ c1: 3, 王大: 1 }, { box: 'b', issued: 5, returned: 5, invalid: 0 })])).toEqual({
      boxes: 2,
      issued: 15,
      returned: 14,
      invalid: 1,
      valid: 13,
      votes: { c1: 8, c2: 1, 王大: 1 },
    });
  });
});

describe('PTY-OFFICERS', () => {
  const members = C('王芳', '李明', '张伟', '刘洋', '陈静');
  it('PTY-OFFICERS equal election from among the members', () => {
    expect(checkOfficerElection({ committeeMembers: members, secretary: ['c1'], deputies: ['c2'], deputySeats: 1 }).ok).toBe(true);
  });
  it('PTY-OFFICERS not a member, two secretaries, a competitive deputy election, one person twice', () => {
    expect(codes(checkOfficerElection({ committeeMembers: members, secretary: ['x'], deputies: ['c2'] }))).toEqual(['PTY-OFFICERS:not-member']);
    expect(codes(checkOfficerElection({ committeeMembers: members, secretary: ['c1', 'c2'], deputies: [] }))).toEqual(['PTY-OFFICERS:one-secretary']);
    const r = checkOfficerElection({ committeeMembers: members, secretary: ['c1'], deputies: ['c2', 'c3'], deputySeats: 1 });
    expect(!r.ok && zh(r.violations[0]!)).toBe('副书记应等额选举，1个职位有2名候选人');
    const d = checkOfficerElection({ committeeMembers: members, secretary: ['c1'], deputies: ['c1'] });
    expect(!d.ok && zh(d.violations[0]!)).toBe('王芳同时被选为书记和副书记');
  });
});

describe('CNT-ANNOUNCE', () => {
  const notice = { number: 1, registered: 60, voted: 55, issued: 55, returned: 55, valid: 54, invalid: 1, votes: [{ name: '王芳', votes: 50 }], elected: [{ name: '王芳', post: '主任' }] };
  it('CNT-ANNOUNCE a complete notice numbered in order', () => {
    expect(checkResultNotice(notice, []).ok).toBe(true);
    expect(checkResultNotice({ ...notice, number: 3 }, [1, 2]).ok).toBe(true);
    expect(nextNoticeNumber([2, 1])).toBe(3);
  });
  it('CNT-ANNOUNCE missing figures and wrong numbers', () => {
    const r = checkResultNotice({ ...notice, valid: null, votes: [], number: 2 }, [2]);
    expect(codes(r)).toEqual(['CNT-ANNOUNCE:missing', 'CNT-ANNOUNCE:number']);
    expect(!r.ok && r.violations.map(zh)).toEqual(['选举结果公告缺少：valid, votes', '选举结果公告应为第3号，实际为第2号']);
  });
});

// ------------------------------------------------------------------------------------------------ properties

const arbElection = fc
  .record({
    seats: fc.integer({ min: 1, max: 7 }),
    candidates: fc.integer({ min: 1, max: 10 }),
    boxes: fc.integer({ min: 1, max: 4 }),
    absent: fc.integer({ min: 0, max: 20 }),
    kind: fc.constantFrom('rc' as const, 'party' as const),
  })
  .chain(({ seats, candidates, boxes, absent, kind }) => {
    const ids = Array.from({ length: candidates }, (_, i) => `c${i}`);
    const pool = [...ids, '王大', '赵六'];
    const ballot = fc.subarray(pool, { maxLength: Math.min(seats, pool.length) });
    const box = fc.record({ ballots: fc.array(ballot, { maxLength: 25 }), invalid: fc.integer({ min: 0, max: 3 }), spare: fc.integer({ min: 0, max: 3 }) });
    return fc.record({
      seats: fc.constant(seats),
      ids: fc.constant(ids),
      absent: fc.constant(absent),
      kind: fc.constant(kind),
      boxes: fc.array(box, { minLength: boxes, maxLength: boxes }),
    });
  })
  .map(({ seats, ids, absent, kind, boxes }) => {
    const sheets: TallySheet[] = boxes.map((b, i) => {
      const votes: Record<string, number> = {};
      for (const bal of b.ballots) for (const k of bal) votes[k] = (votes[k] ?? 0) + 1;
      const returned = b.ballots.length + b.invalid;
      return { box: `b${i}`, issued: returned + b.spare, returned, invalid: b.invalid, votes };
    });
    const returned = sheets.reduce((a, s) => a + s.returned, 0);
    const contest: ContestSpec = { seats, candidates: ids.map((id, i) => ({ id, name: ['王芳', '李明', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴刚'][i]! })), kind, stage: 'main' };
    const base: MeetingBase = { base: kind === 'party' ? 'party-members' : 'representatives', expected: returned + absent * 2, present: returned + absent };
    return { sheets, contest, base };
  });

describe('tally properties', () => {
  it('every generated sheet passes CNT-ARITH', () => {
    fc.assert(
      fc.property(arbElection, ({ sheets, contest }) => {
        for (const s of sheets) expect(checkTallySheet(s, { seats: contest.seats }).ok).toBe(true);
      }),
    );
  });

  it('never elects more than the seats, and seats = elected + tied seats + run-off seats + vacancies', () => {
    fc.assert(
      fc.property(arbElection, ({ sheets, contest, base }) => {
        const d = decideContest({ contest, sheets, base, profile: LANZHOU });
        expect(d.elected.length).toBeLessThanOrEqual(contest.seats);
        expect(d.elected.length + (d.tie?.seats ?? 0) + (d.runoff?.seats ?? 0) + d.vacancies).toBe(contest.seats);
      }),
    );
  });

  it('every elected person has more than half on the profile base', () => {
    for (const partyMajorityBase of ['present', 'expected'] as const) {
      const profile = buildProfile({ partyMajorityBase });
      fc.assert(
        fc.property(arbElection, ({ sheets, contest, base }) => {
          const d = decideContest({ contest, sheets, base, profile });
          const n = contest.kind === 'party' && partyMajorityBase === 'expected' ? base.expected : base.present;
          for (const e of d.elected) expect(2 * e.votes).toBeGreaterThan(n);
        }),
      );
    }
  });

  it('CNT-WRITEIN only a write-in named eligible is ever elected; a barred write-in changes no seat count', () => {
    fc.assert(
      fc.property(arbElection, fc.subarray(['王大', '赵六']), ({ sheets, contest, base }, eligible) => {
        const d = decideContest({ contest, sheets, base, profile: LANZHOU, eligibleWriteIns: eligible });
        for (const e of d.elected) if (e.writeIn) expect(eligible).toContain(e.key);
        expect(d.elected.length + (d.tie?.seats ?? 0) + (d.runoff?.seats ?? 0) + d.vacancies).toBe(contest.seats);
        // Every barred write-in who reached the threshold is reported by the CNT-WRITEIN line.
        const barred = d.ranking.filter((r) => r.writeIn && r.majority && !eligible.includes(r.key));
        const lineOf = d.rules.find((r) => r.rule === 'CNT-WRITEIN');
        if (d.status === 'decided' && barred.length > 0) expect(lineOf).toMatchObject({ status: 'warning' });
        // With every write-in eligible, official candidates elected are never fewer than without.
        const all = decideContest({ contest, sheets, base, profile: LANZHOU, eligibleWriteIns: ['王大', '赵六'] });
        expect(all.elected.filter((e) => !e.writeIn).length).toBeLessThanOrEqual(d.elected.filter((e) => !e.writeIn).length + (d.tie?.seats ?? 0));
      }),
    );
  });

  it('CNT-MAJORITY-PARTY every party run-off winner has more than half of the base, like the first ballot', () => {
    fc.assert(
      fc.property(arbElection, ({ sheets, contest, base }) => {
        const party: ContestSpec = { ...contest, kind: 'party', stage: 'runoff' };
        const d = decideContest({ contest: party, sheets, base: { ...base, base: 'party-members' }, profile: LANZHOU });
        for (const e of d.elected) expect(2 * e.votes).toBeGreaterThan(base.present);
      }),
    );
  });

  it('the result does not depend on the order of candidates or boxes', () => {
    fc.assert(
      fc.property(arbElection, fc.integer(), ({ sheets, contest, base }, seed) => {
        const a = decideContest({ contest, sheets, base, profile: LANZHOU });
        const rot = (xs: readonly unknown[]) => {
          const k = Math.abs(seed) % Math.max(xs.length, 1);
          return [...xs.slice(k), ...xs.slice(0, k)].reverse();
        };
        const b = decideContest({
          contest: { ...contest, candidates: rot(contest.candidates) as ContestSpec['candidates'] },
          sheets: rot(sheets) as TallySheet[],
          base,
          profile: LANZHOU,
        });
        expect(b.elected).toEqual(a.elected);
        expect(b.tie).toEqual(a.tie);
        expect(b.runoff).toEqual(a.runoff);
        expect(b.vacancies).toBe(a.vacancies);
        expect(b.ranking).toEqual(a.ranking);
      }),
    );
  });
});

describe('MTG-QUORUM-PARTY: members excused with approval are not expected', () => {
  const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
  it('MTG-QUORUM-PARTY expected = full members less the excused; the quorum is judged on it', () => {
    const r = partyExpected({ fullMemberIds: members, excused: [{ memberId: 'm1', reason: 'abroad', approvedBy: '街道党工委' }] });
    expect(r).toMatchObject({ ok: true, value: { expected: 4, excused: 1 } });
    // 4 present of 4 expected is quorate; of 5 (no excuse) 4 is exactly 4/5, not more.
    expect(checkQuorum({ kind: 'party', base: 'party-members', expected: 4, present: 4 }, LANZHOU).ok).toBe(true);
    expect(checkQuorum({ kind: 'party', base: 'party-members', expected: 5, present: 4 }, LANZHOU).ok).toBe(false);
  });
  it('MTG-QUORUM-PARTY refuses an excuse for a non-member, a second excuse, a reason outside the regulation, no approval', () => {
    const r = partyExpected({
      fullMemberIds: members,
      excused: [
        { memberId: 'x', reason: 'illness', approvedBy: '街道党工委' },
        { memberId: 'm2', reason: 'posted', approvedBy: '街道党工委' },
        { memberId: 'm2', reason: 'posted', approvedBy: '街道党工委' },
        { memberId: 'm3', reason: 'holiday' as never, approvedBy: '街道党工委' },
        { memberId: 'm4', reason: 'suspended', approvedBy: ' ' },
      ],
    });
    expect(codes(r)).toEqual(['MTG-QUORUM-PARTY:excused-not-member', 'MTG-QUORUM-PARTY:excused-twice', 'MTG-QUORUM-PARTY:excused-reason', 'MTG-QUORUM-PARTY:excused-no-approval']);
    expect(!r.ok && zh(r.violations[3]!)).toBe('不计入应到人数须经上级党组织同意，请填写批准单位（m4）');
  });
  it('MTG-QUORUM-PARTY expected never below zero nor above the members (property)', () => {
    fc.assert(
      fc.property(fc.subarray(members), (ex) => {
        const r = partyExpected({ fullMemberIds: members, excused: ex.map((memberId) => ({ memberId, reason: 'illness' as const, approvedBy: '上级党委' })) });
        expect(r.ok && r.value.expected).toBe(members.length - ex.length);
      }),
    );
  });
});
