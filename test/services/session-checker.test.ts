import { describe, expect, it } from 'vitest';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../src/db/client.js';
import { sessionChecker, type Principal } from '../../src/services/users.js';

/** A database whose users table the test edits, counting the reads and holding each until the test lets it answer. */
function fakeDb() {
  const state = { users: new Map<string, { tokenVersion: number; active: boolean }>(), reads: [] as string[][], gates: [] as (() => void)[] };
  const db = {
    select: () => ({
      from: () => ({
        where: async (condition: unknown) => {
          // the ids of `inArray(users.id, ids)` are the query's parameters
          const ids = new PgDialect().sqlToQuery(condition as SQL).params;
          const found = [...state.users.keys()].filter((id) => ids.includes(id));
          state.reads.push(found);
          const rows = found.map((id) => ({ id, ...state.users.get(id)! })); // read when the query is sent
          await new Promise<void>((resolve) => state.gates.push(resolve));
          return rows;
        },
      }),
    }),
  } as unknown as DbOrTx;
  const release = async () => {
    for (let i = 0; i < 5; i += 1) {
      for (const g of state.gates.splice(0)) g();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { db, state, release };
}

const principal = (id: string, tokenVersion = 1): Principal => ({ id, username: id, role: 'committee', scopeId: null, chief: false, mustChangePassword: false, tokenVersion });

describe('sessionChecker', () => {
  it('reads the sessions of requests that arrive together in one query', async () => {
    const { db, state, release } = fakeDb();
    for (const id of ['u1', 'u2', 'u3']) state.users.set(id, { tokenVersion: 1, active: true });
    const check = sessionChecker(db);
    const checks = Array.from({ length: 30 }, (_, i) => check(principal(`u${(i % 3) + 1}`)));
    await new Promise((r) => setImmediate(r));
    await release();
    await Promise.all(checks);
    expect(state.reads).toHaveLength(1);
    expect(state.reads[0]!.sort()).toEqual(['u1', 'u2', 'u3']);
  });

  it('never answers a request from a read sent before it arrived: a token revoked meanwhile is refused', async () => {
    const { db, state, release } = fakeDb();
    state.users.set('u1', { tokenVersion: 1, active: true });
    state.users.set('u2', { tokenVersion: 1, active: true });
    const check = sessionChecker(db);
    const first = check(principal('u1'));
    await new Promise((r) => setImmediate(r)); // the first read is on its way (held)
    expect(state.reads).toHaveLength(1);
    state.users.set('u1', { tokenVersion: 2, active: true }); // password changed
    state.users.set('u2', { tokenVersion: 1, active: false }); // deactivated
    const later = [check(principal('u1')), check(principal('u2')), check(principal('nobody'))].map((p) => p.then(() => 'ok', (e: { code?: string }) => e.code));
    await release();
    await expect(first).resolves.toBeUndefined();
    expect(await Promise.all(later)).toEqual(['SESSION_ENDED', 'SESSION_ENDED', 'SESSION_ENDED']);
    expect(state.reads).toHaveLength(2);
  });

  it('passes a read failure to every request of the batch, and the next batch reads again', async () => {
    const { db, state, release } = fakeDb();
    state.users.set('u1', { tokenVersion: 1, active: true });
    let fail = true;
    const failing = {
      select: () => ({
        from: () => ({
          where: async (c: unknown) => {
            if (fail) throw new Error('connection lost');
            return (db as unknown as { select: () => { from: () => { where: (c: unknown) => Promise<unknown> } } }).select().from().where(c);
          },
        }),
      }),
    } as unknown as DbOrTx;
    const check = sessionChecker(failing);
    const both = [check(principal('u1')), check(principal('u1'))].map((p) => p.then(() => 'ok', (e: Error) => e.message));
    expect(await Promise.all(both)).toEqual(['connection lost', 'connection lost']);
    fail = false;
    const c = check(principal('u1'));
    await new Promise((r) => setImmediate(r));
    await release();
    await expect(c).resolves.toBeUndefined();
  });
});
