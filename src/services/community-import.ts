/**
 * Communities of a round from a sheet (CSV or XLSX, header first): one community per row, each created through the
 * same use case as one entered by hand (every rule checked there), each in its own transaction. A bad row is
 * reported by its number and reason, like the voter import; the good rows are kept.
 */
import type { Db } from '../db/client.js';
import type { Actor } from '../db/audit.js';
import { AppError } from '../domain/errors.js';
import { isIsoDate } from '../domain/dates.js';
import { createCommunity, type PartyInput } from './communities.js';
import type { Row } from './table-reader.js';
import { personNameProblem } from '../domain/names.js';

/** Header names (and their common variants) of each column. */
const COLUMNS = {
  name: ['社区名称', '社区', '名称', 'name'],
  code: ['社区代码', '代码', '编码', 'code'],
  method: ['选举方式', 'method'],
  director: ['主任职数', '主任', 'director'],
  deputies: ['副主任职数', '副主任', 'deputies'],
  members: ['委员职数', '委员', 'members'],
  households: ['户数', '总户数', 'households'],
  electionDay: ['选举日', '选举日期', 'electionDay'],
  partyType: ['党组织类型', 'partyType'],
  partyMembers: ['党员人数', '党员数', 'partyMembers'],
  partySeats: ['党组织委员职数', '党组织职数', 'partySeats'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['name', 'code', 'method', 'director', 'deputies', 'members', 'households', 'electionDay', 'partyType', 'partyMembers', 'partySeats'];

const METHODS: Readonly<Record<string, 'congress' | 'direct' | 'household'>> = {
  直接选举: 'direct',
  直选: 'direct',
  direct: 'direct',
  居民代表会议: 'congress',
  居民代表会议选举: 'congress',
  代表会议: 'congress',
  congress: 'congress',
  户代表: 'household',
  户代表选举: 'household',
  household: 'household',
};
const PARTY_TYPES: Readonly<Record<string, PartyInput['type']>> = {
  党支部: 'branch',
  支部: 'branch',
  branch: 'branch',
  党总支: 'general',
  总支: 'general',
  general: 'general',
  党委: 'committee',
  committee: 'committee',
};

export interface RejectedCommunityRow {
  readonly row: number;
  readonly code: string;
  readonly message: string;
}

class RowError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function parseCount(text: string, label: string): number {
  const value = text.trim();
  if (!/^\d{1,7}$/.test(value)) throw new RowError('BAD_NUMBER', `${label}应为非负整数（${value || '空'}）`);
  return Number(value);
}

/** 2026/12/26, 2026.12.26 and 2026-12-26 are the same calendar date. */
function parseDay(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  const day = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
  if (!isIsoDate(day)) throw new RowError('BAD_DATE', `选举日应为日期，如2026-12-26（${text.trim() || '空'}）`);
  return day;
}

function columnsOf(header: Row): Partial<Record<Column, number>> {
  const at: Partial<Record<Column, number>> = {};
  header.forEach((cell, i) => {
    const name = cell.trim().replace(/^\uFEFF/, '');
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (at[column] === undefined && names.includes(name)) at[column] = i;
    }
  });
  return at;
}

export async function importCommunities(db: Db, input: { actor: Actor; roundId: string; rows: AsyncGenerator<Row[]> }) {
  const rejected: RejectedCommunityRow[] = [];
  const created: { id: string; name: string; code: string }[] = [];
  let rowNumber = 0;
  let at: Partial<Record<Column, number>> | null = null;
  let total = 0;
  for await (const batch of input.rows) {
    for (const cells of batch) {
      rowNumber += 1;
      if (at === null) {
        at = columnsOf(cells);
        const missing = REQUIRED.filter((c) => at![c] === undefined);
        if (missing.length > 0) {
          throw new AppError({
            status: 400,
            code: 'COLUMNS_MISSING',
            message: `Missing columns: ${missing.join(', ')}`,
            messageZh: `表头缺少以下列：${missing.map((c) => COLUMNS[c][0]).join('、')}`,
            details: { missing: missing.map((c) => COLUMNS[c][0]) },
          });
        }
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      total += 1;
      const cell = (c: Column) => (cells[at![c]!] ?? '').trim();
      try {
        const method = METHODS[cell('method')];
        if (!method) throw new RowError('BAD_METHOD', `选举方式应为直接选举、居民代表会议或户代表（${cell('method') || '空'}）`);
        const partyType = PARTY_TYPES[cell('partyType')];
        if (!partyType) throw new RowError('BAD_PARTY_TYPE', `党组织类型应为党支部、党总支或党委（${cell('partyType') || '空'}）`);
        if (!cell('name')) throw new RowError('NAME_MISSING', '社区名称为空');
        const unreadable = personNameProblem(cell('name'));
        if (unreadable) throw new RowError('NAME_UNREADABLE', `社区名称${unreadable}`);
        if (!/^[\w-]{1,32}$/.test(cell('code'))) throw new RowError('BAD_CODE', `社区代码只能由字母、数字、下划线或短横线组成（${cell('code') || '空'}）`);
        const community = await createCommunity(db, {
          actor: input.actor,
          roundId: input.roundId,
          name: cell('name').slice(0, 100),
          code: cell('code'),
          method,
          households: parseCount(cell('households'), '户数'),
          electionDay: parseDay(cell('electionDay')),
          rcSeats: { director: parseCount(cell('director'), '主任职数'), deputies: parseCount(cell('deputies'), '副主任职数'), members: parseCount(cell('members'), '委员职数') },
          party: { type: partyType, members: parseCount(cell('partyMembers'), '党员人数'), seats: parseCount(cell('partySeats'), '党组织委员职数') },
        });
        created.push({ id: community.id, name: community.name, code: community.code });
      } catch (error) {
        if (error instanceof RowError) rejected.push({ row: rowNumber, code: error.code, message: error.message });
        else if (error instanceof AppError) rejected.push({ row: rowNumber, code: error.rule ?? error.code, message: error.messageZh });
        else throw error;
      }
    }
  }
  if (at === null) throw new AppError({ status: 400, code: 'EMPTY_FILE', message: 'The file is empty', messageZh: '文件为空' });
  return { accepted: created.length, rejected, total, communities: created };
}
