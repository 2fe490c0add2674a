/**
 * The result of a meeting is read far more often than it changes (every scrutineer, the committee, the street and
 * the bureau refresh it during the count). It is recomputed only when one of its inputs changed: the stamp below is
 * one cheap query over those inputs, so several instances behind a load balancer stay correct without coordination.
 * A stamp checked less than `freshMs` ago is trusted without asking again, and every successful change made through
 * this instance drops the cache (`invalidateResults`, called by the app after each 2xx write; a tally sheet drops its
 * own meeting's result only), so a reader never sees
 * an older result than its own instance's last write, and another instance's write at most `freshMs` late.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { errors } from '../domain/errors.js';
import { getMeetingResult } from './results.js';

export interface StampedSource<C> {
  /** A cheap fingerprint of the inputs, or null when the key does not exist. */
  stamp(ctx: C, key: string): Promise<string | null>;
  compute(ctx: C, key: string): Promise<Buffer>;
}

/**
 * Values recomputed only when their stamp changes. Checks under way are shared by every reader that arrives
 * meanwhile (when a write drops the cache under 50 readers, one stamp query and one computation serve them all),
 * and work begun before `invalidate()` is neither stored nor handed to a reader who came after it.
 */
export class StampedCache<C> {
  private readonly entries = new Map<string, { stamp: string; value: Buffer; checkedAt: number }>();
  private readonly inFlight = new Map<string, Promise<Buffer | null>>();
  private generation = 0;
  /** Per key: bumped when that key alone is invalidated (work on it begun before is then dropped, as above). */
  private readonly keyGenerations = new Map<string, number>();

  constructor(
    private readonly source: StampedSource<C>,
    private readonly options: { readonly freshMs: number; readonly maxEntries: number; readonly now?: () => number },
  ) {}

  /** Forgets every value, or only `key`'s. */
  invalidate(key?: string): void {
    if (key === undefined) {
      this.generation += 1;
      this.entries.clear();
      this.inFlight.clear();
      this.keyGenerations.clear();
      return;
    }
    this.keyGenerations.set(key, (this.keyGenerations.get(key) ?? 0) + 1);
    this.entries.delete(key);
    this.inFlight.delete(key);
  }

  /** Where the cache stands for `key`: work begun under another stand is neither stored nor shared. */
  private stand(key: string): string {
    return `${this.generation}:${this.keyGenerations.get(key) ?? 0}`;
  }

  /** The value, or null when the source has no such key. */
  get(ctx: C, key: string): Promise<Buffer | null> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.checkedAt < this.options.freshMs) return Promise.resolve(hit.value);
    let pending = this.inFlight.get(key);
    if (!pending) {
      const started = this.stand(key);
      pending = this.refresh(ctx, key, started).finally(() => {
        if (this.stand(key) === started) this.inFlight.delete(key);
      });
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async refresh(ctx: C, key: string, started: string): Promise<Buffer | null> {
    const hit = this.entries.get(key);
    const stamp = await this.source.stamp(ctx, key);
    if (stamp === null) return null;
    if (hit && hit.stamp === stamp) {
      if (this.stand(key) === started) hit.checkedAt = this.now();
      return hit.value;
    }
    const value = await this.source.compute(ctx, key);
    if (this.stand(key) === started) {
      if (this.entries.size >= this.options.maxEntries) this.entries.clear();
      this.entries.set(key, { stamp, value, checkedAt: this.now() });
    }
    return value;
  }
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

const meetingResults = new StampedCache<DbOrTx>(
  { stamp: stampOf, compute: async (db, meetingId) => Buffer.from(JSON.stringify(await getMeetingResult(db, meetingId)), 'utf8') },
  { freshMs: 200, maxEntries: 2_000 },
);

/**
 * Forgets the cached results after a change made through this instance: every result, or (a tally sheet entered at
 * one meeting, the count's frequent write) only that meeting's, whose inputs are the only ones it touches.
 */
export function invalidateResults(meetingId?: string): void {
  meetingResults.invalidate(meetingId);
}

/** The meeting's result as UTF-8 JSON bytes (encoded once), recomputed only when its inputs changed. */
export async function meetingResultJson(db: DbOrTx, meetingId: string): Promise<Buffer> {
  const json = await meetingResults.get(db, meetingId);
  if (json === null) throw errors.notFound('Meeting', '选举会议');
  return json;
}
