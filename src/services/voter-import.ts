/**
 * Bulk voter import (CSV or XLSX, streamed). Every row goes through the domain's `checkVoter` (VOT-ID, VOT-AGE,
 * VOT-RIGHTS, VOT-RESIDENT); VOT-NO-DUP is checked inside the file and against every community of the district in
 * the same term (one index probe per number, per batch of rows). New rows are COPYed straight into `voters` inside ONE
 * transaction, so a crash or a kill leaves nothing. `mode=all` commits nothing when a row is bad; `mode=partial` commits
 * the good rows. A number already registered in this community counts as a duplicate (re-importing changes nothing).
 */
import { sqlStateOf, type Database } from '../db/client.js';
import { residentGroups } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { checkVoter, residencyOf, type Residency, type VoterContext } from '../domain/eligibility.js';
import { cleanIdNumberText } from '../domain/id-card.js';
import { personNameProblem } from '../domain/names.js';
import { describeViolation, hard, type Violation } from '../domain/violations.js';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { copyText, RollbackWith, withLoadTransaction, type CopyWriter } from './bulk-load.js';
import { assertInPhase, loadCommunityContext } from './rules.js';
import type { Row } from './table-reader.js';
import { assertNotFiled } from './freeze.js';
import { EXAMPLE_ID_NUMBER, EXAMPLE_NAME } from './voter-template.js';

export type ImportMode = 'partial' | 'all';

export interface RejectedRow {
  /** Row number in the file (the header is row 1). */
  readonly row: number;
  /** The last row of a run of consecutive rows refused for the same rule with the same message (absent: one row). */
  readonly toRow?: number;
  /** The rule code (RULES.md) or a format code. */
  readonly code: string;
  /** Chinese message(s). */
  readonly message: string;
}

/**
 * Every refused row by number and reason, in row order, consecutive rows with the same rule and message kept as one
 * entry (`row`…`toRow`). A file with a wrong column refuses every row for one reason: that is one entry, not a
 * million (which made a 76 MB report and a 1.1 GB process).
 */
export class RejectedRows {
  private readonly runs: { row: number; toRow?: number; code: string; message: string }[] = [];
  /** Rows refused (not entries). */
  count = 0;

  /** Adds a row (rows come in increasing order) or a run of rows. */
  add(row: number, code: string, message: string, toRow = row): void {
    this.count += toRow - row + 1;
    const last = this.runs.at(-1);
    if (last && last.code === code && last.message === message && (last.toRow ?? last.row) === row - 1) {
      last.toRow = toRow;
      return;
    }
    this.runs.push(toRow === row ? { row, code, message } : { row, toRow, code, message });
  }

  get entries(): RejectedRow[] {
    return this.runs;
  }

  /** Both lists' rows in one row order (each list is in row order; no row is in both). */
  static merge(a: RejectedRows, b: RejectedRows): RejectedRows {
    const merged = new RejectedRows();
    const x = a.entries;
    const y = b.entries;
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      const next = j >= y.length || (i < x.length && x[i]!.row < y[j]!.row) ? x[i++]! : y[j++]!;
      merged.add(next.row, next.code, next.message, next.toRow ?? next.row);
    }
    return merged;
  }
}

export interface ImportReport {
  readonly accepted: number;
  readonly rejected: RejectedRow[];
  /** Rows refused: the rows of every entry of `rejected`. */
  readonly rejectedRows: number;
  readonly duplicates: number;
  readonly total: number;
  readonly mode: ImportMode;
  readonly committed: boolean;
}

// ------------------------------------------------------------------------------------------------ header

export type Column =
  | 'idNumber'
  | 'name'
  | 'residency'
  | 'householdNo'
  | 'address'
  | 'group'
  | 'rightsDeprived'
  | 'residencyMonths'
  | 'requested'
  | 'approved'
  | 'birthDate'
  | 'sex';

const HEADER_ALIASES: Readonly<Record<string, Column>> = {
  idnumber: 'idNumber',
  身份证号码: 'idNumber',
  身份证号: 'idNumber',
  公民身份号码: 'idNumber',
  身份号码: 'idNumber',
  name: 'name',
  姓名: 'name',
  residency: 'residency',
  '户籍/居住': 'residency',
  户籍或居住: 'residency',
  居住类型: 'residency',
  householdno: 'householdNo',
  户号: 'householdNo',
  address: 'address',
  住址: 'address',
  地址: 'address',
  group: 'group',
  groupname: 'group',
  groupid: 'group',
  居民小组: 'group',
  rightsdeprived: 'rightsDeprived',
  剥夺政治权利: 'rightsDeprived',
  被剥夺政治权利: 'rightsDeprived',
  residencymonths: 'residencyMonths',
  居住月数: 'residencyMonths',
  requested: 'requested',
  本人申请: 'requested',
  approved: 'approved',
  选委会同意: 'approved',
  birthdate: 'birthDate',
  出生日期: 'birthDate',
  sex: 'sex',
  性别: 'sex',
};

export type ColumnIndex = Partial<Record<Column, number>>;

function normaliseHeader(cell: string): string {
  return cell.replace(/^\uFEFF/, '').replace(/\s+/g, '').toLowerCase();
}

/** Maps header cells to columns; `required` columns must be present (400 otherwise). */
export function mapHeader(header: Row, required: readonly Column[]): ColumnIndex {
  const index: ColumnIndex = {};
  header.forEach((cell, i) => {
    const column = HEADER_ALIASES[normaliseHeader(cell)] ?? HEADER_ALIASES[cell.trim()];
    if (column && index[column] === undefined) index[column] = i;
  });
  const missing = required.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    const zh: Record<string, string> = { idNumber: '身份证号码', name: '姓名', residency: '户籍/居住' };
    throw new AppError({
      status: 400,
      code: 'IMPORT_HEADER',
      message: `The header row lacks the column(s) ${missing.join(', ')}`,
      messageZh: `表头缺少以下列：${missing.map((m) => zh[m] ?? m).join('、')}`,
      details: { missing, header },
    });
  }
  return index;
}

const YES = new Set(['是', 'true', '1', 'y', 'yes', '√']);
const NO = new Set(['否', 'false', '0', 'n', 'no', '']);
const SEX: Readonly<Record<string, 'male' | 'female'>> = { 男: 'male', male: 'male', 女: 'female', female: 'female' };

function flag(value: string | undefined, fallback: boolean): boolean | null {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

// ------------------------------------------------------------------------------------------------ rows

export interface PreparedVoter {
  readonly idNumber: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly groupId: string | null;
  readonly groupName: string | null;
  readonly householdNo: string | null;
  readonly address: string | null;
  readonly residency: Residency;
}

export type PreparedRow = { ok: true; voter: PreparedVoter } | { ok: false; code: string; message: string };

function formatError(message: string): PreparedRow {
  return { ok: false, code: 'IMPORT_FORMAT', message };
}

function rejectViolations(violations: readonly Violation[]): PreparedRow {
  const first = violations[0]!;
  return { ok: false, code: first.rule, message: violations.map((v) => describeViolation(v).messageZh).join('；') };
}

const cell = (row: Row, i: number | undefined): string | undefined => (i === undefined ? undefined : row[i]);
const text = (value: string | undefined): string | null => {
  if (value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
};

/** One data row → a voter ready to load, or the reason it is rejected. Rules come from the domain. */
export function prepareRow(row: Row, ix: ColumnIndex, ctx: VoterContext, groups: ReadonlyMap<string, { id: string; name: string }>): PreparedRow {
  const name = text(cell(row, ix.name));
  const residencyText = (cell(row, ix.residency) ?? '').trim();
  const residency = residencyOf(residencyText);
  const rightsDeprived = flag(cell(row, ix.rightsDeprived), false);
  const requested = flag(cell(row, ix.requested), true);
  const approved = flag(cell(row, ix.approved), true);
  const monthsText = text(cell(row, ix.residencyMonths));
  const months = monthsText === null ? null : Number(monthsText);
  const sexText = text(cell(row, ix.sex));
  const sex = sexText === null ? null : (SEX[sexText.toLowerCase()] ?? null);
  const birthDate = text(cell(row, ix.birthDate));
  const groupText = text(cell(row, ix.group));

  for (const c of row) if (c.includes('\u0000')) return formatError('本行含有空字符，无法保存，请检查该行内容');
  if (name === null) return formatError('姓名不能为空');
  if (name.length > 100) return formatError('姓名过长');
  const nameProblem = personNameProblem(name);
  if (nameProblem) return formatError(`姓名${nameProblem}`);
  if (rightsDeprived === null) return formatError('“剥夺政治权利”一栏应填写“是”或“否”');
  if (requested === null || approved === null) return formatError('“本人申请”“选委会同意”一栏应填写“是”或“否”');
  if (months !== null && !(Number.isInteger(months) && months >= 0)) return formatError('居住月数应为非负整数');
  if (sexText !== null && sex === null) return formatError('性别应填写“男”或“女”');
  if (residency === undefined) {
    return {
      ok: false,
      code: 'VOT-RESIDENT',
      message: residencyText === '' ? '未填写户籍/居住情况（应为“户籍”或“居住”）' : `户籍/居住情况“${residencyText}”无效（应为“户籍”或“居住”）`,
    };
  }
  const checked = checkVoter(
    {
      idNumber: cell(row, ix.idNumber) ?? '',
      name,
      residency,
      residencyMonths: months,
      requested,
      approved,
      rightsDeprived,
      statedBirthDate: birthDate,
      statedSex: sex,
    },
    ctx,
  );
  if (!checked.ok) return rejectViolations(checked.violations);
  let group: { id: string; name: string } | null = null;
  if (groupText !== null) {
    group = groups.get(groupText) ?? null;
    if (!group) return formatError(`居民小组“${groupText}”不存在，请先建立该居民小组`);
  }
  return {
    ok: true,
    voter: {
      idNumber: checked.value.idNumber,
      name,
      birthDate: checked.value.birthDate,
      sex: checked.value.sex,
      groupId: group?.id ?? null,
      groupName: group?.name ?? null,
      householdNo: text(cell(row, ix.householdNo)),
      address: text(cell(row, ix.address)),
      residency,
    },
  };
}

/** Title rows a sheet may have above its header. */
const MAX_TITLE_ROWS = 5;

/** How many cells of a row name a column the import reads (a header names at least two). */
export function knownColumns(row: Row): number {
  let n = 0;
  for (const cell of row) if (HEADER_ALIASES[normaliseHeader(cell)] ?? HEADER_ALIASES[cell.trim()]) n += 1;
  return n;
}

/** The template's example row, left in by the clerk. */
function isTemplateExample(row: Row, ix: ColumnIndex): boolean {
  return cleanIdNumberText(cell(row, ix.idNumber) ?? '') === EXAMPLE_ID_NUMBER && (cell(row, ix.name) ?? '').trim() === EXAMPLE_NAME;
}

function isBlank(row: Row): boolean {
  for (const c of row) if (c.trim() !== '') return false;
  return true;
}

// ------------------------------------------------------------------------------------------------ load

const VOTER_COLUMNS = [
  'id',
  'district_id',
  'term',
  'round_id',
  'community_id',
  'id_number',
  'id_last4',
  'name',
  'birth_date',
  'sex',
  'group_id',
  'group_name',
  'household_no',
  'address',
  'residency',
  'source',
] as const;

/**
 * Rows checked against the register per batch (one query for the batch, no per-row round trip). Measured on a
 * million rows: 5,000 was faster and about 100 MB lighter than 20,000 (less parsed data waits for its check).
 */
const BATCH_ROWS = 5_000;

/**
 * Time-ordered UUIDs (version 7 layout) for one import: the primary-key index then grows at its right edge
 * instead of taking random inserts. Timestamp and random bits fixed per import, a counter in the low bits.
 */
function uuidSequence(): () => string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const r = randomBytes(6).toString('hex');
  const head = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${r.slice(0, 3)}-${((parseInt(r[3]!, 16) & 0x3) | 0x8).toString(16)}${r.slice(4, 7)}-`;
  let counter = parseInt(r.slice(7, 12), 16) * 1024;
  return () => {
    counter += 1;
    return head + counter.toString(16).padStart(12, '0');
  };
}

/**
 * A compact numeric key for a (valid, normalised) identity number, for the in-file duplicate check: region, birth
 * date and sequence fit in 48 bits (the check character follows from them). Holding the number strings themselves
 * would keep every parsed chunk of the file alive (substrings share their parent's memory).
 */
export function idKey(id: string): number {
  let region = 0;
  for (let i = 0; i < 6; i += 1) region = region * 10 + id.charCodeAt(i) - 48;
  let date = 0; // yyyymmdd
  for (let i = 6; i < 14; i += 1) date = date * 10 + id.charCodeAt(i) - 48;
  const year = Math.floor(date / 10_000);
  const day = (year - 1800) * 372 + Math.floor((date % 10_000) / 100) * 31 + (date % 100);
  let sequence = 0;
  for (let i = 14; i < 17; i += 1) sequence = sequence * 10 + id.charCodeAt(i) - 48;
  return (region * 200_000 + day) * 1000 + sequence;
}

interface PendingVoter {
  readonly rowNo: number;
  readonly voter: PreparedVoter;
}

export interface ImportVotersInput {
  readonly actor: Actor;
  readonly communityId: string;
  readonly mode: ImportMode;
  readonly today: string;
  /** Rows in batches, header first (see table-reader). */
  readonly rows: AsyncIterable<Row[]>;
  /** Called after each stage with its name (benchmarks time the stages). */
  readonly trace?: (stage: string) => void;
}

export async function importVoters(database: Database, input: ImportVotersInput): Promise<ImportReport> {
  const ctx = await loadCommunityContext(database.db, input.communityId);
  const { community, round, profile } = ctx;
  await assertNotFiled(database.db, { communityId: community.id, kind: 'rc', area: 'voters' });
  assertInPhase({ round, action: 'register-voters', on: input.today });
  const groupRows = await database.db
    .select({ id: residentGroups.id, name: residentGroups.name })
    .from(residentGroups)
    .where(eq(residentGroups.communityId, community.id));
  const groups = new Map<string, { id: string; name: string }>();
  for (const g of groupRows) {
    groups.set(g.name, g);
    groups.set(g.id, g);
  }
  const voterCtx: VoterContext = { electionDay: community.electionDay, today: input.today, profile };

  return withLoadTransaction(database, async (tx) => {
    // The per-batch VOT-NO-DUP lookup is one index probe per number (LATERAL … LIMIT 1 on the unique index), never a
    // scan: on PGlite it runs in this transaction, where the register grows by COPY without fresh statistics (on
    // PostgreSQL the probe's own connection is set the same way, see bulk-load.ts).
    await tx.query('set local enable_seqscan = off');
    // voters.community_id has no foreign-key constraint (see schema.ts): hold the community once, as the constraint
    // would for every row.
    await tx.query('select 1 from communities where id = $1 for key share', [community.id]);
    const communityNames = new Map<string, string>([[community.id, community.name]]);
    /** Rows refused while reading (format, VOT-ID/AGE/RIGHTS/RESIDENT, twice in the file), in row order. */
    const rejected = new RejectedRows();
    /**
     * Rows repeating earlier rows of the file one for one (a list pasted twice) make one entry; a row repeating an
     * earlier one by itself is an entry of its own.
     */
    let repeat: { row: number; toRow: number; earlier: number; toEarlier: number } | null = null;
    const endRepeat = () => {
      if (!repeat) return;
      const { row, toRow, earlier, toEarlier } = repeat;
      const where = toRow === row ? `本文件第${earlier}行` : `本文件第${earlier}至${toEarlier}行（逐行对应）`;
      rejected.add(row, 'VOT-NO-DUP', describeViolation(hard('VOT-NO-DUP', { otherCommunityName: where, otherRow: earlier })).messageZh, toRow);
      repeat = null;
    };
    /** Rows already registered in another community (found batch by batch, in row order). */
    const registeredElsewhere = new RejectedRows();
    const seen = new Map<number, number>();
    const nextId = uuidSequence();
    const fixed = `\t${community.districtId}\t${round.term}\t${round.id}\t${community.id}\t`;
    let ix: ColumnIndex | null = null;
    let titleRows = 0;
    let firstTitle: Row | null = null;
    let headerRow = 1;
    let rowNo = 0;
    let accepted = 0;
    let duplicates = 0;
    let pending: PendingVoter[] = [];
    /** One COPY for the whole file, opened at the first new row. */
    let copy: CopyWriter | null = null;
    /** The batches' checks run ahead; their rows are written in file order, each after the one before. */
    let written: Promise<void> = Promise.resolve();

    const probeRegister = (batch: readonly PendingVoter[]) =>
      tx.probe<{ id_number: string; community_id: string }>(
        `select k.id_number, v.community_id
           from unnest($3::text[]) as k(id_number)
           cross join lateral (
             select community_id from voters
              where district_id = $1 and term = $2 and id_number = k.id_number
              limit 1) v`,
        [community.districtId, round.term, batch.map((p) => p.voter.idNumber)],
      );

    /** VOT-NO-DUP for a batch against every community of the district this term, then its new rows into the COPY. */
    const writeBatch = async (batch: readonly PendingVoter[], existing: readonly { id_number: string; community_id: string }[]) => {
      const unknown = [...new Set(existing.map((e) => e.community_id).filter((id) => !communityNames.has(id)))];
      if (unknown.length > 0) {
        const named = await tx.probe<{ id: string; name: string }>('select id, name from communities where id = any($1::uuid[])', [unknown]);
        for (const c of named.rows) communityNames.set(c.id, c.name);
      }
      input.trace?.('batch-check');
      const found = new Map<string, string>();
      for (const e of existing) found.set(e.id_number, e.community_id);
      let lines = '';
      let count = 0;
      for (const { rowNo: row, voter: v } of batch) {
        const other = found.size === 0 ? undefined : found.get(v.idNumber);
        if (other !== undefined) {
          if (other === community.id) {
            duplicates += 1;
          } else {
            // no number in the message (the row names the person), so a file of another community's people is one run
            registeredElsewhere.add(
              row,
              'VOT-NO-DUP',
              describeViolation(hard('VOT-NO-DUP', { otherCommunityId: other, otherCommunityName: communityNames.get(other) ?? '' })).messageZh,
            );
          }
          continue;
        }
        lines += `${nextId()}${fixed}${v.idNumber}\t${v.idNumber.slice(-4)}\t${copyText(v.name)}\t${v.birthDate}\t${v.sex}\t${copyText(v.groupId)}\t${copyText(
          v.groupName,
        )}\t${copyText(v.householdNo)}\t${copyText(v.address)}\t${v.residency}\timport\n`;
        count += 1;
      }
      accepted += count;
      // In mode=all nothing is kept when a row is bad; stop loading once one is (the report still covers every row).
      if (count === 0 || (input.mode === 'all' && rejected.count + registeredElsewhere.count > 0)) return;
      copy ??= await tx.copyIn('voters', VOTER_COLUMNS);
      await copy.write(lines);
      input.trace?.('batch-copied');
    };

    /**
     * Hands the parsed batch on: its check starts at once (on PostgreSQL beside the streaming COPY) and its rows are
     * written after the previous batch's. Parsing goes on meanwhile, at most one batch ahead of the writing.
     */
    const flush = async () => {
      const batch = pending;
      pending = [];
      input.trace?.('batch-parsed');
      if (batch.length === 0) return;
      const probe = probeRegister(batch);
      probe.catch(() => undefined); // awaited below; an early failure must not count as unhandled
      const previous = written;
      written = previous.then(async () => writeBatch(batch, (await probe).rows));
      written.catch(() => undefined);
      // PGlite runs in this thread: nothing to overlap with, finish now.
      await (tx.kind === 'pglite' ? written : previous);
    };

    try {
      for await (const batch of input.rows) {
        for (const row of batch) {
          rowNo += 1;
          if (ix === null) {
            // A title row or two above the header (社区选民登记表…) and blank rows are passed over.
            if (isBlank(row)) continue;
            if (knownColumns(row) < 2 && titleRows < MAX_TITLE_ROWS) {
              titleRows += 1;
              firstTitle ??= row;
              continue;
            }
            ix = mapHeader(row, ['idNumber', 'name', 'residency']);
            headerRow = rowNo;
            continue;
          }
          if (isBlank(row)) continue;
          if (isTemplateExample(row, ix)) continue;
          const prepared = prepareRow(row, ix, voterCtx, groups);
          if (!prepared.ok) {
            endRepeat();
            rejected.add(rowNo, prepared.code, prepared.message);
            continue;
          }
          const v = prepared.voter;
          const key = idKey(v.idNumber);
          const earlier = seen.get(key);
          if (earlier !== undefined) {
            if (repeat && rowNo === repeat.toRow + 1 && earlier === repeat.toEarlier + 1) {
              repeat.toRow = rowNo;
              repeat.toEarlier = earlier;
            } else {
              endRepeat();
              repeat = { row: rowNo, toRow: rowNo, earlier, toEarlier: earlier };
            }
            continue;
          }
          seen.set(key, rowNo);
          pending.push({ rowNo, voter: v });
        }
        if (pending.length >= BATCH_ROWS) await flush();
      }
      endRepeat();
      await flush();
      await written;
      if (copy) await (copy as CopyWriter).end();
    } catch (error) {
      await written.catch(() => undefined);
      throw uniqueToConflict(error);
    }
    input.trace?.('loaded');
    seen.clear();
    // No header found: the first row that was passed over as a title names what the header lacks.
    if (ix === null && firstTitle) mapHeader(firstTitle, ['idNumber', 'name', 'residency']);
    if (ix === null) throw errors.badRequest('The file is empty', '上传的文件为空');
    const refused = RejectedRows.merge(rejected, registeredElsewhere);
    const total = rowNo - headerRow;
    if (input.mode === 'all' && refused.count > 0) {
      throw new RollbackWith<ImportReport>({ accepted: 0, rejected: refused.entries, rejectedRows: refused.count, duplicates, total, mode: input.mode, committed: false });
    }
    const report: ImportReport = { accepted, rejected: refused.entries, rejectedRows: refused.count, duplicates, total, mode: input.mode, committed: true };
    await appendAudit(tx.db, {
      actor: input.actor,
      action: 'import',
      entity: 'voter-import',
      entityId: community.id,
      after: { accepted, rejected: refused.count, duplicates, total, mode: input.mode },
    });
    return report;
  });
}

/**
 * A registration made elsewhere while the file was loading hits the unique index (23505), or, when another import
 * loads the same people in another order, the two wait on each other until PostgreSQL breaks the deadlock (40P01):
 * either way nothing of this file is kept; ask to import it again.
 */
function uniqueToConflict(error: unknown): unknown {
  const state = sqlStateOf(error);
  if (state !== '23505' && state !== '40P01') return error;
  return errors.conflict(
    'CONCURRENT_REGISTRATION',
    'Some of these people were registered elsewhere while the file was being imported; import it again',
    '导入期间部分人员已在其他社区登记，请重新导入',
  );
}
