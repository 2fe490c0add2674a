/**
 * The street's own users: the election committee of a community of its street and the scrutineers of that
 * community's meetings. The street creates, lists, resets and deactivates them; other users stay the admin's.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import type { Actor } from '../db/audit.js';
import { meetings, users } from '../db/schema.js';
import { errors } from '../domain/errors.js';
import { createUser, publicUser, resetPassword, setUserActive } from './users.js';

async function meetingIdsOf(db: DbOrTx, communityId: string): Promise<string[]> {
  return (await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.communityId, communityId))).map((m) => m.id);
}

export async function listCommunityUsers(db: DbOrTx, communityId: string) {
  const meetingIds = await meetingIdsOf(db, communityId);
  const rows = await db
    .select()
    .from(users)
    .where(
      or(
        and(eq(users.role, 'committee'), eq(users.scopeId, communityId)),
        meetingIds.length > 0 ? and(eq(users.role, 'scrutineer'), inArray(users.scopeId, meetingIds)) : undefined,
      ),
    )
    .orderBy(users.username);
  return { items: rows.map(publicUser) };
}

export async function createCommunityUser(
  db: Db,
  input: { actor: Actor; communityId: string; username: string; password: string; role: 'committee' | 'scrutineer'; meetingId?: string | undefined; chief?: boolean | undefined },
) {
  if (input.role === 'scrutineer') {
    if (!input.meetingId || !(await meetingIdsOf(db, input.communityId)).includes(input.meetingId)) {
      throw errors.badRequest('A scrutineer needs a meeting of this community', '监票人、计票人须指定本社区的一次选举会议');
    }
  }
  return createUser(db, {
    actor: input.actor,
    user: {
      username: input.username,
      password: input.password,
      role: input.role,
      scopeId: input.role === 'committee' ? input.communityId : input.meetingId!,
      ...(input.role === 'scrutineer' && input.chief ? { chief: true } : {}),
    },
  });
}

/** The user, if it is one of the community's (else 404: the street learns nothing of other users). */
async function ownUser(db: DbOrTx, communityId: string, userId: string): Promise<void> {
  const { items } = await listCommunityUsers(db, communityId);
  if (!items.some((u) => u.id === userId)) throw errors.notFound('User', '用户');
}

export async function resetCommunityUserPassword(db: Db, input: { actor: Actor; communityId: string; userId: string }) {
  await ownUser(db, input.communityId, input.userId);
  return resetPassword(db, { actor: input.actor, userId: input.userId });
}

export async function setCommunityUserActive(db: Db, input: { actor: Actor; communityId: string; userId: string; active: boolean }) {
  await ownUser(db, input.communityId, input.userId);
  return setUserActive(db, input);
}
