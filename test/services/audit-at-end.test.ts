/** withAuditAtEnd: a transaction's audit entries are written at its end, in order, on an intact chain. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { appendAudit, SYSTEM_ACTOR, verifyAudit, withAuditAtEnd } from '../../src/db/audit.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('withAuditAtEnd', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.dispose());

  const count = async (db: Parameters<typeof verifyAudit>[0]) =>
    Number(((await db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

  it('keeps the entries until the end of the work, then writes them in order with their heads', async () => {
    const db = t.database.db;
    await appendAudit(db, { actor: SYSTEM_ACTOR, action: 'before', entity: 'test' });
    const start = await count(db);
    const { heads, during } = await db.transaction(async (tx) =>
      withAuditAtEnd(tx, async () => {
        const a = await appendAudit(tx, { actor: SYSTEM_ACTOR, action: 'first', entity: 'test' });
        const b = await appendAudit(tx, { actor: SYSTEM_ACTOR, action: 'second', entity: 'test' });
        return { heads: [a, b], during: await count(tx) };
      }),
    );
    expect(during).toBe(start); // nothing written (nor the chain's lock taken) while the work ran
    expect(await count(db)).toBe(start + 2);
    expect(heads[1]!.seq).toBe(heads[0]!.seq + 1);
    const rows = ((await db.execute(sql`select seq, action, hash from audit_log order by seq desc limit 2`)) as unknown as { rows: { seq: number; action: string; hash: string }[] }).rows.reverse();
    expect(rows.map((r) => [Number(r.seq), r.action, r.hash])).toEqual([
      [heads[0]!.seq, 'first', heads[0]!.hash],
      [heads[1]!.seq, 'second', heads[1]!.hash],
    ]);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('writes nothing when the work fails', async () => {
    const db = t.database.db;
    const start = await count(db);
    await expect(
      db.transaction(async (tx) =>
        withAuditAtEnd(tx, async () => {
          await appendAudit(tx, { actor: SYSTEM_ACTOR, action: 'lost', entity: 'test' });
          throw new Error('refused');
        }),
      ),
    ).rejects.toThrow('refused');
    expect(await count(db)).toBe(start);
    // a later entry outside it is written at once
    await appendAudit(db, { actor: SYSTEM_ACTOR, action: 'after', entity: 'test' });
    expect(await count(db)).toBe(start + 1);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
