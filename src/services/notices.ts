/** Notices of a community are numbered in order, 第1号, 第2号 … (CNT-ANNOUNCE); one lock per community. */
import { and, asc, eq, min, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.js';
import { notices, voterListPublications } from '../db/schema.js';
import type { OrderedStep } from '../domain/timeline.js';

export type NoticeKind = 'election-notice' | 'voter-list' | 'candidate-list' | 'result-notice' | 'other';

/** Takes the community's next notice number and records the notice; call inside the publishing transaction. */
export async function issueNotice(
  tx: Tx,
  input: { communityId: string; kind: NoticeKind | string; title: string; issuedOn: string },
): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`notices:${input.communityId}`}))`);
  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${notices.number}), 0)::int + 1` })
    .from(notices)
    .where(eq(notices.communityId, input.communityId))) as [{ next: number }];
  await tx.insert(notices).values({ communityId: input.communityId, number: next, kind: input.kind, title: input.title, issuedOn: input.issuedOn });
  return next;
}

export async function listNotices(db: DbOrTx, communityId: string) {
  return db.select().from(notices).where(eq(notices.communityId, communityId)).orderBy(asc(notices.number));
}

/** TML-ORDER's facts: the day the election notice was issued and the voter list first published (null: not yet). */
export async function orderedStepDates(db: DbOrTx, communityId: string): Promise<Record<Exclude<OrderedStep, 'candidate-list'>, string | null>> {
  const [[notice], [list]] = await Promise.all([
    db
      .select({ on: min(notices.issuedOn) })
      .from(notices)
      .where(and(eq(notices.communityId, communityId), eq(notices.kind, 'election-notice'))),
    db.select({ on: min(voterListPublications.publishedOn) }).from(voterListPublications).where(eq(voterListPublications.communityId, communityId)),
  ]);
  return { 'election-notice': notice?.on ?? null, 'voter-list': list?.on ?? null };
}
