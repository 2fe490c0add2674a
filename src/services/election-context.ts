/** What every election use case loads first: the community with its round's rule profile, seats and days. */
import type { DbOrTx } from '../db/client.js';
import type { communities } from '../db/schema.js';
import { errors } from '../domain/errors.js';
import type { Contest as DomainContest } from '../domain/candidates.js';
import type { RcSeats } from '../domain/committee.js';
import { loadCommunityContext, type CommunityContext } from './rules.js';

export const RC_CONTESTS = ['director', 'deputy', 'member', 'committee'] as const;
export const PARTY_CONTESTS = ['party'] as const;
export const OFFICER_CONTESTS = ['secretary', 'deputy-secretary'] as const;
export type Contest = DomainContest;

export type CommunityRow = typeof communities.$inferSelect;

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

/**
 * The community, its round (with the dated phases for TML-PHASE) and the round's rule profile snapshot, parsed
 * by the domain's schema (`profileOfRound`).
 */
export async function loadCommunity(db: DbOrTx, communityId: string): Promise<CommunityContext> {
  return loadCommunityContext(db, communityId);
}
