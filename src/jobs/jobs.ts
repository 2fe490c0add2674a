/**
 * Long work (bulk PDF, large imports) as jobs with progress kept in the `jobs` table, so any instance can
 * answer `GET /jobs/:id`. Jobs run in the process that accepted them; a job whose process died stays
 * `running` with its last progress and can be started again.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobs } from '../db/schema.js';

export type JobRow = typeof jobs.$inferSelect;

export interface JobProgress {
  /** Reports progress; writes are throttled to one per 250 ms. */
  (done: number, total?: number): void;
}

export async function createJob(db: Db, input: { kind: string; communityId: string | null; createdBy: string | null; total?: number }): Promise<JobRow> {
  const [row] = await db
    .insert(jobs)
    .values({ kind: input.kind, communityId: input.communityId, createdBy: input.createdBy, status: 'queued', total: input.total ?? 0 })
    .returning();
  return row!;
}

export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/** Runs `work` in the background, keeping the job row's status and progress current. */
export function runJob(
  db: Db,
  job: JobRow,
  work: (progress: JobProgress) => Promise<{ result?: unknown; outputPath?: string }>,
  onError: (error: unknown) => void = () => undefined,
): Promise<void> {
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const progress: JobProgress = (done, total) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    pending = pending.then(() =>
      db
        .update(jobs)
        .set({ done, ...(total !== undefined ? { total } : {}), updatedAt: new Date() })
        .where(eq(jobs.id, job.id))
        .catch(() => undefined),
    );
  };
  return (async () => {
    await db.update(jobs).set({ status: 'running', updatedAt: new Date() }).where(eq(jobs.id, job.id));
    try {
      const { result, outputPath } = await work(progress);
      await pending;
      const [row] = await db.select({ total: jobs.total }).from(jobs).where(eq(jobs.id, job.id));
      await db
        .update(jobs)
        .set({ status: 'done', done: row?.total ?? 0, result: result ?? null, outputPath: outputPath ?? null, updatedAt: new Date() })
        .where(eq(jobs.id, job.id));
    } catch (error) {
      await pending;
      onError(error);
      await db
        .update(jobs)
        .set({ status: 'failed', error: error instanceof Error ? error.message : String(error), updatedAt: new Date() })
        .where(eq(jobs.id, job.id))
        .catch(() => undefined);
    }
  })();
}
