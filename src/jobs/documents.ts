/**
 * The `document` queue: a paper (voter cards of a large community...) rendered to DATA_DIR/jobs/<job>-<attempt>.pdf.
 * The payload holds what any instance needs to load the paper again from the database.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Db } from '../db/client.js';
import type { RenderPool } from '../pdf/render-thread.js';
import type { DocumentKind } from '../pdf/view-models.js';
import { loadDocument, type DocumentQuery } from '../services/documents.js';
import type { JobHandler } from './jobs.js';

export interface DocumentJobPayload {
  readonly communityId: string;
  readonly kind: DocumentKind;
  readonly today: string;
  readonly query: DocumentQuery;
}

export function documentJob(db: Db, dataDir: string, renderer: RenderPool): JobHandler {
  return async (payload, { job, progress, signal }) => {
    const p = payload as DocumentJobPayload;
    const input = await loadDocument(db, { communityId: p.communityId, kind: p.kind, today: p.today, query: p.query });
    const dir = resolve(dataDir, 'jobs');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${job.id}-${job.attempt}.pdf`);
    // Drawn in a render thread: the instance keeps answering requests while a 20,000-card job runs.
    await renderer.render(input, createWriteStream(file), { onProgress: (done, total) => progress(done, total), signal });
    return { outputPath: file, result: { kind: p.kind } };
  };
}

/**
 * Deletes the papers of DATA_DIR/jobs last written more than `keepDays` ago (a done job's output, or what a run whose
 * process died left half-written), so an office PC's disk does not fill with voter cards. A paper being drawn is
 * written to all the time and never that old. Any instance may sweep the shared directory. Answers what it deleted.
 */
export async function sweepJobOutputs(dataDir: string, keepDays: number, now: Date = new Date()): Promise<string[]> {
  const dir = resolve(dataDir, 'jobs');
  const names = await readdir(dir).catch(() => [] as string[]);
  const before = now.getTime() - keepDays * 24 * 3600 * 1000;
  const deleted: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.mtimeMs >= before) continue;
    await unlink(file).then(
      () => deleted.push(name),
      () => undefined,
    );
  }
  return deleted;
}

/** Sweeps now and every `everyMs` (unref'd: it never keeps the process alive); the returned function stops it. */
export function startJobOutputSweeper(dataDir: string, keepDays: number, onError: (error: unknown) => void, everyMs = 6 * 3600 * 1000): () => void {
  const sweep = () => void sweepJobOutputs(dataDir, keepDays).catch(onError);
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
