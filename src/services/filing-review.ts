/**
 * The bureau's review desk: the queue of filings by street and status (waiting, recorded, returned), oldest first,
 * with counts; one filing with everything behind it (result, checks as filed, papers); a community's own filings
 * (the committee reads the return reason there).
 */
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { communities, filings, rounds, streets } from '../db/schema.js';
import { errors } from '../domain/errors.js';
import { filingView, isRecordedStatus, type FilingEvent, type FilingView } from './filing.js';
import { communityReport } from './reports.js';

export const QUEUE_STATUSES = ['waiting', 'recorded', 'returned'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Stored statuses of each queue status: the residents' committee's filing is `recorded` (备案), the party's `approved`. */
const STORED: Readonly<Record<QueueStatus, readonly string[]>> = {
  waiting: ['submitted'],
  recorded: ['approved', 'recorded'],
  returned: ['returned'],
};

export function queueStatusOf(status: string): QueueStatus {
  if (status === 'submitted') return 'waiting';
  return isRecordedStatus(status) ? 'recorded' : 'returned';
}

/** The latest return's reason, if the filing was returned (the committee's "what to fix"). */
export function lastReturn(history: readonly FilingEvent[]): { at: string; by: string; reason: string } | null {
  const event = [...history].reverse().find((e) => e.action === 'return');
  return event ? { at: event.at, by: event.by, reason: event.reason ?? '' } : null;
}

const storedIn = (statuses: readonly string[]) => inArray(filings.status, statuses as FilingView['status'][]);

export async function filingQueue(
  db: DbOrTx,
  input: { districtId?: string; streetId?: string; status?: QueueStatus | undefined; page: number; pageSize: number },
) {
  const scope: SQL[] = [];
  if (input.districtId) scope.push(eq(filings.districtId, input.districtId));
  if (input.streetId) scope.push(eq(communities.streetId, input.streetId));
  const where = and(...scope, input.status ? storedIn(STORED[input.status]) : undefined);
  const [{ total }] = (await db
    .select({ total: count() })
    .from(filings)
    .innerJoin(communities, eq(communities.id, filings.communityId))
    .where(where)) as [{ total: number }];
  const rows = await db
    .select({ filing: filings, communityName: communities.name, streetId: communities.streetId, streetName: streets.name, roundName: rounds.name })
    .from(filings)
    .innerJoin(communities, eq(communities.id, filings.communityId))
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .innerJoin(rounds, eq(rounds.id, communities.roundId))
    .where(where)
    .orderBy(asc(filings.submittedAt), asc(filings.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  // Counts per street and status over the whole scope (not the status filter): the queue's tabs and its street list.
  const grouped = await db
    .select({ streetId: communities.streetId, streetName: streets.name, status: filings.status, n: count() })
    .from(filings)
    .innerJoin(communities, eq(communities.id, filings.communityId))
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(and(...scope))
    .groupBy(communities.streetId, streets.name, filings.status);
  const counts: Record<QueueStatus, number> = { waiting: 0, recorded: 0, returned: 0 };
  const byStreet = new Map<string, { streetId: string; name: string } & Record<QueueStatus, number>>();
  for (const g of grouped) {
    const status = queueStatusOf(g.status);
    counts[status] += g.n;
    const street = byStreet.get(g.streetId) ?? { streetId: g.streetId, name: g.streetName, waiting: 0, recorded: 0, returned: 0 };
    street[status] += g.n;
    byStreet.set(g.streetId, street);
  }
  return {
    items: rows.map((r) => {
      const view = filingView(r.filing);
      return {
        id: view.id,
        communityId: view.communityId,
        communityName: r.communityName,
        streetId: r.streetId,
        streetName: r.streetName,
        roundName: r.roundName,
        kind: view.kind,
        status: view.status,
        queueStatus: queueStatusOf(view.status),
        submittedAt: view.submittedAt,
        failing: view.checks.filter((c) => c.status === 'fail').length,
        warnings: view.checks.filter((c) => c.status === 'warning').length,
        lastReturn: lastReturn(view.history),
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
    counts,
    streets: [...byStreet.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

/** Papers the bureau previews beside a filing (served by `GET /communities/:id/documents/:kind.pdf`). */
const FILING_PAPERS = [
  { kind: 'result-notice', titleZh: '选举结果公告' },
  { kind: 'filing-report', titleZh: '换届选举备案报告' },
] as const;

export async function filingDossier(db: DbOrTx, filingId: string) {
  const [row] = await db
    .select({ filing: filings, community: communities, streetName: streets.name, roundName: rounds.name })
    .from(filings)
    .innerJoin(communities, eq(communities.id, filings.communityId))
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .innerJoin(rounds, eq(rounds.id, communities.roundId))
    .where(eq(filings.id, filingId));
  if (!row) throw errors.notFound('Filing', '备案');
  const view = filingView(row.filing);
  const c = row.community;
  return {
    filing: { ...view, communityName: c.name, queueStatus: queueStatusOf(view.status), lastReturn: lastReturn(view.history) },
    community: {
      id: c.id,
      name: c.name,
      code: c.code,
      method: c.method,
      electionDay: c.electionDay,
      streetId: c.streetId,
      streetName: row.streetName,
      roundId: c.roundId,
      roundName: row.roundName,
    },
    result: await communityReport(db, c.id),
    papers: FILING_PAPERS.map((p) => ({ ...p, url: `/api/v1/communities/${c.id}/documents/${p.kind}.pdf` })),
  };
}

/** A community's filings, newest first, each with its latest return reason. */
export async function communityFilings(db: DbOrTx, communityId: string) {
  const rows = await db.select().from(filings).where(eq(filings.communityId, communityId)).orderBy(desc(filings.submittedAt));
  return {
    items: rows.map((r) => {
      const view = filingView(r);
      return { ...view, queueStatus: queueStatusOf(view.status), lastReturn: lastReturn(view.history) };
    }),
  };
}
