/**
 * An election that is filed stays as filed (issue 20): once a community's result is submitted for filing (and after
 * the bureau records it), the data behind it is frozen. A returned filing reopens exactly the areas the return
 * names; everything else stays frozen until the next submission freezes all again.
 *
 * Every use case that changes an election's data calls `assertNotFiled` inside its transaction.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { filings } from '../db/schema.js';
import { errors } from '../domain/errors.js';

/** What a return may reopen: attendance (meetings, attendance, proxies, staff), tally (boxes, sheets), voters, candidates. */
export const REOPEN_AREAS = ['attendance', 'tally', 'voters', 'candidates'] as const;
export type ReopenArea = (typeof REOPEN_AREAS)[number];
export type ElectionKind = 'rc' | 'party';

/** The party contest belongs to the party election; every other contest to the residents' committee's. */
export const electionOfContest = (contest: string): ElectionKind => (contest === 'party' ? 'party' : 'rc');

/** Refuses (409 FILED_FROZEN) a change to an area of a filed election, unless its return reopened that area. */
export async function assertNotFiled(
  tx: DbOrTx,
  input: { communityId: string; kind: ElectionKind; area: ReopenArea; purpose?: 'election' | 'by-election' | 'recall' | undefined },
): Promise<void> {
  // A by-election or recall meeting comes after the filing of the round it follows; it is not part of that filing.
  if (input.purpose !== undefined && input.purpose !== 'election') return;
  const [filing] = await tx
    .select({ id: filings.id, status: filings.status, reopened: filings.reopened })
    .from(filings)
    .where(and(eq(filings.communityId, input.communityId), eq(filings.kind, input.kind)))
    .orderBy(desc(filings.createdAt))
    .limit(1);
  if (!filing) return;
  if (filing.status === 'returned' && (filing.reopened as string[]).includes(input.area)) return;
  throw errors.filedFrozen({ filingId: filing.id, kind: input.kind, status: filing.status, area: input.area });
}
