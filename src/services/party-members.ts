/** The community's party roster (党员名册): full and probationary members; ORG-PARTY-REPS from the domain. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { partyMembers, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { checkPartyReps } from '../domain/committee.js';
import { describeViolation } from '../domain/violations.js';
import { loadCommunityContext } from './rules.js';
import type { PartyInput } from './communities.js';
import { assertNotFiled } from './freeze.js';

export interface PartyMemberInput {
  readonly name: string;
  readonly status: 'full' | 'probationary';
  readonly voterId?: string | undefined;
}

function view(row: typeof partyMembers.$inferSelect) {
  return { id: row.id, communityId: row.communityId, name: row.name, status: row.status, voterId: row.voterId };
}

export async function addPartyMembers(db: Db, input: { actor: Actor; communityId: string; members: readonly PartyMemberInput[] }) {
  return db.transaction(async (tx) => {
    const { community } = await loadCommunityContext(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: 'party', area: 'voters' });
    const created = [];
    for (const m of input.members) {
      if (m.voterId) {
        const [voter] = await tx.select({ id: voters.id }).from(voters).where(and(eq(voters.id, m.voterId), eq(voters.communityId, community.id)));
        if (!voter) throw errors.notFound(`Voter ${m.voterId}`, '选民');
      }
      const [row] = await tx.insert(partyMembers).values({ communityId: community.id, name: m.name, status: m.status, voterId: m.voterId ?? null }).returning();
      created.push(view(row!));
    }
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'party-member', entityId: community.id, after: { members: created } });
    return created;
  });
}

/** Members with the counts used by party meetings and the ORG-PARTY-REPS check. */
export async function partyRoster(db: DbOrTx, communityId: string) {
  const { community, profile } = await loadCommunityContext(db, communityId);
  const rows = await db.select().from(partyMembers).where(eq(partyMembers.communityId, communityId)).orderBy(asc(partyMembers.createdAt));
  const full = rows.filter((r) => r.status === 'full').length;
  const probationary = rows.length - full;
  const party = community.party as PartyInput;
  const result = checkPartyReps(
    { fullMembers: full, probationary, representatives: party.representatives ?? null, approved: party.congressApproved === true },
    profile,
  );
  const issues = result.ok ? result.warnings : [...result.violations, ...result.warnings];
  return {
    members: rows.map(view),
    counts: {
      total: rows.length,
      full,
      probationary,
      /** Those who vote and are expected at the party election (full members, or the congress representatives). */
      voters: result.ok ? result.value.voters : full,
      expected: result.ok ? result.value.expected : full,
    },
    check: {
      rule: 'ORG-PARTY-REPS' as const,
      status: (issues.some((v) => v.severity === 'hard') ? 'fail' : issues.length > 0 ? 'warning' : 'pass') as 'pass' | 'fail' | 'warning',
      details: { method: party.representatives ? 'congress' : 'general-meeting', violations: issues.map(describeViolation) },
    },
  };
}
