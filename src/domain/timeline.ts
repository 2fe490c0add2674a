/**
 * Timeline: TML-PHASE, VOT-LIST-PUBLISH (publication and objections), AFT-HANDOVER.
 * Seed 001 篇三 五: 动员部署 11-01..11-30, 组织选举 12-01..12-26, 总结验收 12-27..12-31; 交接 3日之内.
 */
import { addDays, daysBetween, isIsoDate } from './dates.js';
import type { PhaseName, Profile } from './profile.js';
import { ACTION_ZH, describeViolation, hard, okResult, PHASE_ZH, resultOf, type RuleResult, type Violation } from './violations.js';

export interface Phase {
  /** English (`mobilisation`, `election`, `wrap-up`) or Chinese (动员部署/宣传发动, 组织选举/选举实施, 总结验收). */
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

const PHASE_ALIASES: Readonly<Record<string, PhaseName>> = {
  mobilisation: 'mobilisation',
  mobilization: 'mobilisation',
  动员部署: 'mobilisation',
  宣传发动: 'mobilisation',
  宣传动员: 'mobilisation',
  election: 'election',
  elections: 'election',
  组织选举: 'election',
  选举实施: 'election',
  'wrap-up': 'wrap-up',
  wrapup: 'wrap-up',
  总结验收: 'wrap-up',
};

/** The canonical phase name, or null when unknown. */
export function normalisePhaseName(name: string): PhaseName | null {
  return PHASE_ALIASES[name.trim().toLowerCase()] ?? PHASE_ALIASES[name.trim()] ?? null;
}

export const ACTIONS = [
  'configure',
  'issue-election-notice',
  'register-voters',
  'publish-voter-list',
  'register-representatives',
  'nominate',
  'report-preliminary',
  'publish-candidates',
  'meeting',
  'tally',
  'certificates',
  'filing',
  'handover',
  'report',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Action → the phases in which it may happen. Seed 001: steps 1–3 (steering group, training, publicity) in
 * 动员部署; steps 4–9 (voters, representatives, candidates, meeting, approval and certificates) in 组织选举;
 * step 9 (filing) may run into 总结验收; steps 10–12 (handover, inspection, report) in 总结验收.
 */
export const ACTION_PHASES: Readonly<Record<Action, readonly PhaseName[]>> = {
  configure: ['mobilisation'],
  // The election notice opens the election (seed 001 step 4 onwards: 组织选举), before the voters are registered.
  'issue-election-notice': ['election'],
  'register-voters': ['election'],
  'publish-voter-list': ['election'],
  'register-representatives': ['election'],
  nominate: ['election'],
  'report-preliminary': ['election'],
  'publish-candidates': ['election'],
  meeting: ['election'],
  tally: ['election'],
  certificates: ['election', 'wrap-up'],
  filing: ['election', 'wrap-up'],
  handover: ['wrap-up'],
  report: ['wrap-up'],
};

/** A round's dated phases from the profile's month-day defaults (lanzhou: November–December of `year`). */
export function defaultPhases(year: number, profile: Profile): Phase[] {
  const y = String(year).padStart(4, '0');
  return profile.defaultPhases.map((p) => ({ name: p.name, from: `${y}-${p.from}`, to: `${y}-${p.to}` }));
}

/**
 * TML-PHASE: the action's date lies inside one of its phases (inclusive). An extension granted by the steering
 * group is passed in as the phase's new dates.
 */
export function checkPhase(input: { readonly action: Action; readonly on: string; readonly phases: readonly Phase[] }): RuleResult<{ phase: PhaseName }> {
  const allowed = ACTION_PHASES[input.action];
  const matching = input.phases.filter((p) => {
    const name = normalisePhaseName(p.name);
    return name !== null && allowed.includes(name);
  });
  if (matching.length === 0) {
    return resultOf({ phase: allowed[0]! }, [hard('TML-PHASE', { reason: 'no-phase', action: input.action, phase: allowed.join('/') })]);
  }
  const inside = matching.find((p) => p.from <= input.on && input.on <= p.to);
  if (inside) return okResult({ phase: normalisePhaseName(inside.name)! });
  const first = matching[0]!;
  return resultOf({ phase: normalisePhaseName(first.name)! }, [
    hard('TML-PHASE', { reason: 'outside', action: input.action, on: input.on, phase: normalisePhaseName(first.name), from: first.from, to: first.to }),
  ]);
}

export interface PhaseProblem {
  readonly message: string;
  readonly messageZh: string;
}

/** A phase as a clerk names it: its own (Chinese) name, or the Chinese of a known English one. */
const phaseZh = (name: string): string => (/\p{Script=Han}/u.test(name) ? name : (PHASE_ZH[name] ?? name));

/** Phases are real dates, each from ≤ to, names known, not overlapping. Every problem, in English and Chinese. */
export function validatePhases(phases: readonly Phase[]): PhaseProblem[] {
  const problems: PhaseProblem[] = [];
  for (const p of phases) {
    if (!normalisePhaseName(p.name)) problems.push({ message: `unknown phase ${p.name}`, messageZh: `未知的工作阶段“${p.name}”（应为宣传发动、选举实施或总结验收）` });
    if (!isIsoDate(p.from) || !isIsoDate(p.to)) problems.push({ message: `phase ${p.name}: dates must be YYYY-MM-DD`, messageZh: `${phaseZh(p.name)}阶段的日期无效` });
    else if (p.from > p.to) problems.push({ message: `phase ${p.name}: from after to`, messageZh: `${phaseZh(p.name)}阶段的开始日期晚于结束日期` });
  }
  const sorted = [...phases].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.from <= sorted[i - 1]!.to) {
      problems.push({
        message: `phases ${sorted[i - 1]!.name} and ${sorted[i]!.name} overlap`,
        messageZh: `${phaseZh(sorted[i - 1]!.name)}阶段与${phaseZh(sorted[i]!.name)}阶段的日期重叠`,
      });
    }
  }
  return problems;
}

/**
 * A phase changed (extended, usually): the phases after it that it now runs into move later by as many days (顺延),
 * keeping their length, so extending 选举实施 pushes 总结验收 on instead of overlapping it. Phases before it stay.
 */
export function changePhase(phases: readonly Phase[], index: number, changed: Phase): Phase[] {
  const out = phases.map((p, k) => (k === index ? changed : p));
  const order = out.map((p, k) => ({ p, k })).sort((a, b) => (a.p.from < b.p.from ? -1 : a.p.from > b.p.from ? 1 : a.k - b.k));
  const at = order.findIndex((o) => o.k === index);
  let end = changed.to;
  for (const { p, k } of order.slice(at + 1)) {
    if (!isIsoDate(p.from) || !isIsoDate(p.to) || !isIsoDate(end) || p.from > end) break;
    const by = daysBetween(p.from, end) + 1;
    out[k] = { name: p.name, from: addDays(p.from, by), to: addDays(p.to, by) };
    end = out[k]!.to;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ VOT-LIST-PUBLISH

/** VOT-LIST-PUBLISH: published on or before election day − voterListNoticeDays (20), and not in the future. */
export function checkVoterListPublish(
  input: { readonly publishedOn: string; readonly electionDay: string; readonly today?: string },
  profile: Profile,
): RuleResult<{ daysBefore: number; latest: string }> {
  const actual = daysBetween(input.publishedOn, input.electionDay);
  const required = profile.voterListNoticeDays;
  const issues: Violation[] = [];
  if (input.today !== undefined && input.publishedOn > input.today) {
    issues.push(hard('VOT-LIST-PUBLISH', { reason: 'future', publishedOn: input.publishedOn, today: input.today }));
  }
  if (actual < required) issues.push(hard('VOT-LIST-PUBLISH', { reason: 'late', required, actual }));
  return resultOf({ daysBefore: actual, latest: addDays(input.electionDay, -required) }, issues, profile);
}

/** Objections: filed until publication + objectionDays (5, inclusive); decided within objectionDecisionDays (3) of filing. */
export function objectionWindow(publishedOn: string, profile: Profile): { fileUntil: string; decideBy: (filedOn: string) => string } {
  return {
    fileUntil: addDays(publishedOn, profile.objectionDays),
    decideBy: (filedOn: string) => addDays(filedOn, profile.objectionDecisionDays),
  };
}

/** VOT-LIST-PUBLISH: an objection is filed within the window. */
export function checkObjectionFiled(input: { readonly publishedOn: string; readonly filedOn: string }, profile: Profile): RuleResult<{ decideBy: string }> {
  const { fileUntil, decideBy } = objectionWindow(input.publishedOn, profile);
  const value = { decideBy: decideBy(input.filedOn) };
  if (input.filedOn < input.publishedOn) {
    return resultOf(value, [hard('VOT-LIST-PUBLISH', { reason: 'objection-before-publication', on: input.filedOn, publishedOn: input.publishedOn })], profile);
  }
  if (input.filedOn > fileUntil) {
    return resultOf(value, [hard('VOT-LIST-PUBLISH', { reason: 'objection-late', required: profile.objectionDays, until: fileUntil, on: input.filedOn })], profile);
  }
  return okResult(value);
}

/** VOT-LIST-PUBLISH: an objection is decided within objectionDecisionDays; undecided past the date is overdue. */
export function checkObjectionDecided(
  input: { readonly filedOn: string; readonly decidedOn: string | null; readonly today: string },
  profile: Profile,
): RuleResult<{ decideBy: string; overdue: boolean }> {
  const by = addDays(input.filedOn, profile.objectionDecisionDays);
  if (input.decidedOn === null) {
    const overdue = input.today > by;
    return resultOf({ decideBy: by, overdue }, overdue ? [hard('VOT-LIST-PUBLISH', { reason: 'decision-overdue', filedOn: input.filedOn, by, today: input.today })] : [], profile);
  }
  if (input.decidedOn > by) {
    return resultOf({ decideBy: by, overdue: true }, [
      hard('VOT-LIST-PUBLISH', { reason: 'decision-late', required: profile.objectionDecisionDays, by, on: input.decidedOn }),
    ]);
  }
  return okResult({ decideBy: by, overdue: false });
}

// ------------------------------------------------------------------------------------------------ TML-ORDER

/** The steps of a round whose order is fixed: each is published only after the one before it. */
export const ORDERED_STEPS = ['election-notice', 'voter-list', 'candidate-list'] as const;
export type OrderedStep = (typeof ORDERED_STEPS)[number];

/**
 * TML-ORDER: the voter list is not published before the election notice, the official candidate list not before the
 * voter list. `step` is being done on `on`; `done` holds the dates of the steps already done (null: not yet).
 */
export function checkStepOrder(
  input: { readonly step: OrderedStep; readonly on: string; readonly done: Readonly<Partial<Record<OrderedStep, string | null>>> },
  profile?: Profile,
): RuleResult<null> {
  const i = ORDERED_STEPS.indexOf(input.step);
  const before = i > 0 ? ORDERED_STEPS[i - 1]! : null;
  if (before === null) return okResult(null);
  const afterOn = input.done[before] ?? null;
  if (afterOn !== null && afterOn <= input.on) return okResult(null);
  return resultOf(null, [hard('TML-ORDER', { step: input.step, on: input.on, after: before, afterOn })], profile);
}

// ------------------------------------------------------------------------------------------------ AFT-HANDOVER

/**
 * AFT-HANDOVER: completed within handoverDays (lanzhou 3) of the election, i.e. on or before election day + 3.
 * Not completed and today past that date: overdue.
 */
export function checkHandover(
  input: { readonly electionDay: string; readonly completedOn: string | null; readonly today: string },
  profile: Profile,
): RuleResult<{ dueBy: string; overdue: boolean; completed: boolean }> {
  const dueBy = addDays(input.electionDay, profile.handoverDays);
  const completed = input.completedOn !== null;
  const late = completed ? input.completedOn! > dueBy : input.today > dueBy;
  const value = { dueBy, overdue: late, completed };
  if (!late) return okResult(value);
  return resultOf(value, [hard('AFT-HANDOVER', { days: profile.handoverDays, dueBy, completedOn: input.completedOn, today: input.today })]);
}

// ------------------------------------------------------------------------------------------------ a community's timeline

/** The steps of a community's election a clerk follows, in order. */
export const TIMELINE_STEPS = ['election-notice', 'voter-list', 'candidate-list', 'election', 'handover', 'filing'] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];

const TIMELINE_STEP_ZH: Readonly<Record<TimelineStep, string>> = {
  'election-notice': '发布选举公告',
  'voter-list': '公布选民名单',
  'candidate-list': '公布正式候选人名单',
  election: '召开选举大会',
  handover: '新老班子交接',
  filing: '选举结果报送备案',
};

/** The action each step is (TML-PHASE: the phases it may happen in, named in the step's "why not now"). */
const TIMELINE_ACTION: Readonly<Record<TimelineStep, Action>> = {
  'election-notice': 'issue-election-notice',
  'voter-list': 'publish-voter-list',
  'candidate-list': 'publish-candidates',
  election: 'meeting',
  handover: 'handover',
  filing: 'filing',
};

export interface TimelineFacts {
  readonly today: string;
  readonly electionDay: string;
  readonly phases: readonly Phase[];
  /** The date each step was done (null: not yet). */
  readonly done: Readonly<Record<TimelineStep, string | null>>;
}

export interface TimelineStepView {
  readonly step: TimelineStep;
  readonly titleZh: string;
  /** The rule that sets the date it is due by (null: no date rule). */
  readonly rule: string | null;
  readonly dueBy: string | null;
  readonly doneOn: string | null;
  readonly status: 'done' | 'open' | 'overdue';
  /** The step that must come first and is not done (TML-ORDER), with the rule's Chinese message. */
  readonly waitsFor: { readonly step: TimelineStep; readonly rule: 'TML-ORDER'; readonly messageZh: string } | null;
}

export interface PhaseView {
  readonly name: string;
  readonly phase: PhaseName | null;
  readonly from: string;
  readonly to: string;
  readonly status: 'past' | 'current' | 'upcoming';
  /** The actions that belong in this phase (TML-PHASE). */
  readonly actions: Action[];
  /** The same, in Chinese. */
  readonly actionsZh: string[];
}

export interface CommunityTimeline {
  readonly today: string;
  readonly phases: PhaseView[];
  readonly steps: TimelineStepView[];
  /** The first step not done, or null when everything is done. */
  readonly next: { readonly step: TimelineStep; readonly titleZh: string; readonly dueBy: string | null; readonly overdue: boolean; readonly allowedNow: boolean; readonly whyNotZh: string | null } | null;
}

/**
 * A community's timeline, decided here (pure): each phase (past, current, upcoming), each step with its due date
 * (VOT-LIST-PUBLISH: election day − voterListNoticeDays; CAN-LIST-NOTICE: − candidateListNoticeDays; the election on
 * election day; AFT-HANDOVER: + handoverDays; the notice before the voter list is due), done or overdue, what it
 * waits for (TML-ORDER: notice → voter list → candidate list; later steps each after the one before), and the next
 * lawful step (allowed today only inside its phase, TML-PHASE, and after what must come first).
 */
/**
 * The last day of each dated step of a community, from its election day (VOT-LIST-PUBLISH, CAN-LIST-NOTICE,
 * AFT-HANDOVER): what the street's community list shows and what the timeline holds a community to.
 */
export function communityDeadlines(electionDay: string, profile: Profile): { voterListBy: string; candidateListBy: string; handoverBy: string } {
  return {
    voterListBy: addDays(electionDay, -profile.voterListNoticeDays),
    candidateListBy: addDays(electionDay, -profile.candidateListNoticeDays),
    handoverBy: addDays(electionDay, profile.handoverDays),
  };
}

export function planCommunityTimeline(facts: TimelineFacts, profile: Profile): CommunityTimeline {
  const deadlines = communityDeadlines(facts.electionDay, profile);
  const due: Record<TimelineStep, { rule: string | null; by: string | null }> = {
    'election-notice': { rule: 'TML-ORDER', by: deadlines.voterListBy },
    'voter-list': { rule: 'VOT-LIST-PUBLISH', by: deadlines.voterListBy },
    'candidate-list': { rule: 'CAN-LIST-NOTICE', by: deadlines.candidateListBy },
    election: { rule: 'TML-PHASE', by: facts.electionDay },
    handover: { rule: 'AFT-HANDOVER', by: deadlines.handoverBy },
    filing: { rule: null, by: null },
  };
  const steps: TimelineStepView[] = TIMELINE_STEPS.map((step, i) => {
    const doneOn = facts.done[step];
    const { rule, by } = due[step];
    let waitsFor: TimelineStepView['waitsFor'] = null;
    if (doneOn === null && i > 0) {
      const ordered = (ORDERED_STEPS as readonly string[]).includes(step);
      const result = ordered
        ? checkStepOrder({ step: step as OrderedStep, on: facts.today, done: facts.done as Partial<Record<OrderedStep, string | null>> }, profile)
        : null;
      const before = TIMELINE_STEPS[i - 1]!;
      if (result && !result.ok) {
        waitsFor = { step: before, rule: 'TML-ORDER', messageZh: describeViolation(result.violations[0]!).messageZh };
      } else if (!ordered && facts.done[before] === null) {
        waitsFor = { step: before, rule: 'TML-ORDER', messageZh: `须先${TIMELINE_STEP_ZH[before]}，再${TIMELINE_STEP_ZH[step]}` };
      }
    }
    const status = doneOn !== null ? 'done' : by !== null && facts.today > by ? 'overdue' : 'open';
    return { step, titleZh: TIMELINE_STEP_ZH[step], rule, dueBy: by, doneOn, status, waitsFor };
  });
  const phases: PhaseView[] = [...facts.phases]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .map((p) => {
      const phase = normalisePhaseName(p.name);
      const actions = phase ? ACTIONS.filter((a) => ACTION_PHASES[a].includes(phase)) : [];
      return {
        name: p.name,
        phase,
        from: p.from,
        to: p.to,
        status: facts.today < p.from ? 'upcoming' : facts.today > p.to ? 'past' : 'current',
        actions,
        actionsZh: actions.map((a) => ACTION_ZH[a] ?? a),
      };
    });
  const open = steps.find((s) => s.status !== 'done');
  let next: CommunityTimeline['next'] = null;
  if (open) {
    const inPhase = checkPhase({ action: TIMELINE_ACTION[open.step], on: facts.today, phases: facts.phases });
    const whyNot = open.waitsFor?.messageZh ?? (inPhase.ok ? null : describeViolation(inPhase.violations[0]!).messageZh);
    next = { step: open.step, titleZh: open.titleZh, dueBy: open.dueBy, overdue: open.status === 'overdue', allowedNow: whyNot === null, whyNotZh: whyNot };
  }
  return { today: facts.today, phases, steps, next };
}

// ------------------------------------------------------------------------------------------------ postponement

/**
 * Moving an announced election day later is a postponement (推迟选举): once the election notice is out, only the
 * street's steering group (街道换届选举工作领导小组) may approve it, with its reason and the date of its approval. A day
 * moved earlier, or moved before anything was announced, is a correction (the other rules judge the new day).
 */
export function postponementOf(input: { readonly from: string; readonly to: string; readonly announced: boolean }): 'postponement' | 'correction' {
  return input.announced && input.to > input.from ? 'postponement' : 'correction';
}
