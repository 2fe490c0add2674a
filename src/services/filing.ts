/**
 * Filing (备案, AFT-FILING): once the residents' committee result is confirmed, the community files it with the
 * district civil-affairs bureau; refused while any hard rule fails. The bureau records it (备案, status `recorded`)
 * or returns it with a reason; a returned filing is corrected and submitted again; the history is kept. The party
 * result's approval (审批) by the district organisation department goes the same way (kind `party`, status `approved`).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { communities, filings } from '../db/schema.js';
import { anchorHead, appendAudit, type Actor } from '../db/audit.js';
import { REOPEN_AREAS, type ReopenArea } from './freeze.js';
import { AppError, errors } from '../domain/errors.js';
import { computeCommunityChecks, type CheckItem } from './checks.js';
import { withdrawCertificates } from './certificates.js';
import { loadElected } from './elected.js';
import { assertInPhase, assertNoHard, judge, loadCommunityContext, resultOfOutcomes } from './rules.js';
import { afterRound } from './by-elections.js';

export type FilingKind = 'rc' | 'party';

export interface FilingEvent {
  readonly at: string;
  /** `approve` is also what a residents' committee's filing recorded before `record` existed shows. */
  readonly action: 'submit' | 'record' | 'approve' | 'return';
  readonly by: string;
  readonly role: string;
  readonly reason?: string;
  /** A return: the areas it reopened. */
  readonly reopened?: ReopenArea[];
}

type FilingRow = typeof filings.$inferSelect;

export function filingView(row: FilingRow) {
  return {
    id: row.id,
    communityId: row.communityId,
    kind: row.kind,
    status: row.status,
    submittedAt: row.submittedAt.toISOString(),
    checks: row.checks as CheckItem[],
    history: row.history as FilingEvent[],
    /** While returned: what may change again (everything else stays frozen). */
    reopened: row.reopened as ReopenArea[],
    /** The audit chain head recorded when the filing was last submitted or reviewed (printed on the filing report). */
    chainHead: row.chainSeq !== null && row.chainHash !== null ? { seq: row.chainSeq, hash: row.chainHash } : null,
  };
}
export type FilingView = ReturnType<typeof filingView>;

const event = (actor: Actor, action: FilingEvent['action'], at: Date, reason?: string, reopened?: ReopenArea[]): FilingEvent => ({
  at: at.toISOString(),
  action,
  by: actor.username,
  role: actor.role,
  ...(reason ? { reason } : {}),
  ...(reopened ? { reopened } : {}),
});

/** The filing's audit entry is the chain head it records (and anchors, so deleting entries up to it is detected). */
async function recordHead(tx: DbOrTx, input: { filingId: string; head: { seq: number; hash: string } }): Promise<FilingRow> {
  await anchorHead(tx, input);
  const [row] = await tx
    .update(filings)
    .set({ chainSeq: input.head.seq, chainHash: input.head.hash })
    .where(eq(filings.id, input.filingId))
    .returning();
  return row!;
}

export async function submitFiling(db: Db, input: { actor: Actor; communityId: string; kind: FilingKind; today: string; now: Date }): Promise<FilingView> {
  const { round } = await loadCommunityContext(db, input.communityId);
  assertInPhase({ round, action: 'filing', on: input.today });
  const elected = await loadElected(db, input.communityId);
  const complete = input.kind === 'rc' ? elected.rcComplete : elected.partyComplete;
  if (!complete) {
    throw errors.conflict(
      'RESULT_NOT_CONFIRMED',
      `The ${input.kind === 'rc' ? "residents' committee" : 'party committee'} result is not confirmed yet`,
      input.kind === 'rc' ? '居民委员会选举结果尚未确认（计票未完成或需重新投票、另行选举），不能备案' : '党组织选举结果尚未确认，不能报批',
    );
  }
  const checks = await computeCommunityChecks(db, { communityId: input.communityId, today: input.today });
  const failing = checks.items.filter((c) => c.status === 'fail');
  if (failing.length > 0) {
    throw new AppError({
      status: 422,
      code: 'RULE_VIOLATION',
      rule: 'AFT-FILING',
      message: `Filing refused: hard rules fail (${failing.map((c) => c.rule).join(', ')})`,
      messageZh: `以下规则未通过，不能备案：${failing.map((c) => `${c.rule}（${c.titleZh}）`).join('；')}`,
      details: { failing },
    });
  }
  return db.transaction(async (tx) => {
    const [community] = await tx.select().from(communities).where(eq(communities.id, input.communityId));
    const [existing] = await tx
      .select()
      .from(filings)
      .where(and(eq(filings.communityId, input.communityId), eq(filings.kind, input.kind)))
      .orderBy(desc(filings.createdAt))
      .limit(1)
      .for('update');
    if (existing && existing.status !== 'returned') {
      throw errors.conflict(
        'FILING_EXISTS',
        `A filing is already ${existing.status}`,
        existing.status === 'submitted' ? '备案已提交，正在等待审核' : input.kind === 'rc' ? '该社区已备案，无需重复提交' : '党组织选举结果已批准，无需重复报批',
        { filingId: existing.id, status: existing.status },
      );
    }
    const history = [...((existing?.history as FilingEvent[] | undefined) ?? []), event(input.actor, 'submit', input.now)];
    const values = { status: 'submitted' as const, checks: checks.items, history, submittedAt: input.now, reopened: [] };
    const [row] = existing
      ? await tx.update(filings).set(values).where(eq(filings.id, existing.id)).returning()
      : await tx
          .insert(filings)
          .values({ communityId: input.communityId, districtId: community!.districtId, kind: input.kind, ...values })
          .returning();
    const head = await appendAudit(tx, {
      actor: input.actor,
      action: existing ? 'resubmit' : 'submit',
      entity: 'filing',
      entityId: row!.id,
      before: existing ? { status: existing.status, reopened: existing.reopened } : null,
      after: { status: 'submitted', kind: input.kind, reopened: [] },
    });
    return filingView(await recordHead(tx, { filingId: row!.id, head }));
  });
}

/**
 * A filing the bureau accepted: the residents' committee's is recorded (备案; stored `approved` before `record`
 * existed), the party's approved (审批).
 */
export const isRecordedStatus = (status: string): boolean => status === 'approved' || status === 'recorded';

type Decision = 'approve' | 'record' | 'return';

/**
 * The decision as it applies to the filing's kind: `approve` is the residents' committee's older name for `record`;
 * a party result is approved, never recorded.
 */
function decisionFor(kind: FilingKind, decision: Decision): Decision {
  if (decision === 'return') return 'return';
  if (kind === 'rc') return 'record';
  if (decision === 'record') {
    throw errors.badRequest('A party result is approved or returned, not recorded', '党组织选举结果须批准或退回，不适用备案');
  }
  return 'approve';
}

const STATUS_OF = { record: 'recorded', approve: 'approved', return: 'returned' } as const;

export async function reviewFiling(
  db: Db,
  input: {
    actor: Actor;
    filingId: string;
    /**
     * The residents' committee's filing is 备案: `record` (or its older name `approve`) or `return` with reasons; it
     * does not hold up the certificates. The party filing is approved (审批).
     */
    decision: Decision;
    reason?: string | undefined;
    /** A return that voids the residents' committee's result: its certificates are withdrawn (same transaction). */
    voidsResult?: boolean | undefined;
    /** A return reopens these areas only (default: all of them); everything else stays frozen. */
    reopen?: readonly ReopenArea[] | undefined;
    now: Date;
  },
): Promise<FilingView> {
  const reopened = input.decision === 'return' ? [...new Set(input.reopen?.length ? input.reopen : REOPEN_AREAS)] : [];
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(filings).where(eq(filings.id, input.filingId)).for('update');
    if (!row) throw errors.notFound('Filing', '备案');
    if (row.status !== 'submitted') {
      throw errors.conflict('FILING_NOT_PENDING', `The filing is ${row.status}, not awaiting review`, '该备案当前不在待审核状态');
    }
    const decision = decisionFor(row.kind, input.decision);
    // AFT-FILING decides: a return names its reason; nothing is accepted over a failing check as filed.
    const { profile } = await loadCommunityContext(tx, row.communityId);
    assertNoHard(resultOfOutcomes([judge('AFT-FILING', { decision, reason: input.reason ?? null, checks: row.checks as CheckItem[] }, profile)]));
    const status = STATUS_OF[decision];
    const history = [
      ...(row.history as FilingEvent[]),
      event(input.actor, decision, input.now, input.reason, decision === 'return' ? reopened : undefined),
    ];
    await tx.update(filings).set({ status, history, reopened }).where(eq(filings.id, row.id));
    const withdrawn =
      decision === 'return' && input.voidsResult && row.kind === 'rc'
        ? await withdrawCertificates(tx, { actor: input.actor, communityId: row.communityId, at: input.now, reason: input.reason ?? '' })
        : 0;
    const head = await appendAudit(tx, {
      actor: input.actor,
      action: `review-${decision}`,
      entity: 'filing',
      entityId: row.id,
      before: { status: row.status, reopened: row.reopened },
      after: { status, decision: input.decision, reason: input.reason ?? null, reopened, ...(withdrawn > 0 ? { certificatesWithdrawn: withdrawn } : {}) },
    });
    return filingView(await recordHead(tx, { filingId: row.id, head }));
  });
}

export async function listFilings(db: DbOrTx, filter: { districtId?: string; streetId?: string; communityId?: string; status?: string | undefined }) {
  const rows = await db
    .select({ filing: filings, communityName: communities.name, streetId: communities.streetId })
    .from(filings)
    .innerJoin(communities, eq(communities.id, filings.communityId))
    .where(
      and(
        filter.districtId ? eq(filings.districtId, filter.districtId) : undefined,
        filter.streetId ? eq(communities.streetId, filter.streetId) : undefined,
        filter.communityId ? eq(filings.communityId, filter.communityId) : undefined,
        filter.status ? eq(filings.status, filter.status as FilingRow['status']) : undefined,
      ),
    )
    .orderBy(desc(filings.submittedAt));
  return rows.map((r) => ({ ...filingView(r.filing), communityName: r.communityName }));
}

export async function getFiling(db: DbOrTx, filingId: string) {
  const [row] = await db.select().from(filings).where(eq(filings.id, filingId));
  if (!row) throw errors.notFound('Filing', '备案');
  // Recalls and by-elections after the round are shown beside the filing (they never change what was filed).
  return { ...filingView(row), afterRound: await afterRound(db, row.communityId) };
}
