import { describe, expect, it } from 'vitest';
import {
  backfillFromPreliminary,
  checkCandidateEligibility,
  checkCandidateListNotice,
  checkNomination,
  checkPrelimReport,
  checkRepublication,
  checkSecretBallot,
  checkSurplus,
  checkWithdrawal,
  latestListPublication,
  minCandidates,
  prelimReportDeadline,
  withdrawalRemedy,
  type CandidateFacts,
  type Nominator,
} from '../../src/domain/candidates.js';
import { buildProfile, codes, LANZHOU, YIWU, zh } from './builders.js';

const E = '2010-12-26';

describe('CAN-SURPLUS', () => {
  it('a list a withdrawal left short names the lawful path: a further nomination up to election day − 5, then only postponing', () => {
    const short = { seats: 1, candidates: 1, ballot: 'secret' as const };
    expect(withdrawalRemedy({ today: '2010-12-21', electionDay: E }, LANZHOU)).toEqual({ reason: 'withdrawal-nominate', publishBy: '2010-12-21', noticeDays: 5 });
    expect(withdrawalRemedy({ today: '2010-12-22', electionDay: E }, LANZHOU)).toEqual({ reason: 'withdrawal-postpone', publishBy: '2010-12-21', noticeDays: 5 });
    const inTime = checkSurplus({ ...short, afterWithdrawal: { today: '2010-12-21', electionDay: E } }, LANZHOU);
    expect(!inTime.ok && zh(inTime.violations[0]!)).toContain('可另行提名候选人，并于2010年12月21日前（选举日前5日）重新公布正式候选人名单；或经换届选举工作领导小组批准推迟选举日');
    const late = checkSurplus({ ...short, afterWithdrawal: { today: '2010-12-22', electionDay: E } }, LANZHOU);
    expect(!late.ok && zh(late.violations[0]!)).toContain('须经换届选举工作领导小组批准推迟选举日');
    // A list that still holds its surplus after a withdrawal passes as any other.
    expect(checkSurplus({ seats: 1, candidates: 2, ballot: 'secret', afterWithdrawal: { today: '2010-12-22', electionDay: E } }, LANZHOU).ok).toBe(true);
  });

  it.each([
    [1, 2],
    [3, 4],
    [5, 6],
    [6, 8],
    [7, 9],
    [9, 11],
    [11, 14],
  ])('CAN-SURPLUS %i seats need %i candidates (ceil(seats × 1.2), at least seats + 1)', (seats, required) => {
    expect(minCandidates(seats, LANZHOU)).toBe(required);
    expect(checkSurplus({ seats, candidates: required, ballot: 'secret' }, LANZHOU).ok).toBe(true);
    const r = checkSurplus({ seats, candidates: required - 1, ballot: 'secret' }, LANZHOU);
    expect(codes(r)).toEqual(['CAN-SURPLUS']);
    expect(!r.ok && zh(r.violations[0]!)).toBe(`应选${seats}名，候选人应不少于${required}名（差额20%），实际${required - 1}名`);
  });

  it.each([
    [{ num: 5, den: 4 }, 5, 7, '25%'],
    [{ num: 4, den: 3 }, 6, 8, '33.3%'],
  ])("CAN-SURPLUS names the profile's surplus %o", (surplusRatio, seats, required, words) => {
    const r = checkSurplus({ seats, candidates: seats, ballot: 'secret' }, buildProfile({ surplusRatio }));
    expect(!r.ok && zh(r.violations[0]!)).toBe(`应选${seats}名，候选人应不少于${required}名（差额${words}），实际${seats}名`);
  });

  it('CAN-SURPLUS equal election by show of hands only where allowed (MTG-SECRET)', () => {
    expect(checkSurplus({ seats: 5, candidates: 5, ballot: 'show-of-hands' }, LANZHOU)).toMatchObject({ ok: true, value: { equal: true } });
    expect(codes(checkSurplus({ seats: 5, candidates: 5, ballot: 'show-of-hands' }, YIWU))).toEqual(['MTG-SECRET:show-of-hands-not-allowed']);
    expect(codes(checkSurplus({ seats: 5, candidates: 5, ballot: 'secret' }, LANZHOU))).toEqual(['CAN-SURPLUS']);
  });
});

describe('MTG-SECRET', () => {
  it.each([
    ['secret', 5, 6, []],
    ['secret', 5, 5, []],
    ['show-of-hands', 5, 5, []],
    ['show-of-hands', 5, 6, ['MTG-SECRET:show-of-hands-competitive']],
    ['show-of-hands', 5, 4, ['MTG-SECRET:show-of-hands-competitive']],
  ] as const)('MTG-SECRET %s, %i seats, %i candidates → %o', (ballot, seats, candidates, expected) => {
    expect(codes(checkSecretBallot({ ballot, seats, candidates }, LANZHOU))).toEqual(expected);
  });
  it('MTG-SECRET message', () => {
    const r = checkSecretBallot({ ballot: 'show-of-hands', seats: 5, candidates: 6 }, LANZHOU);
    expect(!r.ok && zh(r.violations[0]!)).toBe('举手表决只适用于等额选举，本次5个名额有6名候选人');
  });
});

describe('CAN-NOMINATION', () => {
  const voters = (n: number, extra: Partial<Nominator> = {}): Nominator[] =>
    Array.from({ length: n }, (_, i) => ({ id: `v${i}`, registered: true, householdNo: `h${i}`, ...extra }));

  it.each([
    [9, false],
    [10, true],
    [11, true],
  ])('CAN-NOMINATION %i voters jointly: ok=%s', (n, ok) => {
    const r = checkNomination({ basis: 'voters', seats: 1, nominators: voters(n) }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('选民联合提名应不少于10人，实际9人');
  });

  it.each([
    [4, false],
    [5, true],
  ])('CAN-NOMINATION %i household representatives jointly: ok=%s', (n, ok) => {
    expect(checkNomination({ basis: 'households', seats: 1, nominators: voters(n) }, LANZHOU).ok).toBe(ok);
  });

  it('CAN-NOMINATION households count distinct households', () => {
    const same = voters(6).map((v, i) => ({ ...v, householdNo: i < 2 ? 'h0' : v.householdNo }));
    expect(checkNomination({ basis: 'households', seats: 1, nominators: same }, LANZHOU).ok).toBe(true);
    const r = checkNomination({ basis: 'households', seats: 1, nominators: same.slice(0, 5) }, LANZHOU);
    expect(!r.ok && zh(r.violations[0]!)).toBe('户代表联合提名应不少于5户，实际4户');
    const noHousehold = voters(5).map(({ householdNo: _h, ...v }) => v);
    expect(checkNomination({ basis: 'households', seats: 1, nominators: noHousehold }, LANZHOU).ok).toBe(true);
  });

  it('CAN-NOMINATION self-nomination only in yiwu; group and committee need no nominators', () => {
    expect(codes(checkNomination({ basis: 'self', seats: 1 }, LANZHOU))).toEqual(['CAN-NOMINATION:self-not-allowed']);
    expect(checkNomination({ basis: 'self', seats: 1 }, YIWU).ok).toBe(true);
    expect(checkNomination({ basis: 'group', seats: 1 }, LANZHOU).ok).toBe(true);
    expect(checkNomination({ basis: 'committee', seats: 1, consent: true }, LANZHOU).ok).toBe(true);
  });

  it("CAN-NOMINATION the election committee's nomination needs the nominee's consent", () => {
    const r = checkNomination({ basis: 'committee', seats: 1 }, LANZHOU);
    expect(codes(r)).toEqual(['CAN-NOMINATION:committee-no-consent']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('选举委员会提名（组织提名）须经被提名人本人同意，请先取得并登记本人同意');
    expect(codes(checkNomination({ basis: 'committee', seats: 1, consent: false }, YIWU))).toEqual(['CAN-NOMINATION:committee-no-consent']);
  });

  it('CAN-NOMINATION nominators are registered voters, not twice on one nomination', () => {
    const list = [...voters(9), { id: 'x', registered: false }];
    const r = checkNomination({ basis: 'voters', seats: 1, nominators: list }, LANZHOU);
    expect(codes(r)).toEqual(['CAN-NOMINATION:nominator-not-registered']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('有1名提名人不是本社区登记选民');
    const dup = [...voters(10), { id: 'v0', registered: true, name: '张三' }];
    expect(codes(checkNomination({ basis: 'voters', seats: 2, nominators: dup }, LANZHOU))).toEqual(['CAN-NOMINATION:duplicate-nominator']);
  });

  it.each([
    [2, 3, true], // this is the 3rd joint nomination for a 3-seat position
    [3, 3, false], // the 4th
    [0, 1, true],
    [1, 1, false],
  ])('CAN-NOMINATION nominator already on %i nominations for a %i-seat position: ok=%s', (already, seats, ok) => {
    const list = voters(10).map((v, i) => (i === 0 ? { ...v, name: '李四', nominationsForPosition: already } : v));
    const r = checkNomination({ basis: 'voters', seats, nominators: list }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe(`提名人李四联名提名${already + 1}人，超过该职位应选名额${seats}名`);
  });

  it('CAN-NOMINATION no per-position limit when the profile says so', () => {
    const list = voters(10, { nominationsForPosition: 5 });
    expect(checkNomination({ basis: 'voters', seats: 1, nominators: list }, buildProfile({ nominatorLimit: null })).ok).toBe(true);
  });
});

describe('CAN-ELIGIBLE', () => {
  const person: CandidateFacts = {
    name: '王芳',
    registered: true,
    birthDate: '1970-06-01',
    sex: 'female',
    education: 'high-school',
    incumbent: false,
    residency: 'registered',
    partyMember: 'full',
  };
  it('CAN-ELIGIBLE a registered voter is eligible', () => {
    expect(checkCandidateEligibility({ candidate: person, contest: 'member', electionDay: E }, LANZHOU)).toMatchObject({ ok: true, value: { age: 40 } });
  });
  it('CAN-ELIGIBLE not registered here: refused on that alone, the person neither judged further nor named', () => {
    const r = checkCandidateEligibility({ candidate: { ...person, registered: false, rightsDeprived: true, partyMember: 'probationary', birthDate: '1930-01-01' }, contest: 'party', electionDay: E }, LANZHOU);
    expect(codes(r)).toEqual(['CAN-ELIGIBLE:not-registered']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('被提名人不是本社区登记选民');
    expect(!r.ok && r.violations[0]!.params).toEqual({ reason: 'not-registered' });
  });
  it('CAN-ELIGIBLE deprived of rights, not a full party member', () => {
    const r = checkCandidateEligibility({ candidate: { ...person, rightsDeprived: true, partyMember: 'probationary' }, contest: 'party', electionDay: E }, LANZHOU);
    expect(codes(r)).toEqual(['CAN-ELIGIBLE:rights-deprived', 'CAN-ELIGIBLE:not-full-party-member']);
  });
});

describe('CAN-AGE-EDU (yiwu)', () => {
  const E2 = '2007-10-15';
  const facts = (sex: 'male' | 'female', birthDate: string, incumbent: boolean, education: CandidateFacts['education'] = 'bachelor'): CandidateFacts => ({
    name: '某某',
    registered: true,
    birthDate,
    sex,
    education,
    incumbent,
    residency: 'registered',
  });
  it.each([
    // sex, incumbent, limit
    ['male', false, 51],
    ['female', false, 46],
    ['male', true, 54],
    ['female', true, 49],
  ] as const)('CAN-AGE-EDU %s incumbent=%s: aged %i passes, %i+1 fails', (sex, incumbent, limit) => {
    const y = 2007 - limit;
    const atLimit = checkCandidateEligibility({ candidate: facts(sex, `${y}-10-16`, incumbent), contest: 'member', electionDay: E2 }, YIWU);
    const exactly = checkCandidateEligibility({ candidate: facts(sex, `${y}-10-15`, incumbent), contest: 'member', electionDay: E2 }, YIWU);
    const over = checkCandidateEligibility({ candidate: facts(sex, `${y - 1}-10-15`, incumbent), contest: 'member', electionDay: E2 }, YIWU);
    expect(atLimit.ok && atLimit.value.age).toBe(limit - 1);
    expect(exactly.ok && exactly.value.age).toBe(limit);
    expect(codes(over)).toEqual(['CAN-AGE-EDU:age']);
    expect(!over.ok && zh(over.violations[0]!)).toBe(`${incumbent ? '原班子成员' : '新进班子成员'}（${sex === 'male' ? '男' : '女'}）年龄应在${limit}周岁以下，实际${limit + 1}周岁`);
  });

  it.each([
    [false, 'high-school', true],
    [false, 'junior-high', true], // 002: a newcomer's education is 一般 (soft): a warning, not a refusal
    [true, 'junior-high', true],
    [true, 'primary', false],
    [true, null, false],
  ] as const)('CAN-AGE-EDU incumbent=%s education %s ok=%s', (incumbent, education, ok) => {
    const r = checkCandidateEligibility({ candidate: facts('male', '1970-01-01', incumbent, education), contest: 'member', electionDay: E2 }, YIWU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(codes(r)).toEqual(['CAN-AGE-EDU:education']);
  });

  it('CAN-AGE-EDU message names the education; a newcomer below it is a soft warning in yiwu', () => {
    const r = checkCandidateEligibility({ candidate: facts('male', '1970-01-01', false, 'junior-high'), contest: 'member', electionDay: E2 }, YIWU);
    expect(r.ok && r.warnings.map((w) => [w.severity, zh(w)])).toEqual([['soft', '新进班子成员一般应具有高中/中专以上文化程度，实际为初中']]);
    const incumbent = checkCandidateEligibility({ candidate: facts('male', '1970-01-01', true, 'primary'), contest: 'member', electionDay: E2 }, YIWU);
    expect(!incumbent.ok && zh(incumbent.violations[0]!)).toBe('应具有初中以上文化程度，实际为小学');
    expect(checkCandidateEligibility({ candidate: facts('male', '1940-01-01', false, null), contest: 'member', electionDay: E2 }, LANZHOU).ok).toBe(true);
  });

  it.each([
    ['1970-12-26', []], // 40 on election day
    ['1970-12-25', []], // still 40
    ['1969-12-26', ['CAN-AGE-EDU:secretary-age']], // 41
  ])('CAN-AGE-EDU lanzhou party secretary born %s: %o (soft)', (birthDate, expected) => {
    const r = checkCandidateEligibility(
      { candidate: { ...facts('male', birthDate, false, 'high-school'), partyMember: 'full' }, contest: 'party', electionDay: E, secretary: true },
      LANZHOU,
    );
    expect(r.ok).toBe(true);
    expect(codes(r)).toEqual(expected);
  });

  it('CAN-AGE-EDU lanzhou party secretary below high school is a warning', () => {
    const r = checkCandidateEligibility(
      { candidate: { ...facts('male', '1975-01-01', false, 'junior-high'), partyMember: 'full' }, contest: 'party', electionDay: E, secretary: true },
      LANZHOU,
    );
    expect(r.ok && r.warnings.map((w) => w.params.reason)).toEqual(['secretary-education']);
    expect(zh(r.ok ? r.warnings[0]! : r.violations[0]!)).toBe('社区党组织负责人应具有高中/中专以上学历，实际为初中');
  });

  it('ORG-RC-PUBLIC-DEPUTY checked for a candidate with the public role', () => {
    const r = checkCandidateEligibility({ candidate: facts('male', '1955-01-01', false, 'high-school'), contest: 'deputy', electionDay: E, roles: ['public'] }, LANZHOU);
    expect(codes(r)).toEqual(['ORG-RC-PUBLIC-DEPUTY:age']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('公选副主任候选人年龄不得超过50岁，实际55岁');
  });
});

describe('CAN-PRELIM-REPORT (lanzhou: by 12-06)', () => {
  it.each([
    ['2010-12-05', true],
    ['2010-12-06', true],
    ['2010-12-07', false],
  ])('CAN-PRELIM-REPORT reported %s: ok=%s', (reportedOn, ok) => {
    const r = checkPrelimReport({ reportedOn, publicised: true, electionDay: E, today: '2010-12-20' }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('候选人预备人选应于2010年12月6日前上报街道，实际于2010年12月7日上报');
  });
  it('CAN-PRELIM-REPORT not yet reported: due until the deadline, then a breach', () => {
    expect(checkPrelimReport({ reportedOn: null, electionDay: E, today: '2010-12-06' }, LANZHOU)).toMatchObject({ ok: true, value: { deadline: '2010-12-06' } });
    expect(codes(checkPrelimReport({ reportedOn: null, electionDay: E, today: '2010-12-07' }, LANZHOU))).toEqual(['CAN-PRELIM-REPORT:not-reported']);
  });
  it('CAN-PRELIM-REPORT future date, not publicised, no deadline in yiwu', () => {
    expect(codes(checkPrelimReport({ reportedOn: '2010-12-05', publicised: false, electionDay: E, today: '2010-12-04' }, LANZHOU))).toEqual([
      'CAN-PRELIM-REPORT:future',
      'CAN-PRELIM-REPORT:not-publicised',
    ]);
    expect(prelimReportDeadline(E, YIWU)).toBeNull();
    expect(checkPrelimReport({ reportedOn: '2010-12-20', electionDay: E, today: '2010-12-20' }, YIWU).ok).toBe(true);
    expect(checkPrelimReport({ reportedOn: null, electionDay: E, today: '2010-12-20' }, YIWU).ok).toBe(true);
  });
});

describe('CAN-LIST-NOTICE (≥ 5 days before)', () => {
  it.each([
    ['2010-12-20', true, 6],
    ['2010-12-21', true, 5],
    ['2010-12-22', false, 4],
  ])('CAN-LIST-NOTICE published %s for 2010-12-26: ok=%s (%i days)', (publishedOn, ok, days) => {
    const r = checkCandidateListNotice({ publishedOn, electionDay: E }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.value.daysBefore).toBe(days);
    else expect(zh(r.violations[0]!)).toBe('正式候选人名单应于选举日前5日公布，实际提前4日');
  });
  it('CAN-LIST-NOTICE across a month end and the latest date', () => {
    expect(latestListPublication('2011-01-03', LANZHOU)).toBe('2010-12-29');
    expect(checkCandidateListNotice({ publishedOn: '2010-12-29', electionDay: '2011-01-03' }, LANZHOU).ok).toBe(true);
    expect(checkCandidateListNotice({ publishedOn: '2010-12-30', electionDay: '2011-01-03' }, LANZHOU).ok).toBe(false);
  });
  it('CAN-LIST-NOTICE a changed list restarts the 5 days; a backfill only where the profile says so', () => {
    expect(checkRepublication({ publishedOn: '2010-12-23', electionDay: E, cause: 'change' }, LANZHOU).ok).toBe(false);
    expect(checkRepublication({ publishedOn: '2010-12-23', electionDay: E, cause: 'backfill' }, LANZHOU).ok).toBe(true);
    expect(checkRepublication({ publishedOn: '2010-12-23', electionDay: E, cause: 'backfill' }, buildProfile({ backfillRestartsNotice: true })).ok).toBe(false);
  });
});

describe('CAN-WITHDRAW (until 3 days before)', () => {
  it.each([
    ['2010-12-22', true],
    ['2010-12-23', true],
    ['2010-12-24', false],
  ])('CAN-WITHDRAW on %s for 2010-12-26: ok=%s', (on, ok) => {
    const r = checkWithdrawal({ on, electionDay: E }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe('候选人退出应在选举日前3日之前提出，实际提前2日');
  });
  it('CAN-WITHDRAW backfill from the preliminary candidates in nomination order', () => {
    const preliminary = [
      { id: 'c', nominationSeq: 3 },
      { id: 'a', nominationSeq: 1 },
      { id: 'b', nominationSeq: 2 },
    ];
    expect(backfillFromPreliminary({ preliminary, onList: ['a'] }, LANZHOU)).toEqual({ candidate: { id: 'b', nominationSeq: 2 }, restartsNotice: false });
    expect(backfillFromPreliminary({ preliminary, onList: ['a', 'b', 'c'] }, LANZHOU).candidate).toBeNull();
  });
});
