/** Users, login with lockout, the first-start bootstrap of `admin`. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../db/audit.js';
import { resolveAncestry, type ResourceKind } from '../db/ancestry.js';
// The password helpers still live in src/http/auth.ts (the `integrity` helper's file); moving them below http is theirs.
// eslint-disable-next-line no-restricted-imports
import {
  checkPasswordStrength,
  generatePassword,
  hashPassword,
  verifyPassword,
  type Principal,
  type Role,
} from '../http/auth.js';
import { AppError, errors } from '../domain/errors.js';

let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => (dummy ??= hashPassword(generatePassword()));

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export function toPrincipal(row: typeof users.$inferSelect): Principal {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    scopeId: row.scopeId,
    chief: row.chief,
    mustChangePassword: row.mustChangePassword,
  };
}

/** Creates `admin` on an empty users table; returns the generated password when none was configured. */
export async function bootstrapAdmin(db: Db, configured?: string): Promise<{ created: boolean; generatedPassword?: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7340012)`);
    const [{ count }] = (await tx.select({ count: sql<number>`count(*)::int` }).from(users)) as [{ count: number }];
    if (count > 0) return { created: false };
    const password = configured ?? generatePassword();
    const [admin] = await tx
      .insert(users)
      .values({
        username: 'admin',
        passwordHash: await hashPassword(password),
        role: 'admin',
        mustChangePassword: configured === undefined,
      })
      .returning();
    await appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'bootstrap-admin',
      entity: 'user',
      entityId: admin!.id,
      after: { username: 'admin', role: 'admin' },
    });
    return configured === undefined ? { created: true, generatedPassword: password } : { created: true };
  });
}

export async function login(db: Db, input: { username: string; password: string; now?: Date }): Promise<Principal> {
  const now = input.now ?? new Date();
  const [row] = await db.select().from(users).where(eq(users.username, input.username));
  if (!row) {
    // Same work and same answer as a wrong password: no user enumeration.
    await verifyPassword(await dummyHash(), input.password);
    throw errors.badCredentials();
  }
  if (row.lockedUntil && row.lockedUntil > now) throw errors.locked(row.lockedUntil);
  if (!(await verifyPassword(row.passwordHash, input.password))) {
    const failed = row.failedLogins + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil })
        .where(eq(users.id, row.id));
      await appendAudit(tx, {
        actor: { id: row.id, username: row.username, role: row.role },
        action: lockedUntil ? 'login-locked' : 'login-failed',
        entity: 'user',
        entityId: row.id,
        after: { failedLogins: failed },
      });
    });
    if (lockedUntil) throw errors.locked(lockedUntil);
    throw errors.badCredentials();
  }
  if (row.failedLogins > 0 || row.lockedUntil) {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id));
  }
  return toPrincipal(row);
}

export async function changePassword(
  db: Db,
  input: { principal: Principal; currentPassword: string; newPassword: string },
): Promise<Principal> {
  const weak = checkPasswordStrength(input.newPassword);
  if (weak) throw weak;
  const [row] = await db.select().from(users).where(eq(users.id, input.principal.id));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) throw errors.badCredentials();
  if (input.currentPassword === input.newPassword) {
    throw errors.badRequest('The new password must differ from the current one', '新密码不能与原密码相同');
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(users.id, row.id))
      .returning();
    await appendAudit(tx, {
      actor: { id: row.id, username: row.username, role: row.role },
      action: 'change-password',
      entity: 'user',
      entityId: row.id,
    });
    return toPrincipal(updated!);
  });
}

const SCOPE_KIND: Record<Exclude<Role, 'admin'>, ResourceKind> = {
  street: 'street',
  committee: 'community',
  scrutineer: 'meeting',
  bureau: 'district',
};

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly scopeId?: string | null | undefined;
  readonly chief?: boolean | undefined;
}

export async function createUser(db: Db, input: { actor: Actor; user: NewUser }) {
  const { user } = input;
  const weak = checkPasswordStrength(user.password);
  if (weak) throw weak;
  if (user.role === 'admin' ? user.scopeId : !user.scopeId) {
    throw errors.badRequest(
      user.role === 'admin' ? 'An admin has no scope' : `Role ${user.role} needs a scopeId`,
      user.role === 'admin' ? '系统管理员不设管辖范围' : '该角色须指定管辖范围（scopeId）',
    );
  }
  if (user.chief && user.role !== 'scrutineer') {
    throw errors.badRequest('Only a scrutineer can be chief', '只有监票人可以设为总监票人');
  }
  if (user.role !== 'admin') {
    const ancestry = await resolveAncestry(db, SCOPE_KIND[user.role], user.scopeId!);
    if (!ancestry) throw errors.notFound(`Scope ${SCOPE_KIND[user.role]}`, '指定的管辖范围');
  }
  const passwordHash = await hashPassword(user.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, user.username));
    if (existing) throw errors.conflict('USERNAME_TAKEN', 'Username already exists', '用户名已存在');
    const [row] = await tx
      .insert(users)
      .values({
        username: user.username,
        passwordHash,
        role: user.role,
        scopeId: user.role === 'admin' ? null : user.scopeId!,
        chief: user.chief ?? false,
      })
      .returning();
    const view = publicUser(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'user', entityId: row!.id, after: view });
    return view;
  });
}

export function publicUser(row: typeof users.$inferSelect) {
  return { id: row.id, username: row.username, role: row.role, scopeId: row.scopeId, chief: row.chief };
}

export { AppError };
