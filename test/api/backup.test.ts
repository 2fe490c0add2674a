import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from '../../src/db/backup.js';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { verifyAudit } from '../../src/db/audit.js';
import { createDistrict, createStreet } from '../../src/services/geography.js';
import { SYSTEM_ACTOR } from '../../src/db/audit.js';
import { createTestDatabase, dbKind } from '../support/database.js';

const dir = mkdtempSync(join(tmpdir(), 'huanjie-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seed(database: Database): Promise<void> {
  const district = await createDistrict(database.db, { actor: SYSTEM_ACTOR, name: '城关区', code: 'cg' });
  await createStreet(database.db, { actor: SYSTEM_ACTOR, districtId: district.id, name: '张掖路街道', code: 'zy' });
}

async function fingerprint(database: Database) {
  const rows = (await database.db.execute(sql`select (select count(*)::int from streets) as streets, (select max(hash) from audit_log) as last`)) as unknown as { rows: unknown[] };
  return { rows: rows.rows, audit: await verifyAudit(database.db) };
}

describe(`backup and restore on ${dbKind}`, () => {
  it('restores a database whose audit chain verifies and whose data is the same', async () => {
    if (dbKind === 'postgres') {
      const source = await createTestDatabase();
      const target = await createTestDatabase({ migrate: false });
      try {
        await seed(source.database);
        const before = await fingerprint(source.database);
        const file = join(dir, 'pg.dump');
        await backupPostgres(source.url!, file);
        await restorePostgres(target.url!, file);
        const after = await fingerprint(target.database);
        expect(after.audit.ok).toBe(true);
        expect(after.audit.entries).toBe(before.audit.entries);
        expect(after.rows).toEqual(before.rows);
      } finally {
        await source.dispose();
        await target.dispose();
      }
      return;
    }
    const dataDir = join(dir, 'pglite');
    const source = await openDatabase({ dataDir });
    await migrateDatabase(source);
    await seed(source);
    const before = await fingerprint(source);
    await source.close();
    const file = join(dir, 'pglite.tar.gz');
    await backupPglite(dataDir, file);
    const restoredDir = join(dir, 'restored');
    await restorePglite(restoredDir, file);
    const restored = await openDatabase({ dataDir: restoredDir });
    const after = await fingerprint(restored);
    await restored.close();
    expect(after.audit.ok).toBe(true);
    expect(after.audit.entries).toBe(before.audit.entries);
    expect(after.rows).toEqual(before.rows);
  });
});
