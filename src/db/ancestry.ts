/** Where a resource sits: district → street → round → community → meeting. Scopes are checked against it. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

export const RESOURCE_KINDS = [
  'district',
  'street',
  'round',
  'community',
  'meeting',
  'objection',
  'filing',
  'tally-entry',
  'voter',
  'nomination',
  'representative',
  'job',
  'recall',
  'vacancy',
  'department',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface Ancestry {
  readonly districtId: string;
  readonly streetId: string | null;
  readonly roundId: string | null;
  readonly communityId: string | null;
  readonly meetingId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COMMUNITY_COLUMNS = sql`c.district_id, c.street_id, c.round_id, c.id as community_id`;

function query(kind: ResourceKind, id: string) {
  switch (kind) {
    case 'district':
      return sql`select d.id as district_id, null as street_id, null as round_id, null as community_id, null as meeting_id from districts d where d.id = ${id}`;
    case 'street':
      return sql`select s.district_id, s.id as street_id, null as round_id, null as community_id, null as meeting_id from streets s where s.id = ${id}`;
    case 'round':
      return sql`select r.district_id, r.street_id, r.id as round_id, null as community_id, null as meeting_id from rounds r where r.id = ${id}`;
    case 'community':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from communities c where c.id = ${id}`;
    case 'meeting':
      return sql`select ${COMMUNITY_COLUMNS}, m.id as meeting_id from meetings m join communities c on c.id = m.community_id where m.id = ${id}`;
    case 'objection':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from objections o join communities c on c.id = o.community_id where o.id = ${id}`;
    case 'filing':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from filings f join communities c on c.id = f.community_id where f.id = ${id}`;
    case 'voter':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from voters v join communities c on c.id = v.community_id where v.id = ${id}`;
    case 'nomination':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from nominations n join communities c on c.id = n.community_id where n.id = ${id}`;
    case 'representative':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from representatives r join communities c on c.id = r.community_id where r.id = ${id}`;
    case 'job':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from jobs j join communities c on c.id = j.community_id where j.id = ${id}`;
    case 'recall':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from recalls x join communities c on c.id = x.community_id where x.id = ${id}`;
    case 'vacancy':
      return sql`select ${COMMUNITY_COLUMNS}, null as meeting_id from vacancies x join communities c on c.id = x.community_id where x.id = ${id}`;
    case 'department':
      return sql`select d.district_id, null as street_id, null as round_id, null as community_id, null as meeting_id from review_departments d where d.id = ${id}`;
    case 'tally-entry':
      return sql`select ${COMMUNITY_COLUMNS}, m.id as meeting_id from tally_entries t join meetings m on m.id = t.meeting_id join communities c on c.id = m.community_id where t.id = ${id}`;
    default: {
      const never: never = kind;
      throw new Error(`unknown resource kind ${String(never)}`);
    }
  }
}

export async function resolveAncestry(db: DbOrTx, kind: ResourceKind, id: string): Promise<Ancestry | null> {
  if (!UUID.test(id)) return null;
  const result = await db.execute(query(kind, id));
  const row = (result as unknown as { rows: Record<string, string | null>[] }).rows[0];
  if (!row) return null;
  return {
    districtId: row.district_id!,
    streetId: row.street_id ?? null,
    roundId: row.round_id ?? null,
    communityId: row.community_id ?? null,
    meetingId: row.meeting_id ?? null,
  };
}
