import { describe, expect, it } from 'vitest';
import {
  checkDeputyRoles,
  checkDirectShare,
  checkMethod,
  checkPartyOrganisation,
  checkPartyReps,
  checkPublicDeputies,
  checkPublicDeputyCandidate,
  checkRcSeats,
  checkWoman,
  crossAppointment,
  crossAppointmentNote,
  crossAppointmentTotal,
  ELECTION_METHOD_LABELS_ZH,
  electedDeputyRoles,
  electedRcSeats,
  quorumBaseOf,
  type ElectionMethod,
} from '../../src/domain/committee.js';
import { buildProfile, codes, LANZHOU, YIWU, zh } from './builders.js';

describe('ORG-RC-SIZE', () => {
  it.each([
    [4, ['ORG-RC-SIZE:range', 'ORG-RC-SIZE:even']],
    [5, []],
    [6, ['ORG-RC-SIZE:even']],
    [7, []],
    [9, []],
    [10, ['ORG-RC-SIZE:range', 'ORG-RC-SIZE:even']],
    [11, ['ORG-RC-SIZE:range']],
  ])('ORG-RC-SIZE lanzhou total %i → %o', (total, expected) => {
    expect(codes(checkRcSeats({ director: 1, deputies: 2, members: total - 3 }, LANZHOU))).toEqual(expected);
  });

  it.each([
    [7, []],
    [9, ['ORG-RC-SIZE:range']],
  ])('ORG-RC-SIZE yiwu 5..7: total %i → %o', (total, expected) => {
    expect(codes(checkRcSeats({ director: 1, deputies: 2, members: total - 3 }, YIWU))).toEqual(expected);
  });

  it('ORG-RC-SIZE exactly one director; messages', () => {
    const r = checkRcSeats({ director: 2, deputies: 2, members: 1 }, LANZHOU);
    expect(codes(r)).toEqual(['ORG-RC-SIZE:director']);
    const e = checkRcSeats({ director: 1, deputies: 2, members: 3 }, LANZHOU);
    expect(!e.ok && zh(e.violations[0]!)).toBe('居民委员会成员共6名，总数必须为单数');
    const s = checkRcSeats({ director: 1, deputies: 4, members: 6 }, LANZHOU);
    expect(!s.ok && zh(s.violations[0]!)).toBe('居民委员会成员共11名，应为5至9名');
    expect(checkRcSeats({ director: 1, deputies: 2, members: 3 }, buildProfile({ rcSizeOdd: false })).ok).toBe(true);
  });
});

describe('ORG-RC-DEPUTY-ROLES (lanzhou)', () => {
  it('ORG-RC-DEPUTY-ROLES police and graduate present', () => {
    expect(checkDeputyRoles({ deputies: [{ roles: ['police'] }, { roles: ['graduate'] }] }, LANZHOU).ok).toBe(true);
    expect(checkDeputyRoles({ deputies: [{ roles: ['police', 'graduate'] }] }, LANZHOU).ok).toBe(true);
  });
  it('ORG-RC-DEPUTY-ROLES one missing', () => {
    const r = checkDeputyRoles({ deputies: [{ roles: ['police'] }, { roles: ['public'] }] }, LANZHOU);
    expect(codes(r)).toEqual(['ORG-RC-DEPUTY-ROLES']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('副主任（共2名）中必须有一名大中专毕业生');
    const p = checkDeputyRoles({ deputies: [] }, LANZHOU);
    expect(!p.ok && zh(p.violations[0]!)).toBe('副主任（共0名）中必须有一名管段民警');
  });
  it('ORG-RC-DEPUTY-ROLES does not apply in yiwu', () => {
    expect(checkDeputyRoles({ deputies: [] }, YIWU).ok).toBe(true);
  });
  it('ORG-RC-DEPUTY-ROLES on who was elected: the deputies of their own contest, or everyone of a combined contest', () => {
    const elected = [
      { post: 'director', roles: ['police' as const] },
      { post: 'deputy', roles: ['graduate' as const] },
      { post: 'deputy', roles: [] },
    ];
    const facts = electedDeputyRoles({ contests: ['director', 'deputy'], elected });
    expect(facts).toEqual({ deputies: [{ roles: ['graduate'] }, { roles: [] }], elected: 'deputy' });
    const r = checkDeputyRoles(facts!, LANZHOU);
    expect(!r.ok && zh(r.violations[0]!)).toBe('当选副主任（共2名）中没有管段民警，副主任必须有一名管段民警');

    const combined = electedDeputyRoles({ contests: ['committee'], elected: [{ post: 'committee', roles: ['police'] }, { post: 'committee', roles: [] }] });
    expect(combined).toEqual({ deputies: [{ roles: ['police'] }, { roles: [] }], elected: 'committee' });
    const c = checkDeputyRoles(combined!, LANZHOU);
    expect(!c.ok && c.violations.map(zh)).toEqual(['当选居民委员会成员（共2名）中没有大中专毕业生，无法按要求配备副主任']);
    expect(electedDeputyRoles({ contests: ['director', 'member'], elected })).toBeNull();
  });
});

describe('ORG-RC-SIZE on who was elected', () => {
  it('counts the posts of separate contests as elected', () => {
    expect(electedRcSeats([{ post: 'director' }, { post: 'deputy' }, { post: 'member' }, { post: 'member' }])).toEqual({ director: 1, deputies: 1, members: 2 });
    expect(electedRcSeats([{ post: 'deputy' }])).toEqual({ director: 0, deputies: 1, members: 0 });
  });
  it('a combined contest elects one director among its members (posts are divided after the count)', () => {
    const five = electedRcSeats(Array.from({ length: 5 }, () => ({ post: 'committee' })));
    expect(five).toEqual({ director: 1, deputies: 0, members: 4 });
    expect(checkRcSeats(five, LANZHOU).ok).toBe(true);
    expect(electedRcSeats([])).toEqual({ director: 0, deputies: 0, members: 0 });
  });
});

describe('ORG-RC-PUBLIC-DEPUTY', () => {
  it.each([
    [1, 1, true],
    [0, 1, false],
    [2, 1, false],
  ])('ORG-RC-PUBLIC-DEPUTY %i publicly-selected deputies, previous term %i: ok=%s', (count, previousCount, ok) => {
    const r = checkPublicDeputies({ count, previousCount }, LANZHOU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe(`公选副主任职数应与上届相同（${previousCount}名），实际${count}名`);
    expect(checkPublicDeputies({ count, previousCount }, YIWU).ok).toBe(true);
  });

  it.each([
    ['1960-12-26', false], // 50 on election day
    ['1960-12-27', false],
    ['1959-12-27', false], // 50 (51 tomorrow)
    ['1959-12-26', true], // 51 on election day
  ])('ORG-RC-PUBLIC-DEPUTY candidate born %s, election 2010-12-26: too old=%s', (birthDate, tooOld) => {
    const v = checkPublicDeputyCandidate({ birthDate, education: 'high-school', residency: 'registered', electionDay: '2010-12-26' }, LANZHOU);
    expect(v.map((x) => x.params.reason)).toEqual(tooOld ? ['age'] : []);
  });

  it('ORG-RC-PUBLIC-DEPUTY education at least high school, a resident', () => {
    const base = { birthDate: '1980-01-01', residency: 'registered' as const, electionDay: '2010-12-26' };
    expect(checkPublicDeputyCandidate({ ...base, education: 'high-school' }, LANZHOU)).toEqual([]);
    const low = checkPublicDeputyCandidate({ ...base, education: 'junior-high' }, LANZHOU);
    expect(zh(low[0]!)).toBe('公选副主任候选人应具有高中/中专以上文化程度，实际为初中');
    expect(checkPublicDeputyCandidate({ ...base, education: null, residency: 'worker' }, LANZHOU).map((x) => x.params.reason)).toEqual(['not-resident', 'education']);
    expect(checkPublicDeputyCandidate({ ...base, education: null }, YIWU)).toEqual([]);
  });
});

describe('ORG-PARTY-TYPE', () => {
  it.each([
    ['branch', 8, 1, ['ORG-PARTY-TYPE:range']],
    ['branch', 8, 3, []],
    ['branch', 8, 5, []],
    ['branch', 8, 7, ['ORG-PARTY-TYPE:range']], // soft: above the usual 5, within "最多不超过7"
    ['branch', 8, 9, ['ORG-PARTY-TYPE:over-max']],
    ['branch', 8, 4, ['ORG-PARTY-TYPE:even']],
    ['general', 30, 5, []],
    ['general', 30, 7, []],
    ['general', 30, 9, ['ORG-PARTY-TYPE:range']],
    ['general', 30, 11, ['ORG-PARTY-TYPE:over-max']],
    ['general', 30, 3, ['ORG-PARTY-TYPE:range']],
    ['committee', 300, 9, []],
    ['committee', 300, 11, ['ORG-PARTY-TYPE:over-max']],
  ] as const)('ORG-PARTY-TYPE %s with %i members, %i seats → %o', (type, members, seats, expected) => {
    expect(codes(checkPartyOrganisation({ type, members, seats }, LANZHOU))).toEqual(expected);
  });

  it('ORG-PARTY-TYPE between usual max and absolute max is a soft warning', () => {
    const r = checkPartyOrganisation({ type: 'branch', members: 20, seats: 7 }, LANZHOU);
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings[0]!.severity).toBe('soft');
    expect(zh(r.ok ? r.warnings[0]! : r.violations[0]!)).toBe('支部委员应为3至5名（最多不超过7名），实际7名');
  });

  it.each([
    [7, false],
    [8, true],
  ])('ORG-PARTY-TYPE branch committee needs more than 7 members (seed): %i members ok=%s', (members, ok) => {
    expect(checkPartyOrganisation({ type: 'branch', members, seats: 3 }, LANZHOU).ok).toBe(ok);
  });

  it('ORG-PARTY-TYPE branchCommitteeMinMembers 7 (party rule "7 or more")', () => {
    expect(checkPartyOrganisation({ type: 'branch', members: 7, seats: 3 }, buildProfile({ branchCommitteeMinMembers: 7 })).ok).toBe(true);
    const r = checkPartyOrganisation({ type: 'branch', members: 6, seats: 3 }, buildProfile({ branchCommitteeMinMembers: 7 }));
    expect(!r.ok && zh(r.violations[0]!)).toBe('党员7名以上方可设立支部委员会，实有党员6名');
  });
});

describe('ORG-PARTY-REPS', () => {
  const base = { probationary: 0, approved: true };
  it('ORG-PARTY-REPS a general meeting: only full members vote and are expected', () => {
    expect(checkPartyReps({ fullMembers: 120, probationary: 5, representatives: null, approved: false }, LANZHOU)).toMatchObject({
      ok: true,
      value: { method: 'general-meeting', voters: 120, expected: 120 },
    });
  });
  it.each([
    [300, 150, ['ORG-PARTY-REPS:not-allowed']],
    [301, 150, []],
    [400, 99, ['ORG-PARTY-REPS:range']],
    [400, 100, []],
    [400, 200, []],
    [400, 201, ['ORG-PARTY-REPS:range']], // soft
    [400, 300, ['ORG-PARTY-REPS:range']], // soft
    [400, 301, ['ORG-PARTY-REPS:over-max']],
  ])('ORG-PARTY-REPS %i members, %i representatives → %o', (fullMembers, representatives, expected) => {
    expect(codes(checkPartyReps({ ...base, fullMembers, representatives }, LANZHOU))).toEqual(expected);
  });
  it('ORG-PARTY-REPS soft above 200, hard without approval, threshold counts probationary members', () => {
    expect(checkPartyReps({ ...base, fullMembers: 400, representatives: 250 }, LANZHOU).ok).toBe(true);
    const r = checkPartyReps({ fullMembers: 400, probationary: 0, representatives: 150, approved: false }, LANZHOU);
    expect(!r.ok && zh(r.violations[0]!)).toBe('召开党员代表大会须报区委组织部批准');
    expect(checkPartyReps({ fullMembers: 295, probationary: 6, representatives: 150, approved: true }, LANZHOU).ok).toBe(true);
    const t = checkPartyReps({ fullMembers: 300, probationary: 0, representatives: 150, approved: true }, LANZHOU);
    expect(!t.ok && zh(t.violations[0]!)).toBe('党员人数超过300名方可召开党员代表大会，实有党员300名');
    expect(checkPartyReps({ fullMembers: 500, probationary: 0, representatives: 150, approved: true }, buildProfile({ partyCongressThreshold: 500 })).ok).toBe(false);
  });
});

describe('ORG-RC-WOMAN', () => {
  const men = [
    { id: 'a', name: '王一', sex: 'male' as const },
    { id: 'b', name: '王二', sex: 'male' as const },
  ];
  const gansu = buildProfile({ womanRequired: true });
  it('ORG-RC-WOMAN required by the profile: no woman fails, one woman passes', () => {
    const r = checkWoman({ members: men }, gansu);
    expect(!r.ok && zh(r.violations[0]!)).toBe('居民委员会成员（共2名）中应至少有一名女性');
    expect(checkWoman({ members: [...men, { id: 'c', name: '李三', sex: 'female' }] }, gansu).ok).toBe(true);
    expect(checkWoman({ members: men }, LANZHOU).ok).toBe(true);
  });
  it('ORG-RC-WOMAN close relatives may not serve together', () => {
    const r = checkWoman({ members: men, closeRelatives: [['a', 'b'], ['a', 'z']] }, LANZHOU);
    expect(codes(r)).toEqual(['ORG-RC-WOMAN:relatives']);
    expect(!r.ok && zh(r.violations[0]!)).toBe('王一与王二为近亲属，不得同时担任居民委员会成员');
    expect(checkWoman({ members: men, closeRelatives: [['a', 'b']] }, buildProfile({ closeRelativesForbidden: false })).ok).toBe(true);
  });
});

describe('ORG-CROSS (figure)', () => {
  it('ORG-CROSS rate = both / either, exact, and 一肩挑', () => {
    const c = crossAppointment({ rcMembers: ['a', 'b', 'c', 'd', 'e'], partyMembers: ['a', 'b', 'f'], director: 'a', secretary: 'a' });
    expect(c).toEqual({ both: 2, either: 6, rate: { num: 2, den: 6 }, percent: 33.3, oneShoulder: true });
    expect(crossAppointment({ rcMembers: [], partyMembers: [] })).toMatchObject({ rate: { num: 0, den: 1 }, percent: 0, oneShoulder: false });
    expect(crossAppointment({ rcMembers: ['a'], partyMembers: ['b'], director: 'a', secretary: 'b' }).oneShoulder).toBe(false);
    expect(crossAppointmentNote(c)).toEqual({ rule: 'ORG-CROSS', status: 'pass', details: { both: 2, either: 6, rate: '2/6', percent: 33.3, oneShoulder: true } });
  });
  it('ORG-CROSS per street', () => {
    const a = crossAppointment({ rcMembers: ['a', 'b'], partyMembers: ['a'], director: 'a', secretary: 'a' });
    const b = crossAppointment({ rcMembers: ['x'], partyMembers: ['y'], director: 'x', secretary: 'y' });
    expect(crossAppointmentTotal([a, b])).toMatchObject({ both: 1, either: 4, rate: { num: 1, den: 4 }, percent: 25, oneShoulderCount: 1, oneShoulder: false, communities: 2 });
    expect(crossAppointmentTotal([])).toMatchObject({ percent: 0, oneShoulder: false });
  });
});

describe('MTH-KIND and MTH-DIRECT-SHARE', () => {
  it('MTH-KIND the three methods, as the profile allows', () => {
    expect(checkMethod('congress', LANZHOU).ok).toBe(true);
    expect(checkMethod('household', LANZHOU).ok).toBe(true);
    expect(checkMethod('household', YIWU).ok).toBe(false);
    const r = checkMethod('lottery', LANZHOU);
    expect(!r.ok && zh(r.violations[0]!)).toBe('选举方式“lottery”无效，应为居民代表会议、直接选举或户代表选举');
    expect((['congress', 'direct', 'household'] as ElectionMethod[]).map(quorumBaseOf)).toEqual(['representatives', 'voters', 'households']);
    expect(ELECTION_METHOD_LABELS_ZH.direct).toBe('全体选民直接选举');
  });

  const communities = (direct: number, other: number) => [
    ...Array.from({ length: direct }, () => ({ method: 'direct' as const })),
    ...Array.from({ length: other }, () => ({ method: 'congress' as const })),
  ];
  it.each([
    [5, 5, true], // exactly half
    [4, 6, false],
    [6, 4, true],
    [3, 4, false], // 3/7 < 1/2
    [4, 3, true],
  ])('MTH-DIRECT-SHARE yiwu %i direct of %i others: ok=%s', (d, o, ok) => {
    const r = checkDirectShare(communities(d, o), YIWU);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(zh(r.violations[0]!)).toBe(`${d + o}个社区中直接选举的有${d}个，不得少于二分之一`);
  });
  it('MTH-DIRECT-SHARE is off in lanzhou and for no communities', () => {
    expect(checkDirectShare(communities(0, 10), LANZHOU).ok).toBe(true);
    expect(checkDirectShare([], YIWU).ok).toBe(true);
  });
});
