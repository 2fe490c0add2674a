/**
 * The voter register as an XLSX file, streamed (ExcelJS streaming writer, keyset pages from the database).
 * Cells are neutralised against formula injection; identity numbers are masked unless the caller is the
 * community's own committee or the bureau, and such a whole-number export is audited.
 */
import { PassThrough, type Readable } from 'node:stream';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.js';
import { voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { maskIdNumber } from '../domain/id-card.js';
import { loadCommunityContext } from './rules.js';
import { seesWholeNumbers } from './voters.js';
import { neutralise } from './cell-text.js';

const PAGE = 5000;
const RESIDENCY_ZH: Record<string, string> = { registered: '户籍', resident: '居住', worker: '工作' };
const SEX_ZH: Record<string, string> = { male: '男', female: '女' };

export async function exportVoters(db: Db, input: { actor: Actor; communityId: string }): Promise<{ stream: Readable; filename: string; whole: boolean }> {
  const { community } = await loadCommunityContext(db, input.communityId);
  const whole = seesWholeNumbers(input.actor);
  if (whole) {
    await db.transaction((tx) =>
      appendAudit(tx, { actor: input.actor, action: 'export-id-numbers', entity: 'community', entityId: community.id, after: { what: 'voter register (whole identity numbers)' } }),
    );
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('选民名单');
  const produce = async () => {
    sheet.addRow(['序号', '姓名', '性别', '出生日期', '公民身份号码', '户籍/居住', '居民小组', '户号', '住址']).commit();
    let lastId: string | null = null;
    let n = 0;
    for (;;) {
      const where: SQL | undefined = lastId ? and(eq(voters.communityId, community.id), gt(voters.id, lastId)) : eq(voters.communityId, community.id);
      const page: (typeof voters.$inferSelect)[] = await db.select().from(voters).where(where).orderBy(asc(voters.id)).limit(PAGE);
      for (const v of page) {
        n += 1;
        sheet
          .addRow([
            n,
            neutralise(v.name),
            SEX_ZH[v.sex] ?? v.sex,
            v.birthDate,
            whole ? v.idNumber : maskIdNumber(v.idNumber),
            RESIDENCY_ZH[v.residency] ?? v.residency,
            neutralise(v.groupName),
            neutralise(v.householdNo),
            neutralise(v.address),
          ])
          .commit();
      }
      if (page.length < PAGE) break;
      lastId = page[page.length - 1]!.id;
    }
    sheet.commit();
    await workbook.commit();
  };
  produce().catch((error: unknown) => out.destroy(error as Error));
  return { stream: out, filename: `voters-${community.code}.xlsx`, whole };
}
