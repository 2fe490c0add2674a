/**
 * The resident roster (常住人口名册) for VOT-COMPLETE (不漏登): imported with the same CSV/XLSX machinery, then
 * compared by the domain's `findMissingRegistrations` with the registrations of the district in this term.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { rosterEntries, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { parseIdNumber, maskIdNumber } from '../domain/id-card.js';
import { findMissingRegistrations } from '../domain/eligibility.js';
import { personNameProblem } from '../domain/names.js';
import { describeViolation } from '../domain/violations.js';
import { loadCommunityContext } from './rules.js';
import { mapHeader, RejectedRows, type ColumnIndex } from './voter-import.js';
import type { Row } from './table-reader.js';

const BATCH = 1000;

export async function importRoster(db: Db, input: { actor: Actor; communityId: string; today: string; rows: AsyncIterable<Row[]> }) {
  const { community } = await loadCommunityContext(db, input.communityId);
  return db.transaction(async (tx) => {
    let ix: ColumnIndex | null = null;
    let rowNo = 0;
    let accepted = 0;
    let duplicates = 0;
    const rejected = new RejectedRows();
    let pending: (typeof rosterEntries.$inferInsert)[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const inserted = await tx.insert(rosterEntries).values(pending).onConflictDoNothing().returning({ id: rosterEntries.id });
      accepted += inserted.length;
      duplicates += pending.length - inserted.length;
      pending = [];
    };
    for await (const batch of input.rows) {
      for (const row of batch) {
        rowNo += 1;
        if (ix === null) {
          ix = mapHeader(row, ['idNumber', 'name']);
          continue;
        }
        const raw = row[ix.idNumber!] ?? '';
        const name = (row[ix.name!] ?? '').trim();
        if (raw.trim() === '' && name === '') continue;
        const parsed = parseIdNumber(raw, input.today);
        if (!parsed.ok) {
          rejected.add(rowNo, 'VOT-ID', describeViolation(parsed.violations[0]).messageZh);
          continue;
        }
        if (name === '') {
          rejected.add(rowNo, 'IMPORT_FORMAT', '姓名不能为空');
          continue;
        }
        const nameProblem = personNameProblem(name);
        if (nameProblem) {
          rejected.add(rowNo, 'IMPORT_FORMAT', `姓名${nameProblem}`);
          continue;
        }
        pending.push({ communityId: community.id, idNumber: parsed.value.idNumber, name, birthDate: parsed.value.birthDate });
        if (pending.length >= BATCH) await flush();
      }
    }
    await flush();
    if (ix === null) throw errors.badRequest('The file is empty', '上传的文件为空');
    const report = { accepted, rejected: rejected.entries, rejectedRows: rejected.count, duplicates, total: rowNo - 1 };
    await appendAudit(tx, {
      actor: input.actor,
      action: 'import',
      entity: 'roster',
      entityId: community.id,
      after: { accepted, rejected: rejected.count, duplicates },
    });
    return report;
  });
}

/** VOT-COMPLETE (soft): adults of the roster registered nowhere in the district this term (unless explained). */
export async function missingRegistrations(db: DbOrTx, input: { communityId: string; today: string }) {
  const { community, round } = await loadCommunityContext(db, input.communityId);
  const roster = await db.select().from(rosterEntries).where(eq(rosterEntries.communityId, community.id));
  const registered: string[] = [];
  for (let i = 0; i < roster.length; i += 5000) {
    const ids = roster.slice(i, i + 5000).map((r) => r.idNumber);
    const found = await db
      .select({ idNumber: voters.idNumber })
      .from(voters)
      .where(and(eq(voters.districtId, community.districtId), eq(voters.term, round.term), inArray(voters.idNumber, ids)));
    for (const f of found) registered.push(f.idNumber);
  }
  const result = findMissingRegistrations({
    roster: roster.map((r) => ({ idNumber: r.idNumber, name: r.name })),
    registeredIdNumbers: registered,
    electionDay: community.electionDay,
    today: input.today,
  });
  const explanations = new Map(roster.map((r) => [r.idNumber, { id: r.id, explanation: r.explanation }]));
  const missing = result.ok
    ? result.value.missing.map((m) => ({
        rosterEntryId: explanations.get(m.idNumber)!.id,
        name: m.name,
        idNumber: maskIdNumber(m.idNumber),
        birthDate: m.birthDate,
        explanation: explanations.get(m.idNumber)!.explanation,
      }))
    : [];
  const unexplained = missing.filter((m) => !m.explanation).length;
  const warning = result.warnings[0];
  return {
    rule: 'VOT-COMPLETE' as const,
    status: unexplained > 0 ? ('warning' as const) : ('pass' as const),
    message: warning && unexplained > 0 ? describeViolation(warning).messageZh : '名册中年满18周岁的居民均已登记或已说明理由',
    roster: roster.length,
    missing,
    unexplained,
  };
}

/** The committee explains why a roster resident is not registered (VOT-COMPLETE is soft: 说明理由). */
export async function explainMissing(db: Db, input: { actor: Actor; communityId: string; rosterEntryId: string; text: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(rosterEntries)
      .set({ explanation: input.text })
      .where(and(eq(rosterEntries.id, input.rosterEntryId), eq(rosterEntries.communityId, input.communityId)))
      .returning();
    if (!row) throw errors.notFound('Roster entry', '名册记录');
    await appendAudit(tx, { actor: input.actor, action: 'explain', entity: 'roster-entry', entityId: row.id, after: { rule: 'VOT-COMPLETE', text: input.text } });
    return { rosterEntryId: row.id, explanation: row.explanation };
  });
}

