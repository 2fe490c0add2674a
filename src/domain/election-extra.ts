/**
 * Stand-in rules for candidates, the meeting and the count, written while `candidates.ts`, `ordering.ts` and
 * `tally.ts` of the domain were not yet there. Pure: data in, `{ ok, value } | { ok: false, violations }` out.
 * Each function names the RULES.md code it implements; once the domain's own functions land, services switch
 * to them and this file goes.
 */
import cncharModule from 'cnchar';
import order from 'cnchar-order';

const cnchar = cncharModule as unknown as { use(...plugins: unknown[]): void; stroke(text: string): unknown };
cnchar.use(order);

export interface Violation {
  readonly rule: string;
  readonly severity: 'hard' | 'soft';
  readonly params: Readonly<Record<string, unknown>>;
}
export type Check<T = undefined> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly violations: readonly Violation[] };

const hard = (rule: string, params: Record<string, unknown>): Violation => ({ rule, severity: 'hard', params });
function result<T>(violations: Violation[], value: T): Check<T> {
  return violations.length ? { ok: false, violations } : { ok: true, value };
}

/** Reads a profile parameter; the lanzhou-2010 default otherwise. */
function param<T>(profile: unknown, key: string, fallback: T): T {
  const value = (profile as Record<string, unknown> | null | undefined)?.[key];
  return value === undefined || value === null ? fallback : (value as T);
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---------------------------------------------------------------- candidates

/** CAN-SURPLUS: at least ceil(seats × 1.2) and at least seats + 1 (exact integers). */
export function minCandidates(seats: number): number {
  return Math.max(seats + 1, Math.ceil((seats * 6) / 5));
}

export function checkSurplus(input: { profile: unknown; seats: number; candidates: number; ballot: 'secret' | 'show-of-hands' }): Check {
  const equalAllowed = param(input.profile, 'equalElectionByShowOfHands', true);
  if (input.ballot === 'show-of-hands') {
    if (!equalAllowed) return result([hard('MTG-SECRET', { ballot: input.ballot })], undefined);
    if (input.candidates !== input.seats) {
      return result([hard('MTG-SECRET', { ballot: input.ballot, seats: input.seats, candidates: input.candidates })], undefined);
    }
    return result([], undefined);
  }
  const required = minCandidates(input.seats);
  return result(input.candidates >= required ? [] : [hard('CAN-SURPLUS', { seats: input.seats, required, actual: input.candidates })], undefined);
}

/** CAN-LIST-NOTICE: published on or before election day − 5 calendar days. */
export function checkCandidateListNotice(input: { profile: unknown; publishedOn: string; electionDay: string }): Check {
  const required = param(input.profile, 'candidateListNoticeDays', 5);
  const actual = daysBetween(input.publishedOn, input.electionDay);
  return result(actual >= required ? [] : [hard('CAN-LIST-NOTICE', { required, actual, publishedOn: input.publishedOn, electionDay: input.electionDay })], undefined);
}

export interface NominatorFacts {
  readonly voterId: string;
  readonly registered: boolean;
  readonly householdNo: string | null;
  readonly nominationsInContest: number;
}

/** CAN-NOMINATION: who may nominate, how many jointly, and at most `seats` joint nominations per nominator. */
export function checkNomination(input: {
  profile: unknown;
  contest: string;
  basis: 'voters' | 'households' | 'group' | 'committee' | 'self';
  seats: number;
  candidateVoterId: string;
  nominators: readonly NominatorFacts[];
}): Check {
  const v: Violation[] = [];
  const minVoters = param(input.profile, 'nominationMinVoters', 10);
  const minHouseholds = param(input.profile, 'nominationMinHouseholds', 5);
  const selfAllowed = param(input.profile, 'selfNomination', false);
  const unregistered = input.nominators.filter((n) => !n.registered).map((n) => n.voterId);
  if (unregistered.length) v.push(hard('CAN-NOMINATION', { reason: 'nominator-not-registered', voterIds: unregistered }));
  switch (input.basis) {
    case 'voters':
      if (input.nominators.length < minVoters) v.push(hard('CAN-NOMINATION', { reason: 'too-few-voters', required: minVoters, actual: input.nominators.length }));
      break;
    case 'households': {
      const households = new Set(input.nominators.map((n) => n.householdNo ?? `voter:${n.voterId}`)).size;
      if (households < minHouseholds) v.push(hard('CAN-NOMINATION', { reason: 'too-few-households', required: minHouseholds, actual: households }));
      break;
    }
    case 'self':
      if (!selfAllowed) v.push(hard('CAN-NOMINATION', { reason: 'self-nomination-not-allowed' }));
      break;
    case 'group':
    case 'committee':
      break;
    default: {
      const never: never = input.basis;
      return never;
    }
  }
  const over = input.nominators.filter((n) => n.nominationsInContest >= input.seats).map((n) => n.voterId);
  if (over.length) v.push(hard('CAN-NOMINATION', { reason: 'nominator-over-cap', max: input.seats, voterIds: over }));
  return result(v, undefined);
}

export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const EDUCATION = ['primary', 'junior-high', 'high-school', 'college', 'bachelor', 'postgraduate'] as const;
const eduRank = (e: string | null) => (e ? EDUCATION.indexOf(e as (typeof EDUCATION)[number]) : -1);

/** CAN-ELIGIBLE, CAN-AGE-EDU (where the profile sets limits), ORG-RC-PUBLIC-DEPUTY. */
export function checkCandidateEligibility(input: {
  profile: unknown;
  contest: string;
  electionDay: string;
  candidate: {
    registered: boolean;
    birthDate: string;
    sex: 'male' | 'female';
    residency: string;
    education: string | null;
    incumbent: boolean;
    roles: readonly string[];
    partyMember: 'full' | 'probationary' | null;
  } | null;
}): Check {
  const c = input.candidate;
  if (!c || !c.registered) return result([hard('CAN-ELIGIBLE', { reason: 'not-registered' })], undefined);
  const v: Violation[] = [];
  if (input.contest === 'party' && c.partyMember !== 'full') v.push(hard('CAN-ELIGIBLE', { reason: 'not-full-party-member' }));
  const age = ageOn(c.birthDate, input.electionDay);
  const limits = param<{ newMale: number; newFemale: number; incumbentMale: number; incumbentFemale: number; newEducation: string; incumbentEducation: string } | null>(
    input.profile,
    'candidateAgeEdu',
    null,
  );
  if (limits && input.contest !== 'party') {
    const maxAge = c.incumbent ? (c.sex === 'male' ? limits.incumbentMale : limits.incumbentFemale) : c.sex === 'male' ? limits.newMale : limits.newFemale;
    const minEdu = c.incumbent ? limits.incumbentEducation : limits.newEducation;
    if (age > maxAge) v.push(hard('CAN-AGE-EDU', { reason: 'age', max: maxAge, actual: age }));
    if (eduRank(c.education) < eduRank(minEdu)) v.push(hard('CAN-AGE-EDU', { reason: 'education', required: minEdu, actual: c.education }));
  }
  if (c.roles.includes('public')) {
    const maxAge = param(input.profile, 'publicDeputyMaxAge', 50);
    if (input.contest !== 'deputy' && input.contest !== 'committee') v.push(hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'contest', contest: input.contest }));
    if (c.residency === 'worker') v.push(hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'not-resident' }));
    if (age > maxAge) v.push(hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'age', max: maxAge, actual: age }));
    if (eduRank(c.education) < eduRank('high-school')) v.push(hard('ORG-RC-PUBLIC-DEPUTY', { reason: 'education', required: 'high-school', actual: c.education }));
  }
  return result(v, undefined);
}

/** CAN-PRELIM-REPORT: reported by the round's deadline (lanzhou: 6 December of the election year), not in the future. */
export function checkPrelimReport(input: { profile: unknown; reportedOn: string; today: string; electionDay: string }): Check {
  const monthDay = param(input.profile, 'prelimReportDeadline', '12-06');
  const deadline = `${input.electionDay.slice(0, 4)}-${monthDay}`;
  const v: Violation[] = [];
  if (input.reportedOn > input.today) v.push(hard('CAN-PRELIM-REPORT', { reason: 'future', reportedOn: input.reportedOn, today: input.today }));
  if (input.reportedOn > deadline) v.push(hard('CAN-PRELIM-REPORT', { reason: 'late', deadline, reportedOn: input.reportedOn }));
  return result(v, undefined);
}

/** CAN-WITHDRAW: until `withdrawCloseDays` (3) days before election day. */
export function checkWithdrawal(input: { profile: unknown; on: string; electionDay: string }): Check {
  const required = param(input.profile, 'withdrawCloseDays', 3);
  const actual = daysBetween(input.on, input.electionDay);
  return result(actual >= required ? [] : [hard('CAN-WITHDRAW', { required, actual, on: input.on, electionDay: input.electionDay })], undefined);
}

/** CAN-WITHDRAW: the vacancy goes to the first preliminary nominee in nomination order. */
export function backfillCandidate(input: { preliminary: readonly { id: string; seq: number }[] }): { id: string } | null {
  const next = [...input.preliminary].sort((a, b) => a.seq - b.seq)[0];
  return next ? { id: next.id } : null;
}

const strokes = (ch: string): number => {
  const n = cnchar.stroke(ch) as unknown;
  return typeof n === 'number' ? n : 99;
};

/** CAN-ORDER: by the stroke count of the surname, ties by the strokes of the rest of the name, then code point. */
export function orderCandidates<T extends { id: string; name: string }>(input: { candidates: readonly T[]; profile?: unknown }): T[] {
  const key = (name: string) => [...name].map(strokes);
  return [...input.candidates].sort((a, b) => {
    const ka = key(a.name);
    const kb = key(b.name);
    for (let i = 0; i < Math.max(ka.length, kb.length); i += 1) {
      const d = (ka[i] ?? -1) - (kb[i] ?? -1);
      if (d !== 0) return d;
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

// ---------------------------------------------------------------- meeting

/** MTG-QUORUM-RC: more than half; MTG-QUORUM-PARTY: more than 4/5 of those who should attend. */
export function checkQuorum(input: { kind: 'rc' | 'party'; base: string; expected: number; present: number }): Check {
  if (input.kind === 'party') {
    const ok = 5 * input.present > 4 * input.expected;
    return result(ok ? [] : [hard('MTG-QUORUM-PARTY', { expected: input.expected, present: input.present, required: '> 4/5' })], undefined);
  }
  const ok = 2 * input.present > input.expected;
  return result(ok ? [] : [hard('MTG-QUORUM-RC', { base: input.base, expected: input.expected, present: input.present, required: '> 1/2' })], undefined);
}

/** MTG-BOXES: every polling station and mobile box has at least 3 monitors. */
export function checkBoxes(boxes: readonly { name: string; kind: 'main' | 'station' | 'mobile'; monitors: number }[]): Check {
  const v = boxes
    .filter((b) => b.kind !== 'main' && b.monitors < 3)
    .map((b) => hard('MTG-BOXES', { box: b.name, kind: b.kind, required: 3, actual: b.monitors }));
  return result(v, undefined);
}

/** MTG-PROXY: none at party elections; one proxy per giver; at most `proxyMax` per holder; no candidate holds one. */
export function checkProxies(input: {
  meetingKind: 'rc' | 'party';
  profile: unknown;
  existing: readonly { giverVoterId: string; holderVoterId: string }[];
  proposed: { giverVoterId: string; holderVoterId: string };
  candidateVoterIds: readonly string[];
}): Check {
  const max = param(input.profile, 'proxyMax', 3);
  const { giverVoterId, holderVoterId } = input.proposed;
  const v: Violation[] = [];
  if (input.meetingKind === 'party') v.push(hard('MTG-PROXY', { reason: 'party-election' }));
  if (giverVoterId === holderVoterId) v.push(hard('MTG-PROXY', { reason: 'self' }));
  if (input.existing.some((p) => p.giverVoterId === giverVoterId)) v.push(hard('MTG-PROXY', { reason: 'giver-already-gave' }));
  const held = input.existing.filter((p) => p.holderVoterId === holderVoterId).length;
  if (held >= max) v.push(hard('MTG-PROXY', { reason: 'holder-over-max', max, actual: held + 1 }));
  if (input.candidateVoterIds.includes(holderVoterId)) v.push(hard('MTG-PROXY', { reason: 'holder-is-candidate' }));
  return result(v, undefined);
}

/** MTG-RECUSAL: no candidate, nor a candidate's close relative, monitors, calls or counts. */
export function checkRecusal(input: {
  staff: { voterId: string | null; duty: string; relativeVoterIds: readonly string[] };
  candidateVoterIds: readonly string[];
}): Check {
  const v: Violation[] = [];
  if (input.staff.voterId && input.candidateVoterIds.includes(input.staff.voterId)) v.push(hard('MTG-RECUSAL', { reason: 'candidate', duty: input.staff.duty }));
  if (input.staff.relativeVoterIds.some((id) => input.candidateVoterIds.includes(id))) v.push(hard('MTG-RECUSAL', { reason: 'relative', duty: input.staff.duty }));
  return result(v, undefined);
}

/** MTG-SECRET: competitive elections by secret ballot; show of hands only for an equal election where allowed. */
export function checkSecretBallot(input: { ballot: 'secret' | 'show-of-hands'; seats: number; candidates: number; profile: unknown }): Check {
  if (input.ballot === 'secret') return result([], undefined);
  const allowed = param(input.profile, 'equalElectionByShowOfHands', true);
  const ok = allowed && input.candidates === input.seats;
  return result(ok ? [] : [hard('MTG-SECRET', { seats: input.seats, candidates: input.candidates, ballot: input.ballot })], undefined);
}

// ---------------------------------------------------------------- tally

export interface SheetFigures {
  readonly issued: number;
  readonly returned: number;
  readonly invalid: number;
  readonly overvoted?: number;
  /** Stated valid ballots, when the sheet has the line; otherwise returned − invalid. */
  readonly valid?: number;
  readonly votes: Readonly<Record<string, number>>;
}

/** CNT-ARITH: returned = valid + invalid; no one above the valid ballots; votes ≤ valid × seats. */
export function checkTallySheet(input: SheetFigures & { seats: number; candidateIds: readonly string[] }): Check<{ valid: number }> {
  const valid = input.valid ?? input.returned - input.invalid;
  const v: Violation[] = [];
  if (valid < 0 || valid + input.invalid !== input.returned) {
    v.push(hard('CNT-ARITH', { equation: 'returned = valid + invalid', returned: input.returned, valid, invalid: input.invalid }));
  }
  if ((input.overvoted ?? 0) > input.invalid) {
    v.push(hard('CNT-ARITH', { equation: 'overvoted ≤ invalid', overvoted: input.overvoted, invalid: input.invalid }));
  }
  for (const [key, n] of Object.entries(input.votes)) {
    if (n > Math.max(valid, 0)) v.push(hard('CNT-ARITH', { equation: 'votes ≤ valid', candidate: key, votes: n, valid }));
  }
  const total = Object.values(input.votes).reduce((a, b) => a + b, 0);
  if (total > Math.max(valid, 0) * input.seats) {
    v.push(hard('CNT-ARITH', { equation: 'sum(votes) ≤ valid × seats', total, valid, seats: input.seats }));
  }
  return result(v, { valid });
}

/** CNT-DOUBLE-ENTRY: two typings of a sheet, field by field. */
export function compareEntries(a: SheetFigures, b: SheetFigures): { equal: boolean; mismatches: { field: string; a: number | null; b: number | null }[] } {
  const mismatches: { field: string; a: number | null; b: number | null }[] = [];
  for (const field of ['issued', 'returned', 'invalid', 'overvoted'] as const) {
    const x = a[field] ?? 0;
    const y = b[field] ?? 0;
    if (x !== y) mismatches.push({ field, a: x, b: y });
  }
  const keys = [...new Set([...Object.keys(a.votes), ...Object.keys(b.votes)])].sort();
  for (const key of keys) {
    const x = a.votes[key] ?? 0;
    const y = b.votes[key] ?? 0;
    if (x !== y) mismatches.push({ field: `votes.${key}`, a: a.votes[key] ?? null, b: b.votes[key] ?? null });
  }
  return { equal: mismatches.length === 0, mismatches };
}

export interface Totals {
  readonly issued: number;
  readonly returned: number;
  readonly valid: number;
  readonly invalid: number;
  readonly overvoted: number;
  readonly votes: Readonly<Record<string, number>>;
}

export function sumSheets(sheets: readonly SheetFigures[]): Totals {
  const votes: Record<string, number> = {};
  let issued = 0;
  let returned = 0;
  let invalid = 0;
  let overvoted = 0;
  for (const s of sheets) {
    issued += s.issued;
    returned += s.returned;
    invalid += s.invalid;
    overvoted += s.overvoted ?? 0;
    for (const [k, n] of Object.entries(s.votes)) votes[k] = (votes[k] ?? 0) + n;
  }
  return { issued, returned, valid: returned - invalid, invalid, overvoted, votes };
}

export interface Decision {
  readonly valid: boolean;
  readonly votes: { candidateId?: string; name: string; votes: number; writeIn: boolean }[];
  readonly ranking: { rank: number; candidateId?: string; name: string; votes: number; reachedThreshold: boolean; elected: boolean }[];
  readonly elected: { candidateId?: string; name: string; votes: number }[];
  readonly tie?: { votes: number; seats: number; people: { candidateId?: string; name: string }[] };
  readonly revote?: { seats: number; candidates: { id: string; name: string }[] };
  readonly runoff?: { seats: number; candidates: { id: string; name: string }[] };
  readonly vacancies: number;
  readonly rules: { rule: string; outcome: string; params: Record<string, unknown> }[];
}

/**
 * CNT-BALLOTS, CNT-WRITEIN, CNT-OVERVOTE, CNT-MAJORITY-RC/-PARTY, CNT-RANK, CNT-RUNOFF for one contest.
 * `present`/`expected` are the base of the majority (officers: the members of the new committee).
 */
export function decideContest(input: {
  kind: 'rc' | 'party';
  stage: 'main' | 'revote' | 'runoff' | 'officers';
  seats: number;
  candidates: readonly { id: string; name: string }[];
  totals: Totals;
  present: number;
  expected: number;
  profile: unknown;
}): Decision {
  const { totals, seats } = input;
  const rules: Decision['rules'] = [];
  const names = new Map(input.candidates.map((c) => [c.id, c.name]));
  type Line = { candidateId?: string; name: string; votes: number; writeIn: boolean };
  const votes: Line[] = [
    ...input.candidates.map((c) => ({ candidateId: c.id, name: c.name, votes: totals.votes[c.id] ?? 0, writeIn: false })),
    ...Object.entries(totals.votes)
      .filter(([k]) => !names.has(k))
      .map(([name, n]) => ({ name, votes: n, writeIn: true })),
  ].sort((a, b) => b.votes - a.votes || (a.writeIn === b.writeIn ? 0 : a.writeIn ? 1 : -1));
  const person = (p: { candidateId?: string; name: string }) => (p.candidateId ? { candidateId: p.candidateId, name: p.name } : { name: p.name });

  const valid = totals.returned <= totals.issued;
  rules.push({ rule: 'CNT-BALLOTS', outcome: valid ? 'valid' : 'void', params: { issued: totals.issued, returned: totals.returned } });
  if (totals.overvoted > 0) rules.push({ rule: 'CNT-OVERVOTE', outcome: 'excluded', params: { overvoted: totals.overvoted } });
  const writeIns = votes.filter((v) => v.writeIn);
  if (writeIns.length) rules.push({ rule: 'CNT-WRITEIN', outcome: 'counted', params: { names: writeIns.map((w) => w.name) } });
  if (!valid) {
    return {
      valid,
      votes,
      ranking: [],
      elected: [],
      revote: { seats, candidates: input.candidates.map((c) => ({ id: c.id, name: c.name })) },
      vacancies: seats,
      rules,
    };
  }

  // Who reaches the threshold of this stage.
  let reaches: (n: number) => boolean;
  if (input.stage === 'runoff') {
    const share = param(input.profile, 'runoffMinShare', [1, 3]) as [number, number];
    reaches = (n) => n > 0 && share[1] * n >= share[0] * totals.valid;
    rules.push({ rule: 'CNT-RUNOFF', outcome: 'threshold', params: { share: `${share[0]}/${share[1]}`, valid: totals.valid } });
  } else if (input.stage === 'revote') {
    reaches = (n) => n > 0;
    rules.push({ rule: 'CNT-RANK', outcome: 'revote-most-votes', params: {} });
  } else {
    const partyBase = param<string>(input.profile, 'partyMajorityBase', 'present');
    const base = input.kind === 'party' && input.stage !== 'officers' && partyBase === 'expected' ? input.expected : input.present;
    reaches = (n) => 2 * n > base;
    rules.push({
      rule: input.kind === 'party' ? 'CNT-MAJORITY-PARTY' : 'CNT-MAJORITY-RC',
      outcome: 'threshold',
      params: { base, required: `> ${base}/2` },
    });
  }

  const qualified = votes.filter((v) => reaches(v.votes));
  let elected = qualified;
  let tie: Decision['tie'];
  let revote: Decision['revote'];
  if (qualified.length > seats) {
    const last = qualified[seats - 1]!.votes;
    const above = qualified.filter((v) => v.votes > last);
    const tied = qualified.filter((v) => v.votes === last);
    if (above.length + tied.length > seats) {
      elected = above;
      tie = { votes: last, seats: seats - above.length, people: tied.map(person) };
      revote = { seats: seats - above.length, candidates: tied.map((t) => ({ id: t.candidateId ?? t.name, name: t.name })) };
      rules.push({ rule: 'CNT-RANK', outcome: 'tie', params: { votes: last, seats: seats - above.length, tied: tied.length } });
    } else {
      elected = qualified.slice(0, seats);
      rules.push({ rule: 'CNT-RANK', outcome: 'most-votes', params: { qualified: qualified.length, seats } });
    }
  }
  const electedSet = new Set(elected);
  const unfilled = seats - elected.length - (tie ? tie.seats : 0);
  let runoff: Decision['runoff'];
  if (unfilled > 0 && input.stage === 'main') {
    const pool = votes.filter((v) => !v.writeIn && !electedSet.has(v) && !qualified.includes(v));
    const size = Math.min(pool.length, minCandidates(unfilled));
    if (pool.length > 0) {
      runoff = { seats: unfilled, candidates: pool.slice(0, size).map((p) => ({ id: p.candidateId!, name: p.name })) };
      rules.push({ rule: 'CNT-RUNOFF', outcome: 'runoff', params: { seats: unfilled, candidates: size } });
    }
  }
  const vacancies = runoff || tie ? 0 : Math.max(0, unfilled);
  if (vacancies > 0) rules.push({ rule: 'CNT-RUNOFF', outcome: 'vacant', params: { vacancies } });
  let rank = 0;
  return {
    valid,
    votes,
    ranking: votes.map((v) => ({
      rank: (rank += 1),
      ...person(v),
      votes: v.votes,
      reachedThreshold: reaches(v.votes),
      elected: electedSet.has(v),
    })),
    elected: elected.map((e) => ({ ...person(e), votes: e.votes })),
    ...(tie ? { tie } : {}),
    ...(revote ? { revote } : {}),
    ...(runoff ? { runoff } : {}),
    vacancies,
    rules,
  };
}

/** PTY-OFFICERS: secretary and deputies from among the elected committee, as many candidates as posts. */
export function checkOfficerElection(input: {
  committee: readonly { id: string; name: string }[];
  complete: boolean;
  secretary: readonly string[];
  deputySecretaries: readonly string[];
}): Check {
  const v: Violation[] = [];
  if (!input.complete) v.push(hard('PTY-OFFICERS', { reason: 'committee-not-elected' }));
  const members = new Set(input.committee.map((c) => c.id));
  const all = [...input.secretary, ...input.deputySecretaries];
  const outside = all.filter((id) => !members.has(id));
  if (outside.length) v.push(hard('PTY-OFFICERS', { reason: 'not-a-member', ids: outside }));
  if (new Set(all).size !== all.length) v.push(hard('PTY-OFFICERS', { reason: 'duplicate' }));
  if (input.secretary.length !== 1) v.push(hard('PTY-OFFICERS', { reason: 'one-secretary', actual: input.secretary.length }));
  return result(v, undefined);
}
