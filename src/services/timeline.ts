/**
 * A community's timeline (GET /communities/:id/timeline): the facts gathered here (what was done on which day),
 * every decision made by the domain's `planCommunityTimeline` (due dates, overdue, TML-ORDER, the next lawful step).
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { candidateLists, filings, handovers, notices, voterListPublications } from '../db/schema.js';
import { planCommunityTimeline, type Phase, type TimelineStep } from '../domain/timeline.js';
import { RC_CONTESTS } from './election-context.js';
import { loadCommunityContext } from './rules.js';

export async function communityTimeline(db: DbOrTx, input: { communityId: string; today: string }) {
  const { community, round, profile } = await loadCommunityContext(db, input.communityId);
  const first = async <T>(rows: Promise<T[]>): Promise<T | undefined> => (await rows)[0];
  const [notice, resultNotice, voterList, candidateList, handover, filing] = await Promise.all([
    first(
      db
        .select({ on: notices.issuedOn })
        .from(notices)
        .where(and(eq(notices.communityId, community.id), eq(notices.kind, 'election-notice')))
        .orderBy(asc(notices.number))
        .limit(1),
    ),
    first(
      db
        .select({ on: notices.issuedOn })
        .from(notices)
        .where(and(eq(notices.communityId, community.id), eq(notices.kind, 'result-notice')))
        .orderBy(asc(notices.number))
        .limit(1),
    ),
    first(
      db
        .select({ on: voterListPublications.publishedOn })
        .from(voterListPublications)
        .where(eq(voterListPublications.communityId, community.id))
        .orderBy(asc(voterListPublications.publishedOn))
        .limit(1),
    ),
    first(
      db
        .select({ on: candidateLists.publishedOn })
        .from(candidateLists)
        .where(and(eq(candidateLists.communityId, community.id), inArray(candidateLists.contest, [...RC_CONTESTS])))
        .orderBy(asc(candidateLists.publishedOn))
        .limit(1),
    ),
    first(db.select({ on: handovers.completedOn }).from(handovers).where(eq(handovers.communityId, community.id)).orderBy(asc(handovers.completedOn)).limit(1)),
    first(
      db
        .select({ at: filings.submittedAt })
        .from(filings)
        .where(and(eq(filings.communityId, community.id), eq(filings.kind, 'rc')))
        .orderBy(desc(filings.createdAt))
        .limit(1),
    ),
  ]);
  const done: Record<TimelineStep, string | null> = {
    'election-notice': notice?.on ?? null,
    'voter-list': voterList?.on ?? null,
    'candidate-list': candidateList?.on ?? null,
    election: resultNotice?.on ?? null,
    handover: handover?.on ?? null,
    filing: filing ? filing.at.toISOString().slice(0, 10) : null,
  };
  return {
    communityId: community.id,
    electionDay: community.electionDay,
    ...planCommunityTimeline({ today: input.today, electionDay: community.electionDay, phases: round.phases as Phase[], done }, profile),
  };
}
