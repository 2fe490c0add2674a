/**
 * The lists a screen is built on (rounds, districts, streets, users, a community's meetings, objections, groups and
 * units, a meeting's staff), each one page in a stable order. What a caller may see of the geography follows from
 * its scope: the admin everything, the bureau its district, the street its street, a committee or scrutineer the
 * round its community belongs to.
 */
import { and, asc, count, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog, ballotBoxes, districts, meetings, meetingStaff, objections, residentGroups, rounds, streets, units, users } from '../db/schema.js';
import { resolveAncestry, type Ancestry } from '../db/ancestry.js';
import type { Principal, Role } from './users.js';
import { groupView, unitView } from './communities.js';
import { meetingView } from './meetings.js';
import { objectionView } from './objections.js';
import { roundView } from './rounds.js';
import { loadCommunityContext } from './rules.js';
import { likePattern, matchingName, offsetOf, pageOf, type Page, type PageInput } from './paging.js';

type ScopeKind = 'district' | 'street' | 'community' | 'meeting' | 'department';
export const SCOPE_KIND_OF: Record<Exclude<Role, 'admin'>, ScopeKind> = {
  bureau: 'district',
  street: 'street',
  committee: 'community',
  scrutineer: 'meeting',
  reviewer: 'department',
};

/** Where the caller stands (null for the admin, who sees everything). */
export async function ancestryOf(db: DbOrTx, principal: Pick<Principal, 'role' | 'scopeId'>): Promise<Ancestry | null> {
  if (principal.role === 'admin' || !principal.scopeId) return null;
  return resolveAncestry(db, SCOPE_KIND_OF[principal.role], principal.scopeId);
}

/** A filter nobody passes: a scoped user whose scope is gone sees nothing. */
const NOTHING = '00000000-0000-0000-0000-000000000000';

export async function listRounds(
  db: DbOrTx,
  input: PageInput & { principal: Principal; streetId?: string | undefined; q?: string | undefined },
) {
  const where: (SQL | undefined)[] = [input.streetId ? eq(rounds.streetId, input.streetId) : undefined, input.q ? ilike(rounds.name, likePattern(input.q)) : undefined];
  if (input.principal.role !== 'admin') {
    const at = await ancestryOf(db, input.principal);
    if (!at) where.push(eq(rounds.id, NOTHING));
    else if (at.roundId) where.push(eq(rounds.id, at.roundId));
    else if (at.streetId) where.push(eq(rounds.streetId, at.streetId));
    else where.push(eq(rounds.districtId, at.districtId));
  }
  const filter = and(...where);
  const [rows, [total]] = await Promise.all([
    db
      .select({ round: rounds, streetName: streets.name, districtName: districts.name })
      .from(rounds)
      .innerJoin(streets, eq(streets.id, rounds.streetId))
      .innerJoin(districts, eq(districts.id, rounds.districtId))
      .where(filter)
      .orderBy(asc(rounds.createdAt), asc(rounds.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    db.select({ n: count() }).from(rounds).where(filter),
  ]);
  return {
    items: rows.map((r) => ({ ...roundView(r.round), streetName: r.streetName, districtName: r.districtName })),
    total: Number(total?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function listDistricts(db: DbOrTx, input: PageInput & { principal: Principal; q?: string | undefined }) {
  const where: (SQL | undefined)[] = [input.q ? ilike(districts.name, likePattern(input.q)) : undefined];
  if (input.principal.role !== 'admin') where.push(eq(districts.id, (await ancestryOf(db, input.principal))?.districtId ?? NOTHING));
  const filter = and(...where);
  const [rows, [total]] = await Promise.all([
    db.select().from(districts).where(filter).orderBy(asc(districts.code), asc(districts.id)).limit(input.pageSize).offset(offsetOf(input)),
    db.select({ n: count() }).from(districts).where(filter),
  ]);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, code: r.code })), total: Number(total?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function listStreets(
  db: DbOrTx,
  input: PageInput & { principal: Principal; districtId?: string | undefined; q?: string | undefined },
) {
  const where: (SQL | undefined)[] = [
    input.districtId ? eq(streets.districtId, input.districtId) : undefined,
    input.q ? ilike(streets.name, likePattern(input.q)) : undefined,
  ];
  if (input.principal.role !== 'admin') {
    const at = await ancestryOf(db, input.principal);
    if (!at) where.push(eq(streets.id, NOTHING));
    else if (at.streetId) where.push(eq(streets.id, at.streetId));
    else where.push(eq(streets.districtId, at.districtId));
  }
  const filter = and(...where);
  const [rows, [total]] = await Promise.all([
    db
      .select({ street: streets, districtName: districts.name })
      .from(streets)
      .innerJoin(districts, eq(districts.id, streets.districtId))
      .where(filter)
      .orderBy(asc(streets.code), asc(streets.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    db.select({ n: count() }).from(streets).where(filter),
  ]);
  return {
    items: rows.map(({ street, districtName }) => ({ id: street.id, districtId: street.districtId, districtName, name: street.name, code: street.code })),
    total: Number(total?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export function userListView(row: typeof users.$inferSelect) {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    scopeId: row.scopeId,
    chief: row.chief,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function listUsers(
  db: DbOrTx,
  input: PageInput & { role?: Role | undefined; scopeId?: string | undefined; active?: boolean | undefined; q?: string | undefined },
) {
  const filter = and(
    input.active === undefined ? undefined : eq(users.active, input.active),
    input.role ? eq(users.role, input.role) : undefined,
    input.scopeId ? eq(users.scopeId, input.scopeId) : undefined,
    input.q ? ilike(users.username, likePattern(input.q)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(filter).orderBy(asc(users.username)).limit(input.pageSize).offset(offsetOf(input)),
    db.select({ n: count() }).from(users).where(filter),
  ]);
  return { items: rows.map(userListView), total: Number(total?.n ?? 0), page: input.page, pageSize: input.pageSize };
}

export async function listMeetings(db: DbOrTx, input: PageInput & { communityId: string; kind?: 'rc' | 'party' | undefined }) {
  await loadCommunityContext(db, input.communityId);
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.communityId, input.communityId), input.kind ? eq(meetings.kind, input.kind) : undefined))
    .orderBy(asc(meetings.date), asc(meetings.createdAt), asc(meetings.id));
  const page = pageOf(rows, input);
  const ids = page.items.map((m) => m.id);
  const boxes = ids.length === 0 ? [] : await db.select().from(ballotBoxes).where(inArray(ballotBoxes.meetingId, ids)).orderBy(asc(ballotBoxes.createdAt));
  return {
    ...page,
    items: page.items.map((m) =>
      meetingView(
        m,
        boxes.filter((b) => b.meetingId === m.id).map((b) => ({ name: b.name, kind: b.kind, monitors: b.monitors as string[] })),
      ),
    ),
  };
}

export async function listObjections(
  db: DbOrTx,
  input: PageInput & { communityId: string; status?: 'pending' | 'upheld' | 'rejected' | undefined; kind?: 'add' | 'remove' | 'correct' | undefined },
) {
  await loadCommunityContext(db, input.communityId);
  const rows = await db
    .select()
    .from(objections)
    .where(
      and(
        eq(objections.communityId, input.communityId),
        input.status ? eq(objections.status, input.status) : undefined,
        input.kind ? eq(objections.kind, input.kind) : undefined,
      ),
    )
    .orderBy(asc(objections.filedOn), asc(objections.createdAt), asc(objections.id));
  const page = pageOf(rows, input);
  return { ...page, items: page.items.map((row) => objectionView(row)) };
}

export async function listGroups(db: DbOrTx, input: PageInput & { communityId: string; q?: string | undefined }) {
  await loadCommunityContext(db, input.communityId);
  const rows = await db.select().from(residentGroups).where(eq(residentGroups.communityId, input.communityId)).orderBy(asc(residentGroups.createdAt), asc(residentGroups.id));
  return pageOf(matchingName(rows.map(groupView), input.q, (g) => g.name), input);
}

export async function listUnits(db: DbOrTx, input: PageInput & { communityId: string; q?: string | undefined }) {
  await loadCommunityContext(db, input.communityId);
  const rows = await db.select().from(units).where(eq(units.communityId, input.communityId)).orderBy(asc(units.createdAt), asc(units.id));
  return pageOf(matchingName(rows.map(unitView), input.q, (u) => u.name), input);
}

export async function listStaff(db: DbOrTx, input: PageInput & { meetingId: string }) {
  const rows = await db.select().from(meetingStaff).where(eq(meetingStaff.meetingId, input.meetingId)).orderBy(asc(meetingStaff.createdAt), asc(meetingStaff.id));
  return pageOf(
    rows.map((r) => ({ id: r.id, meetingId: r.meetingId, name: r.name, voterId: r.voterId, duty: r.duty })),
    input,
  );
}

/** The audit log, oldest first, one page; the admin reads it. */
export async function listAudit(db: DbOrTx, input: PageInput & { entity?: string | undefined; entityId?: string | undefined }) {
  const filter = and(input.entity ? eq(auditLog.entity, input.entity) : undefined, input.entityId ? eq(auditLog.entityId, input.entityId) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(auditLog).where(filter).orderBy(asc(auditLog.seq)).limit(input.pageSize).offset(offsetOf(input)),
    db.select({ n: count() }).from(auditLog).where(filter),
  ]);
  return {
    items: rows.map(({ actorId: _actorId, ...row }) => ({ ...row, at: row.at.toISOString() })),
    total: Number(total?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  } satisfies Page<unknown>;
}
