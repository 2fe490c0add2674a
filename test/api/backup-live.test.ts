/**
 * A backup downloaded from the running service (GET /backup, admin only) holds what was written before it, and on
 * PGlite restores into a data directory that opens with the same rows; audited.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restorePglite } from '../../src/db/backup.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { setup } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe(`GET /backup on ${dbKind}`, () => {
  it('gives the administrator a copy taken while the service runs, and records who took it', async () => {
    const { c } = await setup(t);
    const res = await t.call('GET', '/backup', { token: t.adminToken });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="huanjie-\d{14}\.(tar\.gz|dump)"/);
    const file = join(mkdtempSync(join(tmpdir(), 'backup-')), 'backup');
    writeFileSync(file, res.rawPayload);

    if (dbKind === 'pglite') {
      expect(res.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
      const dataDir = join(mkdtempSync(join(tmpdir(), 'restored-')), 'data');
      await restorePglite(dataDir, file);
      const restored = new PGlite(dataDir);
      try {
        const rows = await restored.query<{ id: string }>('select id from communities where id = $1', [c.id]);
        expect(rows.rows).toEqual([{ id: c.id }]);
      } finally {
        await restored.close();
      }
    } else {
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('PGDMP'); // pg_dump custom format
      const { stdout } = await promisify(execFile)('pg_restore', ['--list', file]);
      expect(stdout).toMatch(/TABLE DATA public communities/);
    }

    const audit = await t.call('GET', '/audit?entity=database', { token: t.adminToken });
    expect(audit.statusCode, audit.body).toBe(200);
    expect((audit.json() as { items: { action: string }[] }).items.map((i) => i.action)).toContain('backup');
  }, 120_000);

  it('refuses anyone but the administrator', async () => {
    const { c } = await setup(t);
    const res = await t.call('GET', '/backup', { token: c.committee });
    expect(res.statusCode).toBe(403);
  });
});
