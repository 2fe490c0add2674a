/**
 * A community's progress through its round, for the street's control room: the steps of seed 001 篇三 五 in order,
 * each with the date the profile sets for it (VOT-LIST-PUBLISH: election day − voterListNoticeDays;
 * CAN-PRELIM-REPORT: the profile's month-day; CAN-LIST-NOTICE: election day − candidateListNoticeDays; the election
 * meeting on election day; AFT-HANDOVER: election day + handoverDays). A step not done by its date is overdue.
 */
import { addDays, monthDayIn, yearOf } from './dates.js';
import type { Profile } from './profile.js';

export const PROGRESS_STEPS = ['voter-list', 'prelim-report', 'candidate-list', 'election', 'filing', 'recorded', 'handover'] as const;
export type ProgressStep = (typeof PROGRESS_STEPS)[number];

export const PROGRESS_STEP_ZH: Readonly<Record<ProgressStep | 'setup', string>> = {
  setup: '筹备',
  'voter-list': '选民名单公布',
  'prelim-report': '初步候选人报街道',
  'candidate-list': '正式候选人公布',
  election: '选举完成',
  filing: '已报备案',
  recorded: '已备案',
  handover: '已交接',
};

/** What has happened in the community (facts gathered by the service). */
export interface ProgressFacts {
  readonly electionDay: string;
  readonly voterListPublished: boolean;
  readonly prelimReported: boolean;
  readonly candidateListPublished: boolean;
  readonly resultConfirmed: boolean;
  readonly filingSubmitted: boolean;
  readonly filingRecorded: boolean;
  readonly handoverDone: boolean;
}

export interface StepState {
  readonly step: ProgressStep;
  readonly done: boolean;
  /** The date the step is due by; null when the profile sets none. */
  readonly dueBy: string | null;
  readonly overdue: boolean;
}

export interface Progress {
  /** The furthest step done, or `setup`. */
  readonly reached: ProgressStep | 'setup';
  readonly steps: readonly StepState[];
  /** The earliest date among the steps not yet done (overdue ones included). */
  readonly nextDeadline: { readonly step: ProgressStep; readonly dueBy: string } | null;
  readonly overdue: readonly ProgressStep[];
}

export function communityProgress(facts: ProgressFacts, profile: Profile, today: string): Progress {
  const day = facts.electionDay;
  const prelim = profile.prelimReportDeadline === null ? null : monthDayIn(yearOf(day), profile.prelimReportDeadline);
  const plan: readonly { step: ProgressStep; done: boolean; dueBy: string | null; applies: boolean }[] = [
    { step: 'voter-list', done: facts.voterListPublished, dueBy: addDays(day, -profile.voterListNoticeDays), applies: true },
    { step: 'prelim-report', done: facts.prelimReported, dueBy: prelim, applies: prelim !== null },
    { step: 'candidate-list', done: facts.candidateListPublished, dueBy: addDays(day, -profile.candidateListNoticeDays), applies: true },
    { step: 'election', done: facts.resultConfirmed, dueBy: day, applies: true },
    { step: 'filing', done: facts.filingSubmitted || facts.filingRecorded, dueBy: null, applies: true },
    { step: 'recorded', done: facts.filingRecorded, dueBy: null, applies: true },
    { step: 'handover', done: facts.handoverDone, dueBy: addDays(day, profile.handoverDays), applies: true },
  ];
  const steps: StepState[] = plan
    .filter((p) => p.applies)
    .map((p) => ({ step: p.step, done: p.done, dueBy: p.dueBy, overdue: !p.done && p.dueBy !== null && today > p.dueBy }));
  const reached = [...steps].reverse().find((s) => s.done)?.step ?? 'setup';
  const pending = steps.filter((s): s is StepState & { dueBy: string } => !s.done && s.dueBy !== null);
  const next = pending.sort((a, b) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : 0))[0];
  return {
    reached,
    steps,
    nextDeadline: next ? { step: next.step, dueBy: next.dueBy } : null,
    overdue: steps.filter((s) => s.overdue).map((s) => s.step),
  };
}
