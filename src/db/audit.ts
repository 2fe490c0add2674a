/**
 * The audit log: every change appends one entry in the same transaction as the change itself.
 * Entries are hash-chained: hash = sha256(prevHash + canonical JSON of the entry).
 */
import { createHash } from 'node:crypto';
import { asc, desc, eq, and, gt, sql } from 'drizzle-orm';
import stringify from 'safe-stable-stringify';
import { auditLog } from './schema.js';
import type { DbOrTx } from './client.js';

export interface Actor {
  readonly id: string | null;
  readonly username: string;
  readonly role: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', role: 'system' };

export interface AuditInput {
  readonly actor: Actor;
  readonly action: string;
  readonly entity: string;
  readonly entityId?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

const GENESIS = '0'.repeat(64);
/** One lock key serialises writers of the chain (both on PostgreSQL and PGlite). */
const AUDIT_LOCK_KEY = 7_340_011;

const ID_NUMBER = /\b(\d{6})\d{8}(\d{3}[\dXx])\b/g;

/** Identity numbers never enter the audit log whole. */
function scrub(value: unknown): unknown {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  if (json === undefined) return null;
  return JSON.parse(json.replace(ID_NUMBER, '$1********$2')) as unknown;
}

function entryHash(prevHash: string, entry: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(stringify(entry) ?? '').digest('hex');
}

function hashedFields(row: {
  at: Date;
  actorId: string | null;
  actorName: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}): Record<string, unknown> {
  return {
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    role: row.role,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

/** Appends one entry; call it inside the transaction that makes the change. */
export async function appendAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: new Date(),
    actorId: input.actor.id,
    actorName: input.actor.username,
    role: input.actor.role,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId ?? null,
    before: scrub(input.before),
    after: scrub(input.after),
  };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: entryHash(prevHash, hashedFields(row)) });
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly firstBroken?: { readonly seq: number; readonly reason: 'hash' | 'link' };
}

/** Walks the chain in order, in pages, and reports the first entry whose hash or link is wrong. */
export async function verifyAudit(db: DbOrTx): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let lastSeq = 0;
  let entries = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(1000);
    if (page.length === 0) return { ok: true, entries };
    for (const row of page) {
      if (row.prevHash !== prevHash) return { ok: false, entries, firstBroken: { seq: row.seq, reason: 'link' } };
      if (entryHash(prevHash, hashedFields(row)) !== row.hash) {
        return { ok: false, entries, firstBroken: { seq: row.seq, reason: 'hash' } };
      }
      prevHash = row.hash;
      lastSeq = row.seq;
      entries += 1;
    }
  }
}

export async function readAudit(db: DbOrTx, filter: { entity?: string; entityId?: string; limit?: number }) {
  const where = and(
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
  );
  return db.select().from(auditLog).where(where).orderBy(asc(auditLog.seq)).limit(filter.limit ?? 500);
}
