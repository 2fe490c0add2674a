/**
 * Long work (bulk PDF, later large imports) as jobs. The `jobs` table is the job as users see it (status, progress,
 * output, error), readable from any instance; the queue decides who runs it:
 * - PostgreSQL: pg-boss (in the database's `pgboss` schema). Any instance's worker takes the next job; a job whose
 *   process died (no heartbeat for `staleSeconds`) is failed in pg-boss by another instance's watchdog, which retries
 *   it (`retryLimit`) or marks it failed with the reason; it is never left `running`.
 * - PGlite (one process): the same interface in-process, one job at a time; on start, jobs left queued or running by
 *   a previous process are queued again (or failed once out of attempts).
 * States: queued → running → done | failed | cancelled (a retried run goes back to queued). Cancelling a running job
 * stops it at its next progress report or heartbeat.
 */
import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Db } from '../db/client.js';
import { jobs } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

export type JobRow = typeof jobs.$inferSelect;
export type JobStatus = JobRow['status'];

export interface JobProgress {
  /** Reports progress (writes are throttled to one per 250 ms); throws once the job is cancelled. */
  (done: number, total?: number): void;
}

export interface JobContext {
  readonly job: JobRow;
  readonly progress: JobProgress;
  readonly signal: AbortSignal;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<{ result?: unknown; outputPath?: string }>;

export interface SubmitInput {
  /** `<queue>:<detail>`, e.g. `document:voter-cards`; the queue is the part before the colon. */
  readonly kind: string;
  readonly communityId: string | null;
  readonly createdBy: string | null;
  readonly total?: number;
  readonly payload: unknown;
}

export interface JobQueue {
  readonly mode: 'pg-boss' | 'in-process';
  define(queue: string, handler: JobHandler): void;
  submit(input: SubmitInput): Promise<JobRow>;
  /** Cancels a queued or running job; returns the row (unchanged when it had already finished). */
  cancel(id: string): Promise<JobRow | undefined>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface JobLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface JobQueueOptions {
  readonly db: Db;
  readonly log: JobLog;
  /** The PostgreSQL pool: jobs go through pg-boss (on this pool); without it, in-process. */
  readonly pool?: pg.Pool | undefined;
  /** A running job whose heartbeat is older than this is taken as dead (its process stopped). */
  readonly staleSeconds?: number;
  /** Runs of one job before it is failed (first run included). */
  readonly attempts?: number;
}

const queueOf = (kind: string) => kind.split(':')[0]!;

export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

class Cancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

/** Why a run failed, for the job row (Chinese when the error carries it). */
const reasonOf = (error: unknown) => (error instanceof AppError ? error.messageZh : error instanceof Error ? error.message : String(error));

type Outcome = { kind: 'done' } | { kind: 'skipped' } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown; retryable: boolean; attempt: number };

/**
 * One run of a job on this instance: claims the row (attempt + 1), keeps a heartbeat, reports progress, and writes
 * the outcome only if the row is still this run's (a run taken over by another instance writes nothing).
 */
async function runAttempt(db: Db, jobId: string, handler: JobHandler, abort: AbortController, staleSeconds: number): Promise<Outcome> {
  const [job] = await db
    .update(jobs)
    .set({ status: 'running', attempt: sql`${jobs.attempt} + 1`, updatedAt: new Date() })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'queued')))
    .returning();
  if (!job) return { kind: 'skipped' };
  const mine = and(eq(jobs.id, jobId), eq(jobs.attempt, job.attempt), eq(jobs.status, 'running'));
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(() => {
    pending = pending.then(async () => {
      const rows = await db.update(jobs).set({ updatedAt: new Date() }).where(mine).returning({ id: jobs.id }).catch(() => null);
      if (rows && rows.length === 0) abort.abort();
    });
  }, Math.min(2000, (staleSeconds * 1000) / 4));
  const progress: JobProgress = (done, total) => {
    if (abort.signal.aborted) throw new Cancelled();
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    pending = pending.then(() =>
      db
        .update(jobs)
        .set({ done, ...(total !== undefined ? { total } : {}), updatedAt: new Date() })
        .where(mine)
        .catch(() => undefined),
    );
  };
  try {
    const { result, outputPath } = await handler(job.payload, { job, progress, signal: abort.signal });
    clearInterval(heartbeat);
    await pending;
    await db
      .update(jobs)
      .set({ status: 'done', done: sql`${jobs.total}`, result: result ?? null, outputPath: outputPath ?? null, error: null, updatedAt: new Date() })
      .where(mine);
    return { kind: 'done' };
  } catch (error) {
    clearInterval(heartbeat);
    await pending;
    if (abort.signal.aborted) return { kind: 'cancelled' };
    // a refusal (data not ready, a rule) fails the same way every time: no retry
    return { kind: 'failed', error, retryable: !(error instanceof AppError), attempt: job.attempt };
  }
}

async function insertJob(db: Db, input: SubmitInput): Promise<JobRow> {
  const [row] = await db
    .insert(jobs)
    .values({ kind: input.kind, communityId: input.communityId, createdBy: input.createdBy, status: 'queued', total: input.total ?? 0, payload: input.payload as object })
    .returning();
  return row!;
}

/** A job row without a queued run (tests of the routes and their scope). */
export function createJob(db: Db, input: Omit<SubmitInput, 'payload'>): Promise<JobRow> {
  return insertJob(db, { ...input, payload: null });
}

/** Marks the run's row: queued again (another run follows) or failed with the reason. */
async function settleFailure(db: Db, jobId: string, attempt: number, retry: boolean, reason: string): Promise<void> {
  await db
    .update(jobs)
    .set(retry ? { status: 'queued', error: reason, updatedAt: new Date() } : { status: 'failed', error: reason, updatedAt: new Date() })
    .where(and(eq(jobs.id, jobId), eq(jobs.attempt, attempt), eq(jobs.status, 'running')));
}

async function markCancelled(db: Db, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'cancelled', error: '任务已取消', updatedAt: new Date() })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])))
    .returning();
  return row ?? getJob(db, id);
}

// ------------------------------------------------------------------------------------------------ in-process

class InProcessQueue implements JobQueue {
  readonly mode = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly waiting: string[] = [];
  private readonly running = new Map<string, AbortController>();
  private active: Promise<void> | null = null;
  private stopped = false;
  private started = false;

  constructor(private readonly options: JobQueueOptions) {}

  define(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // what a previous process left: queued again (a run it had started counts as an attempt)
    const { db } = this.options;
    const attempts = this.options.attempts ?? 3;
    const left = await db.select().from(jobs).where(inArray(jobs.status, ['queued', 'running']));
    for (const row of left) {
      if (row.status === 'running' && row.attempt >= attempts) {
        await settleFailure(db, row.id, row.attempt, false, `服务在任务执行中停止，已尝试${row.attempt}次，任务失败，请重新提交`);
        continue;
      }
      if (row.status === 'running') await settleFailure(db, row.id, row.attempt, true, '服务在任务执行中停止，任务已重新排队');
      this.enqueue(row.id);
    }
  }

  async submit(input: SubmitInput): Promise<JobRow> {
    const row = await insertJob(this.options.db, input);
    this.enqueue(row.id);
    return row;
  }

  async cancel(id: string): Promise<JobRow | undefined> {
    const row = await markCancelled(this.options.db, id);
    this.running.get(id)?.abort();
    return row;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const abort of this.running.values()) abort.abort();
    await this.active?.catch(() => undefined);
  }

  private enqueue(id: string): void {
    this.waiting.push(id);
    this.active ??= this.drain().finally(() => {
      this.active = null;
    });
  }

  private async drain(): Promise<void> {
    const { db, log } = this.options;
    const attempts = this.options.attempts ?? 3;
    while (!this.stopped) {
      const id = this.waiting.shift();
      if (!id) return;
      const row = await getJob(db, id);
      const handler = row && this.handlers.get(queueOf(row.kind));
      if (!row || !handler) continue;
      const abort = new AbortController();
      this.running.set(id, abort);
      for (;;) {
        const outcome = await runAttempt(db, id, handler, abort, this.options.staleSeconds ?? 30).catch((error: unknown) => ({ kind: 'failed' as const, error, retryable: false, attempt: row.attempt + 1 }));
        if (outcome.kind !== 'failed') break;
        log.error({ err: outcome.error, jobId: id }, 'job run failed');
        const retry = outcome.retryable && outcome.attempt < attempts && !this.stopped;
        await settleFailure(db, id, outcome.attempt, retry, reasonOf(outcome.error));
        if (!retry) break;
      }
      this.running.delete(id);
    }
  }
}

// ------------------------------------------------------------------------------------------------ pg-boss

type PgBossType = PgBoss;

class PgBossQueue implements JobQueue {
  readonly mode = 'pg-boss' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, AbortController>();
  private boss: PgBossType | null = null;
  private starting: Promise<PgBossType> | null = null;
  private watchdog: NodeJS.Timeout | null = null;

  constructor(private readonly options: JobQueueOptions & { pool: pg.Pool }) {}

  define(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }

  private get stale(): number {
    return this.options.staleSeconds ?? 30;
  }

  start(): Promise<void> {
    return this.ready().then(() => undefined);
  }

  private ready(): Promise<PgBossType> {
    this.starting ??= (async () => {
      const { default: PgBoss } = await import('pg-boss');
      const boss = new PgBoss({
        db: { executeSql: (text: string, values: unknown[]) => this.options.pool.query(text, values) },
        schema: 'pgboss',
        maintenanceIntervalSeconds: 60,
        // a job outlives its worker only until the watchdog notices; expiry is the last resort
        expireInSeconds: 6 * 3600,
      });
      boss.on('error', (error: unknown) => this.options.log.error({ err: error }, 'pg-boss error'));
      await boss.start();
      const attempts = this.options.attempts ?? 3;
      for (const [queue, handler] of this.handlers) {
        await boss.createQueue(queue, { name: queue, retryLimit: attempts - 1, retryDelay: 0, expireInSeconds: 6 * 3600 });
        await boss.work<{ jobId: string }>(queue, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
          if (job) await this.run(job.data.jobId, handler, job.retryCount < job.retryLimit);
        });
      }
      this.boss = boss;
      this.watchdog = setInterval(() => void this.reapDead().catch((error: unknown) => this.options.log.warn({ err: error }, 'job watchdog failed')), (this.stale * 1000) / 2);
      this.watchdog.unref();
      return boss;
    })();
    return this.starting;
  }

  private async run(jobId: string, handler: JobHandler, canRetry: boolean): Promise<void> {
    const { db, log } = this.options;
    const abort = new AbortController();
    this.running.set(jobId, abort);
    try {
      const outcome = await runAttempt(db, jobId, handler, abort, this.stale);
      if (outcome.kind !== 'failed') return;
      log.error({ err: outcome.error, jobId }, 'job run failed');
      const retry = outcome.retryable && canRetry;
      await settleFailure(db, jobId, outcome.attempt, retry, reasonOf(outcome.error));
      // pg-boss retries a job whose handler throws
      if (retry) throw outcome.error;
    } finally {
      this.running.delete(jobId);
    }
  }

  /**
   * Running jobs without a heartbeat for `staleSeconds`: their process died. The first instance to claim the row
   * fails the pg-boss job, which pg-boss retries (another worker takes it) or fails for good.
   */
  private async reapDead(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    const { db } = this.options;
    // this process's own runs are alive (a heartbeat late because rendering held the event loop is not a death)
    const mine = [...this.running.keys()];
    const dead = await db
      .update(jobs)
      .set({ status: 'queued', error: '执行任务的进程已停止，任务已重新排队', updatedAt: new Date() })
      .where(
        and(
          eq(jobs.status, 'running'),
          lt(jobs.updatedAt, new Date(Date.now() - this.stale * 1000)),
          mine.length > 0 ? notInArray(jobs.id, mine) : undefined,
        ),
      )
      .returning();
    for (const row of dead) {
      if (!row.queueId) continue;
      const queue = queueOf(row.kind);
      await boss.fail(queue, row.queueId, { reason: 'worker stopped (no heartbeat)' });
      const state = (await boss.getJobById(queue, row.queueId))?.state;
      if (state !== 'retry' && state !== 'created') {
        await db
          .update(jobs)
          .set({ status: 'failed', error: `执行任务的进程已停止，已尝试${row.attempt}次，任务失败，请重新提交`, updatedAt: new Date() })
          .where(and(eq(jobs.id, row.id), eq(jobs.status, 'queued')));
      }
    }
  }

  async submit(input: SubmitInput): Promise<JobRow> {
    const boss = await this.ready();
    const row = await insertJob(this.options.db, input);
    const queueId = await boss.send(queueOf(input.kind), { jobId: row.id });
    await this.options.db.update(jobs).set({ queueId }).where(eq(jobs.id, row.id));
    return { ...row, queueId };
  }

  async cancel(id: string): Promise<JobRow | undefined> {
    const row = await markCancelled(this.options.db, id);
    this.running.get(id)?.abort();
    if (row?.status === 'cancelled' && row.queueId) await (await this.ready()).cancel(queueOf(row.kind), row.queueId).catch(() => undefined);
    return row;
  }

  async stop(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    if (!this.starting) return;
    const boss = await this.starting.catch(() => null);
    for (const abort of this.running.values()) abort.abort();
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
  }
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  return options.pool ? new PgBossQueue({ ...options, pool: options.pool }) : new InProcessQueue(options);
}
