/** Who the caller is and where it stands: the user, its role and its scope with the names of every level above. */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { users } from '../db/schema.js';
import type { Principal } from './users.js';
import { ancestryOf, SCOPE_KIND_OF } from './lists.js';

interface Named {
  readonly id: string;
  readonly name: string;
}

export interface ScopeView {
  readonly kind: 'district' | 'street' | 'community' | 'meeting' | 'department';
  readonly id: string;
  readonly name: string;
  readonly district: Named | null;
  readonly street: Named | null;
  readonly round: Named | null;
  readonly community: Named | null;
  readonly meeting: (Named & { readonly kind: 'rc' | 'party'; readonly date: string }) | null;
}

const MEETING_KIND_ZH = { rc: '居民委员会选举会议', party: '党组织选举会议' } as const;

export async function whoAmI(db: DbOrTx, principal: Principal) {
  const [row] = await db.select().from(users).where(eq(users.id, principal.id));
  const user = row
    ? { id: row.id, username: row.username, role: row.role, scopeId: row.scopeId, chief: row.chief, mustChangePassword: row.mustChangePassword }
    : { id: principal.id, username: principal.username, role: principal.role, scopeId: principal.scopeId, chief: principal.chief, mustChangePassword: principal.mustChangePassword };
  return { user, role: user.role, chief: user.chief, mustChangePassword: user.mustChangePassword, scope: await describeScope(db, user) };
}

export async function describeScope(db: DbOrTx, user: Pick<Principal, 'role' | 'scopeId'>): Promise<ScopeView | null> {
  if (user.role === 'admin' || !user.scopeId) return null;
  const at = await ancestryOf(db, user);
  if (!at) return null;
  const result = await db.execute(sql`
    select d.id as district_id, d.name as district_name, s.id as street_id, s.name as street_name,
           r.id as round_id, r.name as round_name, c.id as community_id, c.name as community_name,
           m.id as meeting_id, m.kind as meeting_kind, m.date::text as meeting_date
    from districts d
    left join streets s on s.id = ${at.streetId}::uuid
    left join rounds r on r.id = ${at.roundId}::uuid
    left join communities c on c.id = ${at.communityId}::uuid
    left join meetings m on m.id = ${at.meetingId}::uuid
    where d.id = ${at.districtId}::uuid`);
  const r = (result as unknown as { rows: Record<string, string | null>[] }).rows[0];
  if (!r) return null;
  const named = (id: string | null | undefined, name: string | null | undefined): Named | null => (id && name ? { id, name } : null);
  const community = named(r.community_id, r.community_name);
  const meeting =
    r.meeting_id && r.meeting_kind
      ? {
          id: r.meeting_id,
          kind: r.meeting_kind as 'rc' | 'party',
          date: r.meeting_date!,
          name: `${community?.name ?? ''}${MEETING_KIND_ZH[r.meeting_kind as 'rc' | 'party']}（${r.meeting_date}）`,
        }
      : null;
  const levels = {
    district: named(r.district_id, r.district_name),
    street: named(r.street_id, r.street_name),
    round: named(r.round_id, r.round_name),
    community,
    meeting,
  };
  const kind = SCOPE_KIND_OF[user.role];
  if (kind === 'department') {
    // A reviewer (资格联审部门): the department within its district.
    const found = await db.execute(sql`select name from review_departments where id = ${user.scopeId}::uuid`);
    const name = (found as unknown as { rows: { name: string }[] }).rows[0]?.name ?? '';
    return { kind, id: user.scopeId, name: `${levels.district?.name ?? ''}${name}`, ...levels };
  }
  const own = levels[kind]!;
  return { kind, id: own.id, name: own.name, ...levels };
}
