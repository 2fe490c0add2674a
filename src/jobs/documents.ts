/**
 * The `document` queue: a paper (voter cards of a large community...) rendered to DATA_DIR/jobs/<job>-<attempt>.pdf.
 * The payload holds what any instance needs to load the paper again from the database.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
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
