/**
 * The result of a meeting is read far more often than it changes (every scrutineer, the committee, the street and
 * the bureau refresh it during the count). It is recomputed only when one of its inputs changed: the stamp below is
 * one cheap query over those inputs, so several instances behind a load balancer stay correct without coordination.
 * A stamp checked less than `FRESH_MS` ago is trusted without asking again, and every successful change made through
 * this instance drops the cache (`invalidateResults`, called by the app after each 2xx write), so a reader never sees
 * an older result than its own instance's last write, and another instance's write at most `FRESH_MS` late.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { errors } from '../http/errors.js';
import { getMeetingResult } from './results.js';

const MAX_ENTRIES = 2_000;
const FRESH_MS = 200;
const cache = new Map<string, { stamp: string; json: Buffer; checkedAt: number }>();

/** Forgets every cached result (after a change made through this instance). */
export function invalidateResults(): void {
  cache.clear();
}

async function stampOf(db: DbOrTx, meetingId: string): Promise<string | null> {
  const result = await db.execute(sql`
    select concat_ws('|', m.expected, m.present, m.ballot,
      (select count(*) from meeting_contests c where c.meeting_id = m.id),
      (select count(*) from ballot_boxes b where b.meeting_id = m.id),
      (select count(*) || ':' || coalesce(max(s.created_at)::text, '') from tally_sheets s where s.meeting_id = m.id),
      (select count(*) from tally_sheets s where s.meeting_id = m.id and s.current),
      (select count(*) || ':' || coalesce(max(l.created_at)::text, '') from candidate_lists l where l.community_id = m.community_id)
    ) as stamp
    from meetings m where m.id = ${meetingId}`);
  const row = (result as unknown as { rows: { stamp: string }[] }).rows[0];
  return row?.stamp ?? null;
}

/** The meeting's result as UTF-8 JSON bytes (encoded once), recomputed only when its inputs changed. */
export async function meetingResultJson(db: DbOrTx, meetingId: string): Promise<Buffer> {
  const now = Date.now();
  const hit = cache.get(meetingId);
  if (hit && now - hit.checkedAt < FRESH_MS) return hit.json;
  const stamp = await stampOf(db, meetingId);
  if (stamp === null) throw errors.notFound('Meeting', '选举会议');
  if (hit && hit.stamp === stamp) {
    hit.checkedAt = now;
    return hit.json;
  }
  const json = Buffer.from(JSON.stringify(await getMeetingResult(db, meetingId)), 'utf8');
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(meetingId, { stamp, json, checkedAt: now });
  return json;
}
