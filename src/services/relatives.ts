/**
 * Close relatives (近亲属) the committee declares between two voters of its community. They are facts for two rules
 * decided in the registry: ORG-RC-WOMAN (close relatives may not serve on the residents' committee together, judged on
 * who was elected, in the checks and the filing) and MTG-RECUSAL (a candidate's close relative may not monitor, call or
 * count). A declaration belongs to the residents' committee election's candidates: frozen once that result is filed.
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { closeRelatives, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { CLOSE_RELATION_ZH, type CloseRelation } from '../domain/committee.js';
import { loadCommunityContext } from './rules.js';
import { assertNotFiled } from './freeze.js';

export interface RelativeView {
  readonly id: string;
  readonly communityId: string;
  readonly relation: CloseRelation;
  readonly relationZh: string;
  readonly people: { voterId: string; name: string }[];
  readonly createdAt: string;
}

/** Every declared pair of a community, with the two names (lower voter id first). */
export async function listRelatives(db: DbOrTx, communityId: string): Promise<RelativeView[]> {
  await loadCommunityContext(db, communityId);
  const rows = await db.select().from(closeRelatives).where(eq(closeRelatives.communityId, communityId)).orderBy(asc(closeRelatives.createdAt));
  const ids = [...new Set(rows.flatMap((r) => [r.voterAId, r.voterBId]))];
  const names = new Map(
    ids.length === 0 ? [] : (await db.select({ id: voters.id, name: voters.name }).from(voters).where(inArray(voters.id, ids))).map((v) => [v.id, v.name]),
  );
  return rows.map((r) => relativeView(r, (id) => names.get(id) ?? ''));
}

function relativeView(r: typeof closeRelatives.$inferSelect, nameOf: (voterId: string) => string): RelativeView {
  return {
    id: r.id,
    communityId: r.communityId,
    relation: r.relation,
    relationZh: CLOSE_RELATION_ZH[r.relation],
    people: [r.voterAId, r.voterBId].map((voterId) => ({ voterId, name: nameOf(voterId) })),
    createdAt: r.createdAt.toISOString(),
  };
}

/** The declared pairs as voter-id pairs: the facts ORG-RC-WOMAN and MTG-RECUSAL are given. */
export async function relativePairs(db: DbOrTx, communityId: string): Promise<(readonly [string, string])[]> {
  const rows = await db
    .select({ a: closeRelatives.voterAId, b: closeRelatives.voterBId })
    .from(closeRelatives)
    .where(eq(closeRelatives.communityId, communityId));
  return rows.map((r) => [r.a, r.b] as const);
}

/** The declared close relatives of one voter. */
export async function relativesOf(db: DbOrTx, input: { communityId: string; voterId: string }): Promise<string[]> {
  const rows = await db
    .select({ a: closeRelatives.voterAId, b: closeRelatives.voterBId })
    .from(closeRelatives)
    .where(and(eq(closeRelatives.communityId, input.communityId), or(eq(closeRelatives.voterAId, input.voterId), eq(closeRelatives.voterBId, input.voterId))));
  return rows.map((r) => (r.a === input.voterId ? r.b : r.a));
}

export async function declareRelatives(
  db: Db,
  input: { actor: Actor; communityId: string; voterIds: readonly [string, string]; relation: CloseRelation },
): Promise<RelativeView> {
  const [first, second] = input.voterIds;
  if (first === second) throw errors.badRequest('A close relative is another person', '近亲属须为两名不同的选民');
  const [a, b] = first < second ? [first, second] : [second, first];
  return db.transaction(async (tx) => {
    const { community } = await loadCommunityContext(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: 'rc', area: 'candidates' });
    const people = await tx
      .select({ id: voters.id, name: voters.name })
      .from(voters)
      .where(and(eq(voters.communityId, community.id), inArray(voters.id, [a, b])));
    if (people.length !== 2) throw errors.notFound('Voter of this community', '本社区选民');
    const nameOf = (id: string) => people.find((p) => p.id === id)!.name;
    const [taken] = await tx
      .select({ id: closeRelatives.id })
      .from(closeRelatives)
      .where(and(eq(closeRelatives.communityId, community.id), eq(closeRelatives.voterAId, a), eq(closeRelatives.voterBId, b)));
    if (taken) throw errors.conflict('RELATIVES_DECLARED', 'These two are already declared close relatives', `${nameOf(a)}与${nameOf(b)}的近亲属关系已申报`);
    const [row] = await tx.insert(closeRelatives).values({ communityId: community.id, voterAId: a, voterBId: b, relation: input.relation }).returning();
    await appendAudit(tx, {
      actor: input.actor,
      action: 'create',
      entity: 'close-relatives',
      entityId: row!.id,
      after: { communityId: community.id, voterIds: [a, b], relation: input.relation },
    });
    return relativeView(row!, nameOf);
  });
}

export async function removeRelatives(db: Db, input: { actor: Actor; communityId: string; relativesId: string; reason: string }): Promise<{ removed: string; reason: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(closeRelatives)
      .where(and(eq(closeRelatives.id, input.relativesId), eq(closeRelatives.communityId, input.communityId)))
      .for('update');
    if (!row) throw errors.notFound('Close relatives declaration', '近亲属申报');
    await assertNotFiled(tx, { communityId: row.communityId, kind: 'rc', area: 'candidates' });
    await tx.delete(closeRelatives).where(eq(closeRelatives.id, row.id));
    await appendAudit(tx, {
      actor: input.actor,
      action: 'remove',
      entity: 'close-relatives',
      entityId: row.id,
      before: { communityId: row.communityId, voterIds: [row.voterAId, row.voterBId], relation: row.relation },
      after: { reason: input.reason },
    });
    return { removed: row.id, reason: input.reason };
  });
}
