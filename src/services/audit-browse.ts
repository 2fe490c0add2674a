/**
 * The audit log of one community, for the bureau of its district and the admin. Entries carry no community, so an
 * entry belongs to the community when it is about the community itself or about a row that belongs to it (a voter,
 * a meeting, a filing, …, or a row of one of its meetings).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

/** Tables whose rows belong to a community through `community_id`. */
const COMMUNITY_TABLES = [
  'voters',
  'meetings',
  'nominations',
  'objections',
  'representatives',
  'resident_groups',
  'units',
  'filings',
  'candidate_lists',
  'preliminary_reports',
  'voter_list_publications',
  'roster_entries',
  'party_members',
  'justifications',
  'handovers',
  'certificates',
] as const;
/** Tables whose rows belong to a meeting through `meeting_id`. */
const MEETING_TABLES = ['ballot_boxes', 'meeting_staff', 'proxies', 'tally_entries', 'tally_sheets', 'meeting_contests'] as const;

export interface AuditBrowseInput {
  readonly communityId: string;
  readonly entity?: string | undefined;
  readonly action?: string | undefined;
  /** Part of the acting user's name. */
  readonly actor?: string | undefined;
  /** Calendar dates (Asia/Shanghai), inclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

function belongsTo(communityId: string): SQL {
  const parts: SQL[] = [sql`select ${communityId}::text`];
  for (const table of COMMUNITY_TABLES) parts.push(sql`select id::text from ${sql.identifier(table)} where community_id = ${communityId}`);
  for (const table of MEETING_TABLES) {
    parts.push(sql`select x.id::text from ${sql.identifier(table)} x join meetings m on m.id = x.meeting_id where m.community_id = ${communityId}`);
  }
  return sql`a.entity_id in (${sql.join(parts, sql` union all `)})`;
}

export async function communityAudit(db: DbOrTx, input: AuditBrowseInput) {
  const filters: SQL[] = [belongsTo(input.communityId)];
  if (input.entity) filters.push(sql`a.entity = ${input.entity}`);
  if (input.action) filters.push(sql`a.action = ${input.action}`);
  if (input.actor) filters.push(sql`a.actor_name ilike ${`%${input.actor.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  if (input.from) filters.push(sql`a.at >= (${input.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (input.to) filters.push(sql`a.at < (${input.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  const where = sql.join(filters, sql` and `);
  const rows = (await db.execute(sql`
    select a.seq, a.at, a.actor_name, a.role, a.action, a.entity, a.entity_id, a.before, a.after, count(*) over () as total
    from audit_log a where ${where}
    order by a.seq desc limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`)) as unknown as { rows: Record<string, unknown>[] };
  const facets = (await db.execute(sql`select distinct a.entity, a.action from audit_log a where ${belongsTo(input.communityId)}`)) as unknown as {
    rows: { entity: string; action: string }[];
  };
  let total = Number(rows.rows[0]?.total ?? 0);
  if (rows.rows.length === 0 && input.page > 1) {
    const counted = (await db.execute(sql`select count(*)::int as n from audit_log a where ${where}`)) as unknown as { rows: { n: number }[] };
    total = counted.rows[0]?.n ?? 0;
  }
  return {
    items: rows.rows.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at as string | Date).toISOString(),
      actorName: String(r.actor_name),
      role: String(r.role),
      action: String(r.action),
      entity: String(r.entity),
      entityId: (r.entity_id as string | null) ?? null,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    entities: [...new Set(facets.rows.map((f) => f.entity))].sort(),
    actions: [...new Set(facets.rows.map((f) => f.action))].sort(),
  };
}
