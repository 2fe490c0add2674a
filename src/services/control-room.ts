/**
 * The street's control room (`GET /rounds/:id/dashboard`): every community of the round with the step it reached,
 * its next deadline, the steps overdue, the hard rules failing now, voters registered and turnout once counted;
 * sorted, filtered and paged here so the screen pages on the server. The step dates come from the domain
 * (`communityProgress`), the breaches from the same checks the filing uses.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { candidateLists, certificates, communities, filings, handovers, preliminaryReports, voterListPublications, voters } from '../db/schema.js';
import { checkHandover } from '../domain/timeline.js';
import { communityProgress, PROGRESS_STEPS, PROGRESS_STEP_ZH, type ProgressStep } from '../domain/progress.js';
import { computeCommunityChecks } from './checks.js';
import { loadElected } from './elected.js';
import { isRecordedStatus } from './filing.js';
import { loadRound } from './rules.js';

export const DASHBOARD_SORTS = ['code', 'name', 'electionDay', 'reached', 'nextDeadline', 'overdue', 'breaches', 'voters', 'turnout'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

export interface DashboardQuery {
  readonly roundId: string;
  readonly today: string;
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
  readonly sort?: DashboardSort | undefined;
  readonly order?: 'asc' | 'desc' | undefined;
  /** Part of the community's name or code. */
  readonly q?: string | undefined;
  /** Only communities with (true) or without (false) an overdue step. */
  readonly overdue?: boolean | undefined;
  /** Only communities with (true) or without (false) a failing hard rule. */
  readonly breaches?: boolean | undefined;
  readonly reached?: ProgressStep | 'setup' | undefined;
}

const exists = async (db: DbOrTx, query: Promise<unknown[]>): Promise<boolean> => (await query).length > 0;


async function communityRow(db: DbOrTx, c: typeof communities.$inferSelect, profile: Awaited<ReturnType<typeof loadRound>>['profile'], today: string) {
  const [{ n: registered }] = (await db.select({ n: sql<number>`count(*)::int` }).from(voters).where(eq(voters.communityId, c.id))) as [{ n: number }];
  const [handover] = await db.select().from(handovers).where(eq(handovers.communityId, c.id));
  const [filing] = await db
    .select({ status: filings.status })
    .from(filings)
    .where(and(eq(filings.communityId, c.id), eq(filings.kind, 'rc')));
  const [{ n: certs }] = (await db.select({ n: sql<number>`count(*)::int` }).from(certificates).where(eq(certificates.communityId, c.id))) as [{ n: number }];
  const elected = await loadElected(db, c.id);
  const checks = await computeCommunityChecks(db, { communityId: c.id, today });
  const handoverCheck = checkHandover({ electionDay: c.electionDay, completedOn: handover?.completedOn ?? null, today }, profile);
  const filingStatus: string | null = filing?.status ?? null;
  const progress = communityProgress(
    {
      electionDay: c.electionDay,
      voterListPublished: await exists(db, db.select({ id: voterListPublications.id }).from(voterListPublications).where(eq(voterListPublications.communityId, c.id)).limit(1)),
      prelimReported: await exists(db, db.select({ id: preliminaryReports.id }).from(preliminaryReports).where(eq(preliminaryReports.communityId, c.id)).limit(1)),
      candidateListPublished: await exists(db, db.select({ id: candidateLists.id }).from(candidateLists).where(eq(candidateLists.communityId, c.id)).limit(1)),
      resultConfirmed: elected.rcComplete,
      filingSubmitted: filingStatus === 'submitted',
      filingRecorded: filingStatus !== null && isRecordedStatus(filingStatus),
      handoverDone: handover !== undefined,
    },
    profile,
    today,
  );
  const rc = elected.summary.meetings.find((m) => m.kind === 'rc' && m.contests.some((x) => x.stage === 'main'));
  const breaches = checks.items.filter((i) => i.status === 'fail');
  return {
    communityId: c.id,
    name: c.name,
    code: c.code,
    method: c.method,
    electionDay: c.electionDay,
    registeredVoters: registered,
    resultConfirmed: elected.rcComplete,
    filing: filingStatus,
    certificates: certs,
    handover: {
      completedOn: handover?.completedOn ?? null,
      dueBy: handoverCheck.ok ? handoverCheck.value.dueBy : String(handoverCheck.violations[0]!.params.dueBy),
      overdue: !handoverCheck.ok,
    },
    reached: progress.reached,
    reachedZh: PROGRESS_STEP_ZH[progress.reached],
    nextDeadline: progress.nextDeadline ? { ...progress.nextDeadline, stepZh: PROGRESS_STEP_ZH[progress.nextDeadline.step] } : null,
    overdue: progress.overdue.map((step) => ({ step, stepZh: PROGRESS_STEP_ZH[step], dueBy: progress.steps.find((s) => s.step === step)!.dueBy! })),
    openBreaches: breaches.length,
    breachRules: breaches.map((b) => ({ rule: b.rule, titleZh: b.titleZh })),
    turnout:
      rc && rc.present !== null && rc.present !== undefined
        ? {
            base: rc.base,
            expected: rc.expected,
            present: rc.present,
            percent: rc.expected > 0 ? Math.round((1000 * rc.present) / rc.expected) / 10 : null,
          }
        : null,
  };
}
export type DashboardRow = Awaited<ReturnType<typeof communityRow>>;

const STEP_ORDER: Record<string, number> = Object.fromEntries([['setup', -1], ...PROGRESS_STEPS.map((s, i) => [s, i])]);

function sortKey(row: DashboardRow, sort: DashboardSort): string | number {
  switch (sort) {
    case 'code':
      return row.code;
    case 'name':
      return row.name;
    case 'electionDay':
      return row.electionDay;
    case 'reached':
      return STEP_ORDER[row.reached]!;
    case 'nextDeadline':
      return row.nextDeadline?.dueBy ?? '9999-12-31';
    case 'overdue':
      return row.overdue.length;
    case 'breaches':
      return row.openBreaches;
    case 'voters':
      return row.registeredVoters;
    case 'turnout':
      return row.turnout?.percent ?? -1;
    default: {
      const never: never = sort;
      return never;
    }
  }
}

export async function roundDashboard(db: DbOrTx, input: DashboardQuery) {
  const { round, profile } = await loadRound(db, input.roundId);
  const list = await db.select().from(communities).where(eq(communities.roundId, input.roundId)).orderBy(asc(communities.code));
  const all: DashboardRow[] = [];
  for (const c of list) all.push(await communityRow(db, c, profile, input.today));

  const q = input.q?.trim().toLowerCase();
  const filtered = all.filter(
    (r) =>
      (!q || r.name.toLowerCase().includes(q) || r.code.toLowerCase().includes(q)) &&
      (input.overdue === undefined || r.overdue.length > 0 === input.overdue) &&
      (input.breaches === undefined || r.openBreaches > 0 === input.breaches) &&
      (input.reached === undefined || r.reached === input.reached),
  );
  const sort = input.sort ?? 'code';
  const sign = input.order === 'desc' ? -1 : 1;
  filtered.sort((a, b) => {
    const x = sortKey(a, sort);
    const y = sortKey(b, sort);
    const primary = x < y ? -1 : x > y ? 1 : 0;
    return primary !== 0 ? sign * primary : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const byReached = Object.fromEntries(['setup', ...PROGRESS_STEPS].map((s) => [s, all.filter((r) => r.reached === s).length])) as Record<
    ProgressStep | 'setup',
    number
  >;
  return {
    roundId: round.id,
    name: round.name,
    today: input.today,
    /** Every community of the round (unfiltered), as before the control room. */
    communities: all,
    overdueHandovers: all.filter((i) => i.handover.overdue).length,
    items: filtered.slice((page - 1) * pageSize, page * pageSize),
    total: filtered.length,
    page,
    pageSize,
    /** Figures over the whole round for the chart: communities per step reached, overdue, with breaches. */
    summary: {
      communities: all.length,
      byReached,
      stepsZh: PROGRESS_STEP_ZH,
      overdue: all.filter((r) => r.overdue.length > 0).length,
      withBreaches: all.filter((r) => r.openBreaches > 0).length,
      registeredVoters: all.reduce((n, r) => n + r.registeredVoters, 0),
    },
  };
}
