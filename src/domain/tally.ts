/**
 * The meeting and the count: MTG-QUORUM-RC, MTG-QUORUM-PARTY, MTG-BOXES, MTG-PROXY, MTG-RECUSAL, CNT-ARITH,
 * CNT-DOUBLE-ENTRY, CNT-BALLOTS, CNT-OVERVOTE, CNT-WRITEIN, CNT-MAJORITY-RC, CNT-MAJORITY-PARTY, CNT-RANK,
 * CNT-RUNOFF, CNT-ANNOUNCE, PTY-OFFICERS. Exact integer comparisons at every threshold.
 *
 * Decisions documented here:
 * - Majority (main stage): votes × den > num × base, base = those present (rc: representatives attending or voters
 *   who voted; party: `partyMajorityBase` = present or expected). The caller passes the figures.
 * - Re-vote among the tied (stage `revote`): only the tied candidates can win; most votes win (they already had the
 *   majority in the main vote); a new tie needs another re-vote.
 * - Further vote (stage `runoff`, 另行选举): votes × den ≥ num × ballots cast (returned ballots, valid and invalid)
 *   with `runoffMinShare` (1/3), and the most votes. Run-off candidates are the non-elected official candidates with
 *   the most votes (write-ins excluded), minCandidates(remaining seats) of them, extended to everyone tied at the cut.
 *   A party run-off (另行选举 of a party election) needs the same majority as the first ballot (CNT-MAJORITY-PARTY,
 *   the party's own rule), never the RC's `runoffMinShare`.
 * - Write-ins (另选他人, CNT-WRITEIN): counted and reported by name; one elects only when the caller names it among
 *   `eligibleWriteIns` (a registered, eligible voter of the community). The seat an ineligible write-in would have
 *   taken goes to the run-off among the official candidates, or stays vacant.
 * - Order independence: ranking ties are broken by CAN-ORDER (name strokes) and then the key, never input order.
 */
import { minCandidatesFor, formatFraction, formatFractionZh, moreThanFraction, atLeastFraction, shareZh, type Fraction, type Profile } from './profile.js';
import type { CheckStatus } from './checks.js';
import { compareNames } from './ordering.js';
import { hard, okResult, resultOf, type Params, type RuleCode, type RuleResult, type Violation } from './violations.js';

// ------------------------------------------------------------------------------------------------ types

export interface TallySheet {
  readonly box: string;
  readonly issued: number;
  readonly returned: number;
  readonly invalid: number;
  /** Stated valid ballots when the paper sheet has the line; otherwise valid = returned − invalid. */
  readonly valid?: number;
  /** Candidate id or write-in name → votes. */
  readonly votes: Readonly<Record<string, number>>;
}

export interface Totals {
  readonly boxes: number;
  readonly issued: number;
  readonly returned: number;
  readonly invalid: number;
  readonly valid: number;
  readonly votes: Readonly<Record<string, number>>;
}

export type ContestKind = 'rc' | 'party';
export type Stage = 'main' | 'runoff' | 'revote';

export interface ContestSpec {
  readonly seats: number;
  readonly candidates: readonly { readonly id: string; readonly name: string }[];
  readonly kind: ContestKind;
  readonly stage: Stage;
  /** Members already elected to the committee in earlier stages (for the run-off's minimum, CNT-RUNOFF). */
  readonly alreadyElected?: number;
}

export type BaseKind = 'representatives' | 'voters' | 'households' | 'party-members';

export interface MeetingBase {
  readonly base: BaseKind;
  readonly expected: number;
  readonly present: number;
}

export interface RuleLine {
  readonly rule: RuleCode;
  readonly status: CheckStatus;
  readonly details: Params;
}

// ------------------------------------------------------------------------------------------------ MTG-QUORUM-*

/**
 * MTG-QUORUM-RC: more than rcQuorum (1/2) of the base (representatives, registered voters or households) take part.
 * MTG-QUORUM-PARTY: voting members present more than partyQuorum (4/5) of those who should attend (full members
 * only: pass the counts without probationary members).
 */
export function checkQuorum(input: { readonly kind: ContestKind } & MeetingBase, profile: Profile): RuleResult<{ quorate: boolean }> {
  const f = input.kind === 'party' ? profile.partyQuorum : profile.rcQuorum;
  if (moreThanFraction(input.present, input.expected, f) && input.present > 0) return okResult({ quorate: true });
  const rule: RuleCode = input.kind === 'party' ? 'MTG-QUORUM-PARTY' : 'MTG-QUORUM-RC';
  const params = { base: input.base, expected: input.expected, present: input.present, required: `> ${formatFraction(f)}`, share: formatFraction(f), shareZh: shareZh(f) };
  return resultOf({ quorate: false }, [hard(rule, params)], profile);
}

/**
 * The categories of party members who, with the higher party organisation's approval, are not counted among those
 * who should attend (2020《中国共产党基层组织选举工作条例》): illness that prevents expressing one's will, abroad
 * more than half a year, under investigation (立案审查), membership rights suspended, posted away (外出/派驻).
 */
export const EXCUSE_REASONS = ['illness', 'abroad', 'investigation', 'suspended', 'posted'] as const;
export type ExcuseReason = (typeof EXCUSE_REASONS)[number];

export interface Excused {
  readonly memberId: string;
  readonly reason: ExcuseReason;
  /** Who in the higher party organisation approved it (经上级党组织同意). */
  readonly approvedBy: string;
}

/**
 * MTG-QUORUM-PARTY: who should attend (应到) a party election meeting: the full members less those excused with the
 * higher organisation's approval, each in one of `EXCUSE_REASONS`. An excused person who is not a full member of the
 * organisation, excused twice, or without an approval is refused.
 */
export function partyExpected(input: { readonly fullMemberIds: readonly string[]; readonly excused: readonly Excused[] }): RuleResult<{ expected: number; excused: number }> {
  const members = new Set(input.fullMemberIds);
  const seen = new Set<string>();
  const issues: Violation[] = [];
  for (const e of input.excused) {
    if (!members.has(e.memberId)) issues.push(hard('MTG-QUORUM-PARTY', { reason: 'excused-not-member', member: e.memberId }));
    else if (seen.has(e.memberId)) issues.push(hard('MTG-QUORUM-PARTY', { reason: 'excused-twice', member: e.memberId }));
    if (!(EXCUSE_REASONS as readonly string[]).includes(e.reason)) issues.push(hard('MTG-QUORUM-PARTY', { reason: 'excused-reason', given: e.reason }));
    if (!e.approvedBy.trim()) issues.push(hard('MTG-QUORUM-PARTY', { reason: 'excused-no-approval', member: e.memberId }));
    seen.add(e.memberId);
  }
  return resultOf({ expected: members.size - seen.size, excused: seen.size }, issues);
}

// ------------------------------------------------------------------------------------------------ MTG-BOXES

export interface BallotBox {
  readonly name: string;
  readonly kind: 'main' | 'station' | 'mobile';
  readonly monitors: number;
  /** Opened and counted at the main meeting (once the count has happened). */
  readonly counted?: boolean;
}

/** MTG-BOXES: a main-meeting box exists; stations and mobile boxes have ≥ monitorsPerBox (3); every box is counted. */
export function checkBoxes(boxes: readonly BallotBox[], profile: Profile): RuleResult<null> {
  const issues: Violation[] = [];
  if (!boxes.some((b) => b.kind === 'main')) issues.push(hard('MTG-BOXES', { reason: 'no-main' }));
  for (const b of boxes) {
    if (b.kind !== 'main' && b.monitors < profile.monitorsPerBox) {
      issues.push(hard('MTG-BOXES', { reason: 'monitors', box: b.name, kind: b.kind, required: profile.monitorsPerBox, actual: b.monitors }));
    }
    if (b.counted === false) issues.push(hard('MTG-BOXES', { reason: 'not-counted', box: b.name }));
  }
  return resultOf(null, issues, profile);
}

// ------------------------------------------------------------------------------------------------ MTG-PROXY

export interface Proxy {
  readonly giver: string;
  readonly holder: string;
  /** Written and approved by the election committee. */
  readonly approved?: boolean;
}

/**
 * MTG-PROXY: no proxies at party elections; written and approved; one proxy per giver, not to oneself; a holder has
 * at most proxyMax (3); a candidate holds none. The list of givers and holders is what gets published.
 */
export function checkProxies(
  proxies: readonly Proxy[],
  context: { readonly candidates: readonly string[]; readonly kind: ContestKind },
  profile: Profile,
): RuleResult<{ published: readonly { giver: string; holder: string }[] }> {
  const issues: Violation[] = [];
  if (context.kind === 'party' && !profile.partyProxyAllowed && proxies.length > 0) issues.push(hard('MTG-PROXY', { reason: 'party', count: proxies.length }));
  const candidates = new Set(context.candidates);
  const givers = new Set<string>();
  const held = new Map<string, number>();
  for (const p of proxies) {
    if (p.giver === p.holder) issues.push(hard('MTG-PROXY', { reason: 'self', giver: p.giver }));
    if (givers.has(p.giver)) issues.push(hard('MTG-PROXY', { reason: 'giver-twice', giver: p.giver }));
    givers.add(p.giver);
    if (p.approved === false) issues.push(hard('MTG-PROXY', { reason: 'not-approved', giver: p.giver, holder: p.holder }));
    held.set(p.holder, (held.get(p.holder) ?? 0) + 1);
  }
  for (const [holder, count] of held) {
    if (count > profile.proxyMax) issues.push(hard('MTG-PROXY', { reason: 'holder-over-max', holder, actual: count, max: profile.proxyMax }));
    if (candidates.has(holder)) issues.push(hard('MTG-PROXY', { reason: 'holder-is-candidate', holder }));
  }
  return resultOf({ published: proxies.map((p) => ({ giver: p.giver, holder: p.holder })) }, issues, profile);
}

// ------------------------------------------------------------------------------------------------ MTG-RECUSAL

export type Duty = 'monitor' | 'caller' | 'counter';

/** MTG-RECUSAL: no candidate, nor a candidate's close relative, is a monitor, caller or counter. */
export function checkRecusal(input: {
  readonly staff: readonly { readonly person: string; readonly name?: string; readonly duty: Duty; readonly relativeOf?: readonly string[] }[];
  readonly candidates: readonly { readonly id: string; readonly name: string }[];
}): RuleResult<null> {
  const byId = new Map(input.candidates.map((c) => [c.id, c.name]));
  const issues: Violation[] = [];
  for (const s of input.staff) {
    const who = s.name ?? s.person;
    if (byId.has(s.person)) issues.push(hard('MTG-RECUSAL', { reason: 'candidate', person: who, duty: s.duty }));
    for (const rel of s.relativeOf ?? []) {
      const candidate = byId.get(rel);
      if (candidate !== undefined) issues.push(hard('MTG-RECUSAL', { reason: 'relative', person: who, candidate, duty: s.duty }));
    }
  }
  return resultOf(null, issues);
}

// ------------------------------------------------------------------------------------------------ CNT-OVERVOTE, CNT-WRITEIN

export type BallotStatus = 'valid' | 'blank' | 'invalid';

/**
 * CNT-OVERVOTE for one ballot and one contest: more distinct marks (write-ins included) than seats → invalid;
 * blank → valid, counted as cast, an abstention.
 */
export function checkBallot(marks: readonly string[], seats: number): RuleResult<{ status: BallotStatus; chosen: readonly string[] }> {
  const chosen = [...new Set(marks.map((m) => m.trim()).filter((m) => m.length > 0))];
  if (chosen.length > seats) {
    return { ok: false, violations: [hard('CNT-OVERVOTE', { marks: chosen.length, seats })], warnings: [] };
  }
  return okResult({ status: chosen.length === 0 ? 'blank' : 'valid', chosen });
}

/** CNT-WRITEIN: a written-in person must be eligible (a registered voter with political rights). */
export function checkWriteIn(input: { readonly name: string; readonly eligible: boolean }): RuleResult<null> {
  return input.eligible ? okResult(null) : resultOf(null, [hard('CNT-WRITEIN', { name: input.name })]);
}

// ------------------------------------------------------------------------------------------------ CNT-ARITH

function arith(equation: string, equationZh: string, extra: Record<string, string | number> = {}): Violation {
  return hard('CNT-ARITH', { equation, equationZh, ...extra });
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * CNT-ARITH: returned = valid + invalid (valid = returned − invalid ≥ 0 unless stated); no candidate above the
 * valid ballots; the sum of the votes (write-ins included) ≤ valid × seats. Every failing equation is named.
 */
export function checkTallySheet(
  sheet: TallySheet,
  contest: { readonly seats: number; readonly validCandidateIds?: readonly string[] },
): RuleResult<{ valid: number; writeIns: readonly string[] }> {
  const issues: Violation[] = [];
  for (const field of ['issued', 'returned', 'invalid'] as const) {
    if (!isCount(sheet[field])) issues.push(arith(`${field} is a whole number ≥ 0 (${sheet[field]})`, `${FIELD_ZH[field]}(${sheet[field]})应为非负整数`));
  }
  for (const [key, n] of Object.entries(sheet.votes)) {
    if (!isCount(n)) issues.push(arith(`votes of ${key} is a whole number ≥ 0 (${n})`, `${key}得票(${n})应为非负整数`));
  }
  const valid = sheet.valid ?? sheet.returned - sheet.invalid;
  if (sheet.valid !== undefined && sheet.returned !== sheet.valid + sheet.invalid) {
    issues.push(
      arith(
        `returned (${sheet.returned}) ≠ valid (${sheet.valid}) + invalid (${sheet.invalid})`,
        `收回票数(${sheet.returned}) ≠ 有效票(${sheet.valid}) + 无效票(${sheet.invalid})`,
      ),
    );
  } else if (valid < 0) {
    issues.push(arith(`invalid (${sheet.invalid}) > returned (${sheet.returned})`, `无效票(${sheet.invalid}) > 收回票数(${sheet.returned})`));
  }
  const validOrZero = Math.max(valid, 0);
  let total = 0;
  for (const [key, n] of Object.entries(sheet.votes)) {
    total += n;
    if (n > validOrZero) issues.push(arith(`votes of ${key} (${n}) > valid (${validOrZero})`, `${key}得票(${n}) > 有效票(${validOrZero})`, { candidate: key }));
  }
  if (total > validOrZero * contest.seats) {
    issues.push(
      arith(
        `sum of votes (${total}) > valid (${validOrZero}) × seats (${contest.seats})`,
        `得票总数(${total}) > 有效票(${validOrZero}) × 应选名额(${contest.seats})`,
      ),
    );
  }
  const known = contest.validCandidateIds ? new Set(contest.validCandidateIds) : null;
  const writeIns = known ? Object.keys(sheet.votes).filter((k) => !known.has(k)).sort() : [];
  return resultOf({ valid, writeIns }, issues);
}

/**
 * CNT-BALLOTS on one box's sheet: more ballots returned than issued (the contest's vote is void and held again). At
 * entry it is an error to be checked against the paper before the sheet goes on.
 */
export function checkSheetBallots(sheet: Pick<TallySheet, 'issued' | 'returned'>): RuleResult<null> {
  if (sheet.returned <= sheet.issued) return okResult(null);
  return resultOf(null, [
    hard('CNT-BALLOTS', {
      issued: sheet.issued,
      returned: sheet.returned,
      equation: `returned (${sheet.returned}) > issued (${sheet.issued})`,
      equationZh: `收回选票(${sheet.returned}) > 发出选票(${sheet.issued})`,
    }),
  ]);
}

const FIELD_ZH = { issued: '发出票数', returned: '收回票数', invalid: '无效票', valid: '有效票' } as const;

// ------------------------------------------------------------------------------------------------ CNT-DOUBLE-ENTRY

export interface EntryMismatch {
  readonly field: string;
  readonly a: number | null;
  readonly b: number | null;
}

/** CNT-DOUBLE-ENTRY: the two entries of one sheet, field by field (a vote missing on one side is null). */
export function compareEntries(a: TallySheet, b: TallySheet): { equal: boolean; mismatches: readonly EntryMismatch[] } {
  const mismatches: EntryMismatch[] = [];
  if (a.box !== b.box) mismatches.push({ field: 'box', a: null, b: null });
  for (const field of ['issued', 'returned', 'invalid'] as const) {
    if (a[field] !== b[field]) mismatches.push({ field, a: a[field], b: b[field] });
  }
  if ((a.valid ?? null) !== (b.valid ?? null)) mismatches.push({ field: 'valid', a: a.valid ?? null, b: b.valid ?? null });
  const keys = [...new Set([...Object.keys(a.votes), ...Object.keys(b.votes)])].sort();
  for (const key of keys) {
    const x = a.votes[key] ?? null;
    const y = b.votes[key] ?? null;
    if ((x ?? 0) !== (y ?? 0)) mismatches.push({ field: `votes.${key}`, a: x, b: y });
  }
  return { equal: mismatches.length === 0, mismatches };
}

/** CNT-DOUBLE-ENTRY: two entries by different scrutineers with the same figures confirm the sheet. */
export function checkDoubleEntry(input: {
  readonly first: TallySheet;
  readonly second: TallySheet;
  readonly firstBy: string;
  readonly secondBy: string;
}): RuleResult<{ confirmed: TallySheet; mismatches: readonly EntryMismatch[] }> {
  const { mismatches } = compareEntries(input.first, input.second);
  const issues: Violation[] = [];
  if (input.firstBy === input.secondBy) issues.push(hard('CNT-DOUBLE-ENTRY', { reason: 'same-scrutineer', scrutineer: input.firstBy }));
  if (mismatches.length > 0) {
    issues.push(
      hard('CNT-DOUBLE-ENTRY', {
        reason: 'mismatch',
        fields: mismatches.map((m) => `${m.field}: ${m.a ?? '—'} / ${m.b ?? '—'}`).join('; '),
        fieldsZh: mismatches.map((m) => `${fieldZh(m.field)}：${m.a ?? '—'} / ${m.b ?? '—'}`).join('；'),
      }),
    );
  }
  return resultOf({ confirmed: input.first, mismatches }, issues);
}

function fieldZh(field: string): string {
  if (field.startsWith('votes.')) return `${field.slice(6)}得票`;
  return field in FIELD_ZH ? FIELD_ZH[field as keyof typeof FIELD_ZH] : field === 'box' ? '票箱' : field;
}

// ------------------------------------------------------------------------------------------------ sums

/** Sums confirmed per-box sheets of one contest. */
export function sumSheets(sheets: readonly TallySheet[]): Totals {
  let issued = 0;
  let returned = 0;
  let invalid = 0;
  let valid = 0;
  const votes = new Map<string, number>();
  for (const s of sheets) {
    issued += s.issued;
    returned += s.returned;
    invalid += s.invalid;
    valid += s.valid ?? s.returned - s.invalid;
    for (const [k, n] of Object.entries(s.votes)) votes.set(k, (votes.get(k) ?? 0) + n);
  }
  const sorted: Record<string, number> = {};
  for (const k of [...votes.keys()].sort()) sorted[k] = votes.get(k)!;
  return { boxes: sheets.length, issued, returned, invalid, valid, votes: sorted };
}

// ------------------------------------------------------------------------------------------------ decide

export interface RankedLine {
  readonly key: string;
  readonly name: string;
  readonly votes: number;
  readonly writeIn: boolean;
  /** Reached the threshold of the stage (majority, run-off share, or any vote in a re-vote). */
  readonly majority: boolean;
  readonly elected: boolean;
  readonly rank: number;
}

export interface Person {
  readonly key: string;
  readonly name: string;
  readonly votes: number;
  readonly writeIn: boolean;
}

export interface ContestDecision {
  readonly status: 'void' | 'decided';
  readonly reason?: 'returned-exceeds-issued';
  readonly totals: Totals;
  readonly ranking: readonly RankedLine[];
  readonly elected: readonly Person[];
  /** A tie at the last seat(s): a re-vote among `people` for `seats`. */
  readonly tie?: { readonly votes: number; readonly seats: number; readonly people: readonly Person[] };
  /** A further vote (另行选举) for the seats left unfilled after the main vote. */
  readonly runoff?: {
    readonly seats: number;
    readonly candidates: readonly { readonly id: string; readonly name: string; readonly votes: number }[];
    readonly minShare: { readonly num: number; readonly den: number };
  };
  readonly vacancies: number;
  readonly rules: readonly RuleLine[];
  /** Hard breaches (CNT-BALLOTS void, CNT-RUNOFF too few elected). */
  readonly violations: readonly Violation[];
}

function line(rule: RuleCode, status: CheckStatus, details: Params = {}): RuleLine {
  return { rule, status, details };
}

function compareByVotes(a: Person, b: Person): number {
  return b.votes - a.votes || compareNames(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Decides one contest from its confirmed sheets: CNT-BALLOTS, CNT-WRITEIN, CNT-MAJORITY-RC / -PARTY, CNT-RANK,
 * CNT-RUNOFF. Never elects more than `seats`.
 */
export function decideContest(input: {
  readonly contest: ContestSpec;
  readonly sheets?: readonly TallySheet[];
  readonly totals?: Totals;
  readonly base: MeetingBase;
  readonly profile: Profile;
  /**
   * Write-in names that are registered, eligible voters of the community (CNT-WRITEIN). Any other write-in is counted
   * and reported but cannot be elected (absent: no write-in can be elected).
   */
  readonly eligibleWriteIns?: readonly string[];
}): ContestDecision {
  const { contest, base, profile } = input;
  const eligibleWriteIns = new Set(input.eligibleWriteIns ?? []);
  const totals = input.totals ?? sumSheets(input.sheets ?? []);
  const rules: RuleLine[] = [];
  const violations: Violation[] = [];
  const names = new Map(contest.candidates.map((c) => [c.id, c.name]));
  const people: Person[] = [
    ...contest.candidates.map((c) => ({ key: c.id, name: c.name, votes: totals.votes[c.id] ?? 0, writeIn: false })),
    ...Object.entries(totals.votes)
      .filter(([k]) => !names.has(k))
      .map(([k, n]) => ({ key: k, name: k, votes: n, writeIn: true })),
  ].sort(compareByVotes);

  // CNT-BALLOTS
  const ballots = checkBallotCount(totals);
  if (!ballots.ok) {
    const v = ballots.violations[0]!;
    rules.push(line('CNT-BALLOTS', 'fail', v.params));
    return {
      status: 'void',
      reason: 'returned-exceeds-issued',
      totals,
      ranking: people.map((p, i) => ({ ...p, majority: false, elected: false, rank: i + 1 })),
      elected: [],
      vacancies: contest.seats,
      rules,
      violations: [v],
    };
  }
  rules.push(line('CNT-BALLOTS', 'pass', { issued: totals.issued, returned: totals.returned }));

  // Threshold of the stage
  const reaches = thresholdOf(contest, base, totals, profile, rules);
  const reached = (p: Person) => reaches(p.votes) && p.votes > 0 && !(contest.stage === 'revote' && p.writeIn);
  const electable = (p: Person) => !p.writeIn || eligibleWriteIns.has(p.key);
  const qualified = people.filter((p) => reached(p) && electable(p));

  // CNT-WRITEIN: an ineligible write-in who reached the threshold is reported, not elected.
  const writeIns = people.filter((p) => p.writeIn);
  const barred = writeIns.filter((p) => reached(p) && !electable(p));
  const writeInNames = writeIns.map((w) => `${w.name}(${w.votes})`).join('、');
  if (barred.length > 0) {
    rules.push(line('CNT-WRITEIN', 'warning', { reason: 'ineligible', names: writeInNames, barred: barred.map((w) => w.name).join('、') }));
  } else {
    rules.push(line('CNT-WRITEIN', writeIns.length > 0 ? 'pass' : 'n/a', { names: writeInNames }));
  }

  // CNT-RANK
  let elected: Person[] = qualified;
  let tie: ContestDecision['tie'];
  if (qualified.length > contest.seats) {
    const lastVotes = qualified[contest.seats - 1]!.votes;
    const above = qualified.filter((p) => p.votes > lastVotes);
    const tied = qualified.filter((p) => p.votes === lastVotes);
    if (above.length + tied.length > contest.seats) {
      elected = above;
      tie = { votes: lastVotes, seats: contest.seats - above.length, people: tied };
      rules.push(line('CNT-RANK', 'warning', { reason: 'tie', votes: lastVotes, seats: tie.seats, tied: tied.length, names: tied.map((t) => t.name).join('、') }));
    } else {
      elected = qualified.slice(0, contest.seats);
      rules.push(line('CNT-RANK', 'pass', { qualified: qualified.length, seats: contest.seats }));
    }
  } else {
    rules.push(line('CNT-RANK', 'n/a', { qualified: qualified.length, seats: contest.seats }));
  }

  // CNT-RUNOFF
  const remaining = contest.seats - elected.length - (tie?.seats ?? 0);
  let runoff: ContestDecision['runoff'];
  let vacancies = 0;
  const electedKeys = new Set(elected.map((e) => e.key));
  if (remaining > 0 && contest.stage === 'main') {
    const pool = people.filter((p) => !p.writeIn && !electedKeys.has(p.key) && !tie?.people.some((t) => t.key === p.key));
    const want = minCandidatesFor(remaining, profile.surplusRatio);
    const cut = pool.length > want ? pool[want - 1]!.votes : -1;
    const chosen = pool.length > want ? pool.filter((p, i) => i < want || p.votes === cut) : pool;
    if (chosen.length > 0) {
      runoff = { seats: remaining, candidates: chosen.map((p) => ({ id: p.key, name: p.name, votes: p.votes })), minShare: runoffShareOf(contest.kind, profile) };
      rules.push(line('CNT-RUNOFF', 'warning', { reason: 'runoff-needed', seats: remaining, candidates: chosen.length }));
    } else {
      vacancies = remaining;
      rules.push(line('CNT-RUNOFF', 'warning', { reason: 'vacant', vacancies, elected: elected.length }));
    }
  } else if (remaining > 0) {
    vacancies = remaining;
    rules.push(line('CNT-RUNOFF', 'warning', { reason: 'vacant', vacancies, elected: elected.length }));
  } else if (contest.stage !== 'runoff') {
    rules.push(line('CNT-RUNOFF', 'n/a'));
  }
  if (contest.stage === 'runoff' || (contest.stage === 'main' && !runoff && !tie && remaining > 0)) {
    const total = (contest.alreadyElected ?? 0) + elected.length;
    if (contest.kind === 'rc' && total < profile.minElectedToKeepCommittee) {
      const v = hard('CNT-RUNOFF', { reason: 'too-few-elected', elected: total, required: profile.minElectedToKeepCommittee });
      violations.push(v);
      rules.push(line('CNT-RUNOFF', 'fail', v.params));
    }
  }

  const electedSet = new Set(elected.map((e) => e.key));
  const ranking = people.map((p, i) => ({ ...p, majority: reached(p), elected: electedSet.has(p.key), rank: i + 1 }));
  return {
    status: 'decided',
    totals,
    ranking,
    elected,
    ...(tie ? { tie } : {}),
    ...(runoff ? { runoff } : {}),
    vacancies,
    rules,
    violations,
  };
}

function thresholdOf(contest: ContestSpec, base: MeetingBase, totals: Totals, profile: Profile, rules: RuleLine[]): (votes: number) => boolean {
  switch (contest.stage) {
    case 'main': {
      const m = majorityOf(contest.kind, base, profile);
      rules.push(line(m.rule, 'pass', { base: m.base, baseKind: m.baseKind, required: `> ${formatFraction(m.share)}` }));
      return (v) => moreThanFraction(v, m.base, m.share);
    }
    case 'runoff': {
      if (contest.kind === 'party') {
        // A party run-off: the same majority as the first ballot (CNT-MAJORITY-PARTY), not the RC's run-off share.
        const m = majorityOf('party', base, profile);
        rules.push(line(m.rule, 'pass', { base: m.base, baseKind: m.baseKind, required: `> ${formatFraction(m.share)}`, stage: 'runoff' }));
        return (v) => moreThanFraction(v, m.base, m.share);
      }
      const share = profile.runoffMinShare;
      rules.push(line('CNT-RUNOFF', 'pass', { reason: 'threshold', cast: totals.returned, required: formatFraction(share), requiredZh: formatFractionZh(share) }));
      return (v) => atLeastFraction(v, totals.returned, share);
    }
    case 'revote':
      rules.push(line('CNT-RANK', 'pass', { reason: 'revote-most-votes' }));
      return () => true;
    default: {
      const never: never = contest.stage;
      return never;
    }
  }
}

/** The share a run-off winner needs as `runoff.minShare`: the party's majority, or the RC's `runoffMinShare`. */
function runoffShareOf(kind: ContestKind, profile: Profile): Fraction {
  return kind === 'party' ? profile.partyMajority : profile.runoffMinShare;
}

/**
 * CNT-MAJORITY-RC / CNT-MAJORITY-PARTY: the base and share of a first ballot. RC: more than rcMajority (1/2) of those
 * present; party: more than partyMajority (1/2) of those present or expected (`partyMajorityBase`). A party run-off
 * needs the same majority as the first ballot (the party's own rule), not the RC's runoffMinShare.
 */
export function majorityOf(
  kind: ContestKind,
  base: MeetingBase,
  profile: Profile,
): { rule: 'CNT-MAJORITY-RC' | 'CNT-MAJORITY-PARTY'; base: number; baseKind: string; share: Fraction } {
  if (kind === 'party') {
    const baseKind = profile.partyMajorityBase;
    return { rule: 'CNT-MAJORITY-PARTY', base: baseKind === 'expected' ? base.expected : base.present, baseKind, share: profile.partyMajority };
  }
  return { rule: 'CNT-MAJORITY-RC', base: base.present, baseKind: base.base, share: profile.rcMajority };
}

/** The majority breach of one person (null when the votes reach it). */
export function majorityBreach(kind: ContestKind, person: { readonly name: string; readonly votes: number }, base: MeetingBase, profile: Profile): Violation {
  const m = majorityOf(kind, base, profile);
  return hard(m.rule, { name: person.name, votes: person.votes, base: m.base, baseKind: m.baseKind, share: formatFraction(m.share), shareZh: shareZh(m.share) });
}

/** CNT-MAJORITY-*: whether the votes reach the majority (exact). */
export function reachesMajority(kind: ContestKind, votes: number, base: MeetingBase, profile: Profile): boolean {
  const m = majorityOf(kind, base, profile);
  return votes > 0 && moreThanFraction(votes, m.base, m.share);
}

/** CNT-BALLOTS: more ballots returned than issued voids the vote. */
export function checkBallotCount(totals: { readonly issued: number; readonly returned: number }): RuleResult<null> {
  if (totals.returned <= totals.issued) return okResult(null);
  return resultOf(null, [hard('CNT-BALLOTS', { issued: totals.issued, returned: totals.returned })]);
}

/**
 * Per-person majority breaches, for messages (CNT-MAJORITY-RC / -PARTY, CNT-RUNOFF below-share): every ranked person
 * of a candidate list who did not reach the stage's threshold.
 */
export function thresholdFailures(decision: ContestDecision, contest: ContestSpec, base: MeetingBase, profile: Profile): Violation[] {
  if (decision.status === 'void' || contest.stage === 'revote') return [];
  return decision.ranking
    .filter((r) => !r.majority && !r.writeIn)
    .map((r) => {
      if (contest.stage === 'runoff' && contest.kind === 'rc') {
        const share = profile.runoffMinShare;
        return hard('CNT-RUNOFF', { reason: 'below-share', name: r.name, votes: r.votes, cast: decision.totals.returned, required: formatFraction(share), requiredZh: formatFractionZh(share) });
      }
      return majorityBreach(contest.kind, { name: r.name, votes: r.votes }, base, profile);
    });
}

// ------------------------------------------------------------------------------------------------ PTY-OFFICERS

/**
 * PTY-OFFICERS: the new committee's members elect the secretary (1) and deputy secretaries from among themselves,
 * with as many candidates as posts (等额).
 */
export function checkOfficerElection(input: {
  readonly committeeMembers: readonly { readonly id: string; readonly name: string }[];
  readonly secretary: readonly string[];
  readonly deputies: readonly string[];
  readonly deputySeats?: number;
  /**
   * The day the street party working committee (街道党工委) reviewed and agreed to the proposed secretary and deputies
   * (null: not reviewed), judged against today. Left out: not asked (a check of the list alone).
   */
  readonly review?: { readonly reviewedOn: string | null; readonly today: string };
}): RuleResult<null> {
  const members = new Map(input.committeeMembers.map((m) => [m.id, m.name]));
  const issues: Violation[] = [];
  if (input.review && input.review.reviewedOn === null) issues.push(hard('PTY-OFFICERS', { reason: 'not-reviewed' }));
  if (input.review?.reviewedOn && input.review.reviewedOn > input.review.today) {
    issues.push(hard('PTY-OFFICERS', { reason: 'review-future', reviewedOn: input.review.reviewedOn, today: input.review.today }));
  }
  if (input.secretary.length !== 1) issues.push(hard('PTY-OFFICERS', { reason: 'one-secretary', actual: input.secretary.length }));
  const deputySeats = input.deputySeats ?? input.deputies.length;
  if (input.deputies.length !== deputySeats) {
    issues.push(hard('PTY-OFFICERS', { reason: 'not-equal', post: 'deputy', seats: deputySeats, candidates: input.deputies.length }));
  }
  for (const id of [...input.secretary, ...input.deputies]) {
    if (!members.has(id)) issues.push(hard('PTY-OFFICERS', { reason: 'not-member', name: id }));
  }
  for (const id of input.secretary) {
    if (input.deputies.includes(id)) issues.push(hard('PTY-OFFICERS', { reason: 'duplicate', name: members.get(id) ?? id }));
  }
  return resultOf(null, issues);
}

// ------------------------------------------------------------------------------------------------ CNT-ANNOUNCE

export interface ResultNotice {
  readonly number: number;
  readonly registered: number | null;
  readonly voted: number | null;
  readonly issued: number | null;
  readonly returned: number | null;
  readonly valid: number | null;
  readonly invalid: number | null;
  readonly votes: readonly { readonly name: string; readonly votes: number }[];
  readonly elected: readonly { readonly name: string; readonly post: string }[];
}

/** CNT-ANNOUNCE: the result notice states every figure; notices of a community are numbered 第1号, 第2号 … */
export function checkResultNotice(notice: ResultNotice, previousNumbers: readonly number[]): RuleResult<null> {
  const missing = (['registered', 'voted', 'issued', 'returned', 'valid', 'invalid'] as const).filter((k) => notice[k] === null);
  if (notice.votes.length === 0) missing.push('votes' as never);
  const issues: Violation[] = [];
  if (missing.length > 0) issues.push(hard('CNT-ANNOUNCE', { reason: 'missing', missing: missing.join(', ') }));
  const expected = nextNoticeNumber(previousNumbers);
  if (notice.number !== expected) issues.push(hard('CNT-ANNOUNCE', { reason: 'number', expected, actual: notice.number }));
  return resultOf(null, issues);
}

/** The next notice number of a community (1 when none yet). */
export function nextNoticeNumber(previousNumbers: readonly number[]): number {
  return previousNumbers.reduce((a, b) => Math.max(a, b), 0) + 1;
}
