/**
 * Jobs with progress (`GET /jobs/:id`), their output (`GET /jobs/:id/result`) and cancellation
 * (`POST /jobs/:id/cancel`), scoped through the job's community. Any instance answers (src/jobs).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getJob, type JobRow } from '../../jobs/jobs.js';
import { AppError, errors } from '../../domain/errors.js';
import { errorResponses, fileResponse, IdParams } from '../schemas.js';

const JobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  /** Why it failed, or why it was queued again (the process running it stopped), in Chinese. */
  error: z.string().nullable(),
  /** Runs started so far (a run whose process died is retried by another instance). */
  attempt: z.number(),
  updatedAt: z.string(),
}).meta({ id: 'Job' });

const view = (job: JobRow) => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  done: job.done,
  total: job.total,
  error: job.error,
  attempt: job.attempt,
  updatedAt: job.updatedAt.toISOString(),
});

const ACCESS = { roles: ['committee', 'street', 'bureau'] as const, resource: { kind: 'job' as const } };

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jobs/:id',
    {
      config: { access: { ...ACCESS, roles: [...ACCESS.roles] } },
      schema: { operationId: 'getJob', summary: '任务进度', tags: ['jobs'], params: IdParams, response: { 200: JobView, ...errorResponses } },
    },
    async (request) => {
      const job = await getJob(app.deps.db, request.params.id);
      if (!job) throw errors.notFound('Job', '任务');
      return view(job);
    },
  );

  app.post(
    '/jobs/:id/cancel',
    {
      // the bureau reads jobs but changes nothing
      config: { access: { ...ACCESS, roles: ['committee', 'street'] } },
      schema: { operationId: 'cancelJob', tags: ['jobs'], summary: '取消任务', params: IdParams, response: { 200: JobView, ...errorResponses } },
    },
    async (request) => {
      const job = await app.deps.jobs.cancel(request.params.id);
      if (!job) throw errors.notFound('Job', '任务');
      return view(job);
    },
  );

  app.get(
    '/jobs/:id/result',
    {
      config: { access: { ...ACCESS, roles: [...ACCESS.roles] } },
      schema: { operationId: 'downloadJobResult', summary: '下载任务结果', tags: ['jobs'], params: IdParams, response: { 200: fileResponse('application/pdf', '任务生成的文件'), ...errorResponses } },
    },
    async (request, reply) => {
      const job = await getJob(app.deps.db, request.params.id);
      if (!job) throw errors.notFound('Job', '任务');
      if (job.status !== 'done' || !job.outputPath) {
        throw errors.conflict('JOB_NOT_DONE', `The job is ${job.status}`, job.status === 'failed' ? '任务执行失败，请重新提交' : '任务尚未完成，请稍后再试', {
          status: job.status,
          done: job.done,
          total: job.total,
        });
      }
      const info = await stat(job.outputPath).catch(() => null);
      if (!info) {
        // Papers are kept JOB_OUTPUT_KEEP_DAYS days (src/jobs/documents.ts sweepJobOutputs), then made again on request.
        const days = app.deps.config.jobOutputKeepDays;
        throw new AppError({ status: 404, code: 'NOT_FOUND', message: `Job output not found (outputs are kept ${days} days)`, messageZh: `任务结果文件已不存在（生成${days}天后自动删除），请重新生成` });
      }
      const name = job.kind.startsWith('document:') ? `${job.kind.slice('document:'.length)}.pdf` : 'result';
      return reply
        .header('content-type', name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream')
        .header('content-length', String(info.size))
        .header('content-disposition', `inline; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(createReadStream(job.outputPath));
    },
  );
};
