/**
 * The audit log: every change appends one entry in the same transaction as the change itself.
 * Entries are chained with a key kept outside the database (AUDIT_KEY or DATA_DIR/audit-key):
 * hash = HMAC-SHA256(key, prevHash + canonical JSON of the entry), so rows rewritten with recomputed hashes do not
 * verify. Filings record the chain head (sequence and hash, with a MAC) when submitted or reviewed, so entries
 * deleted from the end up to a recorded head are detected too.
 *
 * Entries written before the key existed (migration 0005) keep their plain SHA-256 chain: the settings row
 * `audit_keyed_from` holds the first keyed sequence and the hash of the last plain entry, sealed with a MAC the first
 * time the keyed service touches the log; verification checks the plain entries with SHA-256 up to that point,
 * requires the last of them to be the sealed hash, and everything after it keyed.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { asc, desc, eq, and, gt, sql } from 'drizzle-orm';
import stringify from 'safe-stable-stringify';
import { auditAnchors, auditLog, settings } from './schema.js';
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

let auditKey: Buffer | undefined;

/** The chain's key (src/secrets.ts loads it at start). */
export function useAuditKey(key: Buffer): void {
  auditKey = key;
}

function keyOf(): Buffer {
  if (!auditKey) throw new Error('The audit key is not loaded (loadSecrets)');
  return auditKey;
}

const mac = (text: string): string => createHmac('sha256', keyOf()).update(text).digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Entries before the key existed. */
function plainHash(prevHash: string, entry: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(stringify(entry) ?? '').digest('hex');
}

function entryHash(prevHash: string, entry: Record<string, unknown>): string {
  return createHmac('sha256', keyOf()).update(prevHash).update(stringify(entry) ?? '').digest('hex');
}

const SWITCH = 'audit_keyed_from';
const switchMac = (from: number, plainHead: string): string => mac(`audit-switch|${from}|${plainHead}`);

interface Switch {
  readonly from: number;
  readonly plainHead: string;
  readonly sealed: boolean;
}

async function readSwitch(tx: DbOrTx): Promise<Switch | null> {
  const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, SWITCH));
  if (!row) return null;
  const [from, plainHead, seal] = row.value.split(':');
  const seq = Number(from);
  if (!Number.isSafeInteger(seq) || seq < 1) return { from: 1, plainHead: GENESIS, sealed: false };
  if (plainHead === undefined || seal === undefined) return { from: seq, plainHead: GENESIS, sealed: false };
  return { from: seq, plainHead, sealed: sameText(seal, switchMac(seq, plainHead)) };
}

/**
 * Seals the switch written by the migration (the first keyed sequence, the last plain hash) with the key; a missing
 * switch means every entry is keyed. Runs under the chain's lock; idempotent.
 */
async function sealSwitch(tx: DbOrTx): Promise<void> {
  const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, SWITCH));
  if (row?.value.includes(':')) return;
  const from = row ? Number(row.value) : 1;
  const [plain] = from > 1 ? await tx.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, from - 1)) : [];
  const plainHead = plain?.hash ?? GENESIS;
  const value = `${from}:${plainHead}:${switchMac(from, plainHead)}`;
  await tx.insert(settings).values({ key: SWITCH, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

/** At start, before anything else is audited: seal the switch point of a database upgraded from the plain chain. */
export async function prepareAuditChain(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    await sealSwitch(tx);
  });
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

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** Entries of a transaction run by `withAuditAtEnd`, kept until its end; each with the head object handed back. */
const kept = new WeakMap<object, { input: AuditInput; head: { seq: number; hash: string } }[]>();

/**
 * Appends one entry; call it inside the transaction that makes the change. Returns the new head of the chain (inside
 * `withAuditAtEnd`, an object whose seq and hash are filled in when the entries are written at the end).
 */
export async function appendAudit(tx: DbOrTx, input: AuditInput): Promise<ChainHead> {
  const later = kept.get(tx);
  if (later) {
    const head = { seq: 0, hash: '' };
    later.push({ input, head });
    return head;
  }
  const [head] = await appendEntries(tx, [input]);
  return head!;
}

/** Takes the chain's lock and writes the entries in order; the lock is held until the transaction ends. */
async function appendEntries(tx: DbOrTx, inputs: readonly AuditInput[]): Promise<ChainHead[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  await sealSwitch(tx);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let prevHash = last?.hash ?? GENESIS;
  const at = new Date();
  const heads: ChainHead[] = [];
  // one insert each, in order: the sequence is the chain's order
  for (const input of inputs) {
    const row = {
      at,
      actorId: input.actor.id,
      actorName: input.actor.username,
      role: input.actor.role,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId ?? null,
      before: scrub(input.before),
      after: scrub(input.after),
    };
    const hash = entryHash(prevHash, hashedFields(row));
    const [inserted] = await tx.insert(auditLog).values({ ...row, prevHash, hash }).returning({ seq: auditLog.seq });
    heads.push({ seq: inserted!.seq, hash });
    prevHash = hash;
  }
  return heads;
}

/**
 * Runs `fn` inside `tx` with the audit entries it appends (through `appendAudit` on this same `tx`) written at its
 * end, under the chain's lock taken only then. Every audited write waits for that one lock until it commits: a tally
 * entry held it over about fifteen round trips (the comparison, the sheet, the contest's advance); now over three.
 * Under the soak's paced entries the writers queued on it held the pool's clients (BENCHMARKS.md).
 */
export async function withAuditAtEnd<T>(tx: DbOrTx, fn: () => Promise<T>): Promise<T> {
  const entries: { input: AuditInput; head: { seq: number; hash: string } }[] = [];
  kept.set(tx, entries);
  let result: T;
  try {
    result = await fn();
  } finally {
    kept.delete(tx);
  }
  if (entries.length > 0) {
    const heads = await appendEntries(tx, entries.map((e) => e.input));
    entries.forEach((e, i) => Object.assign(e.head, heads[i]));
  }
  return result;
}

const anchorMac = (head: ChainHead): string => mac(`audit-anchor|${head.seq}|${head.hash}`);

/** Records a chain head (a filing submitted or reviewed) so that deleting entries up to it is detected. */
export async function anchorHead(tx: DbOrTx, input: { head: ChainHead; filingId: string }): Promise<void> {
  await tx.insert(auditAnchors).values({ seq: input.head.seq, hash: input.head.hash, mac: anchorMac(input.head), filingId: input.filingId });
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** Chain heads recorded by filings, each checked. */
  readonly anchors: number;
  /** Entries before the key existed, verified with the plain SHA-256 chain. */
  readonly plainEntries: number;
  readonly firstBroken?: { readonly seq: number; readonly reason: 'hash' | 'link' | 'anchor' | 'switch' };
}

/**
 * Walks the chain in order, in pages, and reports the first entry whose hash or link is wrong, a recorded head that
 * is missing or differs (entries deleted or rewritten), or a switch point that is not sealed with the key.
 */
export async function verifyAudit(db: DbOrTx): Promise<AuditVerification> {
  const sw = await readSwitch(db);
  const anchors = await db.select().from(auditAnchors).orderBy(asc(auditAnchors.seq));
  const base = { anchors: anchors.length, plainEntries: 0 };
  if (!sw?.sealed) return { ok: false, entries: 0, ...base, firstBroken: { seq: sw?.from ?? 1, reason: 'switch' } };
  const forged = anchors.find((a) => !sameText(a.mac, anchorMac(a)));
  if (forged) return { ok: false, entries: 0, ...base, firstBroken: { seq: forged.seq, reason: 'anchor' } };
  const expected = new Map(anchors.map((a) => [a.seq, a.hash]));
  let prevHash = GENESIS;
  let lastSeq = 0;
  let entries = 0;
  let plainEntries = 0;
  let crossed = false;
  const broken = (seq: number, reason: 'hash' | 'link' | 'anchor' | 'switch'): AuditVerification => ({
    ok: false,
    entries,
    anchors: anchors.length,
    plainEntries,
    firstBroken: { seq, reason },
  });
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(1000);
    if (page.length === 0) break;
    for (const row of page) {
      // The first keyed entry follows the sealed last plain one.
      if (row.seq >= sw.from && !crossed) {
        crossed = true;
        if (prevHash !== sw.plainHead) return broken(row.seq, 'switch');
      }
      if (row.prevHash !== prevHash) return broken(row.seq, 'link');
      const plain = row.seq < sw.from;
      const hash = plain ? plainHash(prevHash, hashedFields(row)) : entryHash(prevHash, hashedFields(row));
      if (!sameText(hash, row.hash)) return broken(row.seq, 'hash');
      const anchored = expected.get(row.seq);
      if (anchored !== undefined) {
        if (anchored !== row.hash) return broken(row.seq, 'anchor');
        expected.delete(row.seq);
      }
      prevHash = row.hash;
      lastSeq = row.seq;
      entries += 1;
      if (plain) plainEntries += 1;
    }
  }
  if (!crossed && prevHash !== sw.plainHead) return broken(lastSeq, 'switch');
  const [missing] = expected.keys();
  if (missing !== undefined) return broken(missing, 'anchor');
  return { ok: true, entries, anchors: anchors.length, plainEntries };
}

export async function readAudit(db: DbOrTx, filter: { entity?: string; entityId?: string; limit?: number }) {
  const where = and(
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
  );
  return db.select().from(auditLog).where(where).orderBy(asc(auditLog.seq)).limit(filter.limit ?? 500);
}
