/** What every election use case loads first: the community with its round's rule profile, seats and days. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { communities, rounds } from '../db/schema.js';
import { errors } from '../http/errors.js';

export const RC_CONTESTS = ['director', 'deputy', 'member', 'committee'] as const;
export const PARTY_CONTESTS = ['party'] as const;
export const OFFICER_CONTESTS = ['secretary', 'deputy-secretary'] as const;
export type Contest = (typeof RC_CONTESTS)[number] | (typeof PARTY_CONTESTS)[number];

export type CommunityRow = typeof communities.$inferSelect;

export interface RcSeats {
  readonly director: number;
  readonly deputies: number;
  readonly members: number;
}

/** Seats of a contest, from the community's configuration. */
export function seatsOf(community: CommunityRow, contest: string): number {
  const rc = community.rcSeats as RcSeats;
  const party = community.party as { seats: number };
  switch (contest) {
    case 'director':
      return rc.director;
    case 'deputy':
      return rc.deputies;
    case 'member':
      return rc.members;
    case 'committee':
      return rc.director + rc.deputies + rc.members;
    case 'party':
      return party.seats;
    default:
      throw errors.badRequest(`Unknown contest ${contest}`, `未知的选举项目 ${contest}`);
  }
}

/** The party committee is elected on the party election day when the community has one. */
export function electionDayOf(community: CommunityRow, contest: string): string {
  return contest === 'party' ? (community.partyElectionDay ?? community.electionDay) : community.electionDay;
}

export function contestsOfKind(kind: 'rc' | 'party'): readonly string[] {
  return kind === 'rc' ? RC_CONTESTS : PARTY_CONTESTS;
}

export async function loadCommunity(db: DbOrTx, communityId: string) {
  const [row] = await db
    .select({ community: communities, profile: rounds.profile, profileName: rounds.profileName, phases: rounds.phases })
    .from(communities)
    .innerJoin(rounds, eq(rounds.id, communities.roundId))
    .where(eq(communities.id, communityId));
  if (!row) throw errors.notFound('Community', '社区');
  return row;
}
