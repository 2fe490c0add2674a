/** Districts (区) and streets (街道). */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { districts, streets } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';

export async function createDistrict(db: Db, input: { actor: Actor; name: string; code: string }) {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.code, input.code));
    if (existing) throw errors.conflict('DISTRICT_CODE_TAKEN', 'District code already exists', '区划代码已存在');
    const [row] = await tx.insert(districts).values({ name: input.name, code: input.code }).returning();
    const view = { id: row!.id, name: row!.name, code: row!.code };
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'district', entityId: row!.id, after: view });
    return view;
  });
}

export async function createStreet(db: Db, input: { actor: Actor; districtId: string; name: string; code: string }) {
  return db.transaction(async (tx) => {
    const [district] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, input.districtId));
    if (!district) throw errors.notFound('District', '区');
    const [existing] = await tx
      .select({ id: streets.id })
      .from(streets)
      .where(and(eq(streets.districtId, input.districtId), eq(streets.code, input.code)));
    if (existing) throw errors.conflict('STREET_CODE_TAKEN', 'Street code already exists in this district', '该区已有相同代码的街道');
    const [row] = await tx
      .insert(streets)
      .values({ districtId: input.districtId, name: input.name, code: input.code })
      .returning();
    const view = { id: row!.id, districtId: row!.districtId, name: row!.name, code: row!.code };
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'street', entityId: row!.id, after: view });
    return view;
  });
}
