/**
 * Users, login with per-address back-off, sessions that end (token versions), the first-start bootstrap of `admin`.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { sqlStateOf, type Db, type DbOrTx } from '../db/client.js';
import { loginThrottle, users } from '../db/schema.js';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../db/audit.js';
import { resolveAncestry, type ResourceKind } from '../db/ancestry.js';
import { checkPasswordStrength, dummyHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { AppError, errors } from '../domain/errors.js';

export const ROLES = ['admin', 'street', 'committee', 'scrutineer', 'bureau', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly scopeId: string | null;
  readonly chief: boolean;
  readonly mustChangePassword: boolean;
  /** The user's token version when the token was issued; a raised version ends the token. */
  readonly tokenVersion: number;
}

/** Wrong passwords from one address for one user name before that address waits for it. */
export const MAX_FAILED_LOGINS = 5;
/** The first wait; each further lock of the same address and name doubles it, up to the cap. */
export const LOCKOUT_BASE_MINUTES = 1;
export const LOCKOUT_MAX_MINUTES = 30;

type UserRow = typeof users.$inferSelect;

export function toPrincipal(row: UserRow): Principal {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    scopeId: row.scopeId,
    chief: row.chief,
    mustChangePassword: row.mustChangePassword,
    tokenVersion: row.tokenVersion,
  };
}

const byUsername = (username: string) => sql`lower(${users.username}) = lower(${username})`;

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

/**
 * Counts one failed login for (address, name) in one statement, so concurrent failures cannot lose a count: the
 * attempt that reaches the limit sets the lock, and attempts meeting a lock count nothing. Returns the lock, if any.
 */
async function countFailure(db: Db, input: { address: string; username: string; now: Date }): Promise<Date | null> {
  const { address, now } = input;
  const username = input.username.toLowerCase();
  const t = loginThrottle;
  const locked = sql`${t.lockedUntil} is not null and ${t.lockedUntil} > ${now}`;
  const reaches = sql`${t.failures} + 1 >= ${MAX_FAILED_LOGINS}`;
  const wait = sql`make_interval(mins => least(${LOCKOUT_BASE_MINUTES} * power(2, least(${t.lockouts}, 16))::int, ${LOCKOUT_MAX_MINUTES}))`;
  const [row] = await db
    .insert(t)
    .values({ address, username, failures: 1, lockouts: 0, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: [t.address, t.username],
      set: {
        failures: sql`case when ${locked} then ${t.failures} when ${reaches} then 0 else ${t.failures} + 1 end`,
        lockouts: sql`case when ${locked} then ${t.lockouts} when ${reaches} then ${t.lockouts} + 1 else ${t.lockouts} end`,
        lockedUntil: sql`case when ${locked} then ${t.lockedUntil} when ${reaches} then ${now}::timestamptz + ${wait} else ${t.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ lockedUntil: t.lockedUntil, lockouts: t.lockouts });
  const until = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
  return until;
}

/**
 * Login. Known and unknown names take the same path (a dummy hash is verified for an unknown one) and get the same
 * answers, locks included. A lock keeps one address away from one name, so nobody can keep `admin` out from
 * everywhere; an admin may unlock.
 */
export async function login(db: Db, input: { username: string; password: string; address: string; now?: Date }): Promise<Principal> {
  const now = input.now ?? new Date();
  const key = and(eq(loginThrottle.address, input.address), eq(loginThrottle.username, input.username.toLowerCase()));
  const [throttle] = await db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(key);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) throw errors.locked(throttle.lockedUntil);
  const [row] = await db.select().from(users).where(byUsername(input.username));
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash()), input.password);
  if (!row || !ok) {
    const lockedUntil = await countFailure(db, { address: input.address, username: input.username, now });
    if (!lockedUntil) throw errors.badCredentials();
    if (!throttle?.lockedUntil || throttle.lockedUntil.getTime() !== lockedUntil.getTime()) {
      await db.transaction((tx) =>
        appendAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: 'login-locked',
          entity: 'login',
          entityId: input.username.toLowerCase().slice(0, 100),
          after: { address: input.address, lockedUntil: lockedUntil.toISOString() },
        }),
      );
    }
    throw errors.locked(lockedUntil);
  }
  if (!row.active) throw errors.accountDisabled();
  if (throttle) await db.delete(loginThrottle).where(key);
  return toPrincipal(row);
}

type SessionRow = { id: string; tokenVersion: number; active: boolean };
interface SessionBatch {
  readonly ids: Set<string>;
  readonly done: Promise<Map<string, SessionRow>>;
}

/**
 * Every request: the token's version must still be the user's, and the user active (survives restarts). The checks
 * that arrive together are read in one query: a check joins the batch that has not been sent yet, never one already
 * on its way (so a token revoked before the request arrived is always seen); while one batch is being read, the next
 * one gathers. Under load each request's own query for its session was one of its two to four pool checkouts (the
 * soak's tail was time spent waiting for a pool client, BENCHMARKS.md).
 */
export function sessionChecker(db: DbOrTx): (principal: Principal) => Promise<void> {
  let open: (SessionBatch & { start: () => void }) | null = null;
  let inFlight: Promise<unknown> | null = null;
  const read = async (ids: Set<string>): Promise<Map<string, SessionRow>> => {
    const rows = await db
      .select({ id: users.id, tokenVersion: users.tokenVersion, active: users.active })
      .from(users)
      .where(inArray(users.id, [...ids]));
    return new Map(rows.map((r) => [r.id, r]));
  };
  const newBatch = () => {
    const ids = new Set<string>();
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    const done = started.then(() => read(ids));
    const batch = { ids, done, start };
    const send = () => {
      if (open === batch) open = null;
      inFlight = done.then(
        () => (inFlight = null),
        () => (inFlight = null),
      );
      start();
    };
    // The first batch goes on the next turn (the checks of the same turn join it); the next waits for the one in flight.
    if (inFlight) void inFlight.then(() => setImmediate(send));
    else setImmediate(send);
    return batch;
  };
  return async (principal) => {
    open ??= newBatch();
    open.ids.add(principal.id);
    const rows = await open.done;
    const row = rows.get(principal.id);
    if (!row || !row.active || row.tokenVersion !== principal.tokenVersion) throw errors.sessionEnded();
  };
}

/** A changed password ends every earlier token; the caller gets a new one for the returned principal. */
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
      .set({ passwordHash, mustChangePassword: false, tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.id, row.id))
      .returning();
    await appendAudit(tx, {
      actor: { id: row.id, username: row.username, role: row.role },
      action: 'change-password',
      entity: 'user',
      entityId: row.id,
      after: { tokenVersion: updated!.tokenVersion },
    });
    return toPrincipal(updated!);
  });
}

async function updateUser(
  db: Db,
  input: { actor: Actor; userId: string; action: string; set: Partial<typeof users.$inferInsert>; endSessions: boolean },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
    if (!before) throw errors.notFound('User', '用户');
    const [after] = await tx
      .update(users)
      .set({ ...input.set, ...(input.endSessions ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {}) })
      .where(eq(users.id, before.id))
      .returning();
    const summary = (r: UserRow) => ({ active: r.active, mustChangePassword: r.mustChangePassword, tokenVersion: r.tokenVersion });
    await appendAudit(tx, { actor: input.actor, action: input.action, entity: 'user', entityId: before.id, before: summary(before), after: summary(after!) });
    return after!;
  });
}

/** An admin sets a new password (to be changed at the next login); every token of the user ends, any lock is lifted. */
export async function resetPassword(db: Db, input: { actor: Actor; userId: string; password?: string | undefined }) {
  const password = input.password ?? generatePassword();
  const weak = checkPasswordStrength(password);
  if (weak) throw weak;
  const row = await updateUser(db, {
    actor: input.actor,
    userId: input.userId,
    action: 'reset-password',
    set: { passwordHash: await hashPassword(password), mustChangePassword: true },
    endSessions: true,
  });
  await db.delete(loginThrottle).where(eq(loginThrottle.username, row.username.toLowerCase()));
  return { user: publicUser(row), ...(input.password ? {} : { generatedPassword: password }) };
}

/** Deactivating ends every token at once; reactivating lets the user log in again (with new tokens only). */
export async function setUserActive(db: Db, input: { actor: Actor; userId: string; active: boolean }) {
  const row = await updateUser(db, {
    actor: input.actor,
    userId: input.userId,
    action: input.active ? 'activate' : 'deactivate',
    set: { active: input.active },
    endSessions: true,
  });
  return publicUser(row);
}

/** Lifts every login lock on the user's name, from every address. */
export async function unlockUser(db: Db, input: { actor: Actor; userId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, input.userId));
    if (!row) throw errors.notFound('User', '用户');
    const lifted = await tx.delete(loginThrottle).where(eq(loginThrottle.username, row.username.toLowerCase())).returning({ address: loginThrottle.address });
    await appendAudit(tx, { actor: input.actor, action: 'unlock', entity: 'user', entityId: row.id, after: { addresses: lifted.length } });
    return { ...publicUser(row), unlocked: lifted.length };
  });
}

/**
 * A user who never logs in with a password (scripts, benchmarks and tests that mint tokens directly): the row gives
 * the token a version to be checked against, and its password hash matches nothing.
 */
export async function createTokenUser(
  db: DbOrTx,
  input: { username: string; role: Role; scopeId: string | null; chief?: boolean; mustChangePassword?: boolean },
): Promise<Principal> {
  const [row] = await db
    .insert(users)
    .values({
      username: input.username,
      passwordHash: '!',
      role: input.role,
      scopeId: input.scopeId,
      chief: input.chief ?? false,
      mustChangePassword: input.mustChangePassword ?? false,
    })
    .returning();
  return toPrincipal(row!);
}

const SCOPE_KIND: Record<Exclude<Role, 'admin'>, ResourceKind> = {
  street: 'street',
  committee: 'community',
  scrutineer: 'meeting',
  bureau: 'district',
  // 资格联审部门审查人: one department of a district (CAN-VETTING).
  reviewer: 'department',
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
    const [existing] = await tx.select({ id: users.id }).from(users).where(byUsername(user.username));
    if (existing) throw usernameTaken();
    const [row] = await tx
      .insert(users)
      .values({
        username: user.username,
        passwordHash,
        role: user.role,
        scopeId: user.role === 'admin' ? null : user.scopeId!,
        chief: user.chief ?? false,
      })
      .returning()
      .catch((error: unknown) => {
        // The same name in another case, created meanwhile: the unique index on lower(username) refused it.
        throw sqlStateOf(error) === '23505' ? usernameTaken() : error;
      });
    const view = publicUser(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'user', entityId: row!.id, after: view });
    return view;
  });
}

const usernameTaken = () => errors.conflict('USERNAME_TAKEN', 'Username already exists (names are compared regardless of case)', '用户名已存在（不区分大小写）');

export function publicUser(row: UserRow) {
  return { id: row.id, username: row.username, role: row.role, scopeId: row.scopeId, chief: row.chief, active: row.active };
}

export { AppError };

export interface UserPatch {
  readonly active?: boolean | undefined;
  /** true: a generated password (returned once); a string: that password. Either way to be changed at next login. */
  readonly resetPassword?: boolean | undefined;
  readonly password?: string | undefined;
  readonly scopeId?: string | null | undefined;
  readonly chief?: boolean | undefined;
}

/**
 * An admin edits a user (PATCH /users/:id): active, a password reset, the scope (and a scrutineer's chief flag).
 * Anything that changes what a token stands for (deactivation, a new password, a new scope or chief flag) ends
 * every token of the user. An admin cannot deactivate their own account. One audit entry, before and after.
 */
export async function patchUser(db: Db, input: UserPatch & { actor: Actor; userId: string }) {
  const generated = input.resetPassword === true && input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated;
  if (password !== undefined) {
    const weak = checkPasswordStrength(password);
    if (weak) throw weak;
  }
  const passwordHash = password !== undefined ? await hashPassword(password) : undefined;
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
    if (!before) throw errors.notFound('User', '用户');
    if (input.active === false && before.id === input.actor.id) {
      throw errors.conflict('SELF_DEACTIVATION', 'You cannot deactivate your own account', '不能停用自己的账户');
    }
    const set: Partial<typeof users.$inferInsert> = {};
    if (input.active !== undefined && input.active !== before.active) set.active = input.active;
    if (passwordHash !== undefined) Object.assign(set, { passwordHash, mustChangePassword: true });
    if (input.scopeId !== undefined && input.scopeId !== before.scopeId) {
      if (before.role === 'admin' ? input.scopeId !== null : input.scopeId === null) {
        throw errors.badRequest(
          before.role === 'admin' ? 'An admin has no scope' : `Role ${before.role} needs a scopeId`,
          before.role === 'admin' ? '系统管理员不设管辖范围' : '该角色须指定管辖范围（scopeId）',
        );
      }
      if (before.role !== 'admin' && !(await resolveAncestry(tx, SCOPE_KIND[before.role], input.scopeId!))) {
        throw errors.notFound(`Scope ${SCOPE_KIND[before.role as Exclude<Role, 'admin'>]}`, '指定的管辖范围');
      }
      set.scopeId = input.scopeId;
    }
    if (input.chief !== undefined && input.chief !== before.chief) {
      if (input.chief && before.role !== 'scrutineer') throw errors.badRequest('Only a scrutineer can be chief', '只有监票人可以设为总监票人');
      set.chief = input.chief;
    }
    const endSessions = set.active === false || set.passwordHash !== undefined || set.scopeId !== undefined || set.chief !== undefined;
    if (Object.keys(set).length === 0) return before;
    const [after] = await tx
      .update(users)
      .set({ ...set, ...(endSessions ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {}) })
      .where(eq(users.id, before.id))
      .returning();
    const summary = (r: UserRow) => ({ ...publicUser(r), mustChangePassword: r.mustChangePassword, tokenVersion: r.tokenVersion });
    await appendAudit(tx, {
      actor: input.actor,
      action: 'update',
      entity: 'user',
      entityId: before.id,
      before: summary(before),
      after: { ...summary(after!), ...(passwordHash !== undefined ? { passwordReset: true } : {}) },
    });
    if (passwordHash !== undefined) await tx.delete(loginThrottle).where(eq(loginThrottle.username, before.username.toLowerCase()));
    return after!;
  });
  return { user: publicUser(row), ...(generated ? { generatedPassword: generated } : {}) };
}

/** The CLI's reset (no HTTP actor): a generated password by user name, to be changed at next login. */
export async function resetPasswordByName(db: Db, input: { actor: Actor; username: string }) {
  const [row] = await db.select({ id: users.id }).from(users).where(byUsername(input.username));
  if (!row) throw errors.notFound('User', '用户');
  const result = await patchUser(db, { actor: input.actor, userId: row.id, resetPassword: true });
  return { user: result.user, password: result.generatedPassword! };
}
