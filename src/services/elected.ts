/**
 * Who was finally elected in a community, to which post, with the facts the papers and the filing need
 * (sex, age, education), read from the confirmed results.
 */
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { DeputyRole } from '../domain/committee.js';
import { nominations, voters } from '../db/schema.js';
import { getCommunityElectionSummary } from './results.js';

export const POST_ZH: Readonly<Record<string, string>> = {
  director: '居民委员会主任',
  deputy: '居民委员会副主任',
  member: '居民委员会委员',
  committee: '居民委员会成员',
  party: '党组织委员会委员',
  secretary: '党组织书记',
  'deputy-secretary': '党组织副书记',
};

const RC_POSTS = ['director', 'deputy', 'member', 'committee'];

export interface ElectedPerson {
  readonly name: string;
  readonly post: string;
  readonly postZh: string;
  readonly votes: number;
  readonly nominationId: string | null;
  readonly voterId: string | null;
  readonly sex: 'male' | 'female' | null;
  readonly birthDate: string | null;
  readonly education: string | null;
  /** The roles stated at nomination (police, graduate, public: ORG-RC-DEPUTY-ROLES); none for a write-in. */
  readonly roles: readonly DeputyRole[];
  readonly writeIn: boolean;
}

export interface CommunityElected {
  readonly rc: readonly ElectedPerson[];
  readonly party: readonly ElectedPerson[];
  readonly officers: readonly ElectedPerson[];
  /** Every residents' committee contest is decided (re-votes and run-offs included). */
  readonly rcComplete: boolean;
  readonly partyComplete: boolean;
  readonly rcSeats: number;
  readonly rcVacancies: number;
  /** The residents' committee contests decided (separate posts, or the combined `committee`). */
  readonly rcContests: readonly string[];
  readonly summary: Awaited<ReturnType<typeof getCommunityElectionSummary>>;
}

export async function loadElected(db: DbOrTx, communityId: string): Promise<CommunityElected> {
  const summary = await getCommunityElectionSummary(db, communityId);
  const finals = summary.meetings.flatMap((m) => m.final.map((f) => ({ ...f, kind: m.kind })));
  const nominationIds = finals.flatMap((f) => f.elected.map((e) => e.candidateId).filter((id): id is string => Boolean(id)));
  const noms = nominationIds.length
    ? await db
        .select({ id: nominations.id, voterId: nominations.voterId, education: nominations.education, roles: nominations.roles })
        .from(nominations)
        .where(inArray(nominations.id, nominationIds))
    : [];
  const nomById = new Map(noms.map((n) => [n.id, n]));
  const voterIds = noms.map((n) => n.voterId);
  const people = voterIds.length
    ? await db.select({ id: voters.id, sex: voters.sex, birthDate: voters.birthDate }).from(voters).where(inArray(voters.id, voterIds))
    : [];
  const voterById = new Map(people.map((p) => [p.id, p]));

  const personOf = (post: string, e: { candidateId?: string; name: string; votes: number }): ElectedPerson => {
    const nom = e.candidateId ? nomById.get(e.candidateId) : undefined;
    const voter = nom ? voterById.get(nom.voterId) : undefined;
    return {
      name: e.name,
      post,
      postZh: POST_ZH[post] ?? post,
      votes: e.votes,
      nominationId: nom?.id ?? null,
      voterId: nom?.voterId ?? null,
      sex: voter?.sex ?? null,
      birthDate: voter?.birthDate ?? null,
      education: nom?.education ?? null,
      roles: (nom?.roles as DeputyRole[] | undefined) ?? [],
      writeIn: !e.candidateId,
    };
  };

  const rcFinals = finals.filter((f) => RC_POSTS.includes(f.contest));
  const partyFinals = finals.filter((f) => f.contest === 'party');
  const officerFinals = finals.filter((f) => f.contest === 'secretary' || f.contest === 'deputy-secretary');
  const rcSeats = rcFinals.reduce((n, f) => n + f.seats, 0);
  const rc = rcFinals.flatMap((f) => f.elected.map((e) => personOf(f.contest, e)));
  return {
    rc,
    party: partyFinals.flatMap((f) => f.elected.map((e) => personOf('party', e))),
    officers: officerFinals.flatMap((f) => f.elected.map((e) => personOf(f.contest, e))),
    rcComplete: rcFinals.length > 0 && rcFinals.every((f) => f.complete),
    partyComplete: partyFinals.length > 0 && partyFinals.every((f) => f.complete),
    rcSeats,
    rcVacancies: Math.max(0, rcSeats - rc.length),
    rcContests: [...new Set(rcFinals.map((f) => f.contest))],
    summary,
  };
}

/** A person's key across both committees: the voter when known, else the name. */
export const personKey = (p: ElectedPerson): string => p.voterId ?? `name:${p.name}`;
