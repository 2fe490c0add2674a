/**
 * The papers (DESIGN.md): `GET /communities/:id/documents/:kind.pdf` streams a PDF rendered from the database;
 * 409 DOCUMENT_NOT_READY says what is missing. Long renders (voter cards of a large community) run as a job:
 * `POST /communities/:id/documents/:kind/jobs` → 202 `{ jobId }`, then `GET /jobs/:id` and `GET /jobs/:id/result`.
 * Election and result notices (the party organisation's too) take their number (第N号) with
 * `POST /communities/:id/documents/:kind/issue`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAPER_KINDS } from '../../pdf/view-models.js';
import { issueDocumentNotice, loadDocument, progressTotal } from '../../services/documents.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, fileResponse, IdParams } from '../schemas.js';
import { jobRoutes } from './jobs.js';

const READERS = ['committee', 'street', 'bureau'] as const;

export const DocumentQuerySchema = z.object({
  contest: z.enum(['director', 'deputy', 'member', 'committee', 'party']).optional(),
  stage: z.enum(['runoff', 'revote']).optional(),
  contestId: z.uuid().optional(),
  perPage: z.coerce.number().pipe(z.union([z.literal(1), z.literal(8)])).optional(),
});

const KindParams = IdParams.extend({ kind: z.enum(PAPER_KINDS) });

/** Chinese names of the papers (the summaries of their download operations). */
const PAPER_ZH: Record<(typeof PAPER_KINDS)[number], string> = {
  'election-notice': '选举公告',
  'voter-list': '选民名单',
  'candidate-list': '正式候选人名单',
  ballot: '选票',
  'voter-cards': '选民证',
  'result-notice': '选举结果公告',
  certificates: '当选证书',
  'filing-report': '备案报告',
  'party-candidate-list': '党组织候选人名单',
  'party-ballot': '党组织选举选票',
  'officer-ballot': '书记、副书记选举选票',
  'runoff-ballot': '另行选举选票',
  'party-result-notice': '党组织选举结果公告',
};
const pascal = (kind: string): string => kind.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(jobRoutes);

  for (const kind of PAPER_KINDS) {
    app.get(
      `/communities/:id/documents/${kind}.pdf`,
      {
        config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
        schema: {
          operationId: `get${pascal(kind)}Pdf`,
          summary: `${PAPER_ZH[kind]}（PDF）`,
          tags: ['documents'],
          params: IdParams,
          querystring: DocumentQuerySchema,
          response: { 200: fileResponse('application/pdf', `${PAPER_ZH[kind]} PDF`), ...errorResponses },
        },
      },
      async (request, reply) => {
        // Loaded (and refused with 409) before the first byte; voter cards keep paging the database while streaming.
        const input = await loadDocument(app.deps.db, { communityId: request.params.id, kind, today: app.deps.today(), query: request.query });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${kind}.pdf"`)
          .header('cache-control', 'no-store')
          .send(app.deps.renderer.stream(input));
      },
    );
  }

  app.post(
    '/communities/:id/documents/:kind/issue',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'issueNotice',
        summary: '公告编号（选举公告、结果公告、党组织选举结果公告）',
        tags: ['documents'],
        params: IdParams.extend({ kind: z.enum(['election-notice', 'result-notice', 'party-result-notice']) }),
        body: z.object({ issuedOn: CalendarDate.optional() }).default({}),
        response: { 201: z.object({ kind: z.string(), number: z.number(), issuedOn: z.string(), issued: z.boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const today = app.deps.today();
      const notice = await issueDocumentNotice(app.deps.db, {
        actor: principalOf(request),
        communityId: request.params.id,
        kind: request.params.kind,
        issuedOn: request.body.issuedOn ?? today,
        today,
      });
      return reply.status(201).send(notice);
    },
  );

  app.post(
    '/communities/:id/documents/:kind/jobs',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: {
        operationId: 'startDocumentJob',
        summary: '后台生成文书',
        tags: ['documents'],
        params: KindParams,
        querystring: DocumentQuerySchema,
        response: { 202: z.object({ jobId: z.uuid() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { db, jobs } = app.deps;
      const { kind, id: communityId } = request.params;
      const today = app.deps.today();
      // refused (409) here, before a job exists; any instance's worker loads it again from the payload
      const input = await loadDocument(db, { communityId, kind, today, query: request.query });
      const job = await jobs.submit({
        kind: `document:${kind}`,
        communityId,
        createdBy: principalOf(request).id,
        total: progressTotal(input),
        payload: { communityId, kind, today, query: request.query },
      });
      return reply.status(202).send({ jobId: job.id });
    },
  );
};
