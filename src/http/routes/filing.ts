import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getFiling, listFilings, reviewFiling, submitFiling } from '../../services/filing.js';
import { REOPEN_AREAS } from '../../services/freeze.js';
import { issueCertificates, listCertificates } from '../../services/certificates.js';
import { communityReport, reportWorkbook, roundReport } from '../../services/reports.js';
import { computeCommunityChecks, computeRoundChecks } from '../../services/checks.js';
import { recordHandover } from '../../services/handover.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams } from '../schemas.js';

const CheckItem = z.object({
  rule: z.string(),
  status: z.enum(['pass', 'fail', 'warning', 'n/a']),
  severity: z.string(),
  titleZh: z.string(),
  details: z.unknown(),
  justification: z.string().optional(),
});

const Filing = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  kind: z.enum(['rc', 'party']),
  status: z.enum(['submitted', 'approved', 'returned']),
  submittedAt: z.string(),
  checks: z.array(CheckItem),
  history: z.array(
    z.object({ at: z.string(), action: z.string(), by: z.string(), role: z.string(), reason: z.string().optional(), reopened: z.array(z.enum(REOPEN_AREAS)).optional() }),
  ),
  reopened: z.array(z.enum(REOPEN_AREAS)),
  chainHead: z.object({ seq: z.number(), hash: z.string() }).nullable(),
  communityName: z.string().optional(),
});

const READERS = ['committee', 'street', 'bureau'] as const;

export const filingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/communities/:id/checks',
    {
      config: { access: { roles: READERS, resource: { kind: 'community' } } },
      schema: { tags: ['filing'], params: IdParams, response: { 200: z.array(CheckItem), ...errorResponses } },
    },
    async (request) => [...(await computeCommunityChecks(db, { communityId: request.params.id, today: app.deps.today() })).items],
  );

  app.get(
    '/rounds/:id/checks',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: {
        tags: ['filing'],
        params: IdParams,
        response: { 200: z.array(z.object({ communityId: z.uuid(), name: z.string(), checks: z.array(CheckItem) })), ...errorResponses },
      },
    },
    async (request) => computeRoundChecks(db, { roundId: request.params.id, today: app.deps.today() }),
  );

  app.post(
    '/communities/:id/filing',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['filing'],
        params: IdParams,
        body: z.object({ kind: z.enum(['rc', 'party']).default('rc') }).default({ kind: 'rc' }),
        response: { 201: Filing, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await submitFiling(db, { actor: principalOf(request), communityId: request.params.id, kind: request.body.kind, today: app.deps.today(), now: app.deps.now() }),
      ),
  );

  app.get(
    '/filings',
    {
      config: { access: { roles: ['bureau', 'street'] } },
      schema: {
        tags: ['filing'],
        querystring: z.object({ status: z.enum(['submitted', 'approved', 'returned']).optional() }),
        response: { 200: z.array(Filing), ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const scope = principal.role === 'bureau' ? { districtId: principal.scopeId! } : { streetId: principal.scopeId! };
      return listFilings(db, { ...scope, status: request.query.status });
    },
  );

  app.get(
    '/filings/:id',
    {
      config: { access: { roles: READERS, resource: { kind: 'filing' } } },
      schema: { tags: ['filing'], params: IdParams, response: { 200: Filing, ...errorResponses } },
    },
    async (request) => getFiling(db, request.params.id),
  );

  app.post(
    '/filings/:id/review',
    {
      config: { access: { roles: ['bureau'], resource: { kind: 'filing' } } },
      schema: {
        tags: ['filing'],
        params: IdParams,
        body: z.object({
          decision: z.enum(['approve', 'record', 'return']),
          reason: z.string().trim().max(2000).optional(),
          /** A return reopens only these (default all): attendance, tally, voters, candidates. */
          reopen: z.array(z.enum(REOPEN_AREAS)).max(REOPEN_AREAS.length).optional(),
        }),
        response: { 200: Filing, ...errorResponses },
      },
    },
    async (request) => reviewFiling(db, { actor: principalOf(request), filingId: request.params.id, ...request.body, now: app.deps.now() }),
  );

  const Certificate = z.object({ id: z.uuid(), number: z.number(), name: z.string(), post: z.string(), issuedOn: z.string() });

  app.post(
    '/communities/:id/certificates',
    {
      config: { access: { roles: ['street'], resource: { kind: 'community' } } },
      schema: {
        tags: ['filing'],
        params: IdParams,
        body: z.object({ issuedOn: CalendarDate.optional() }).default({}),
        response: { 201: z.object({ certificates: z.array(Certificate), issued: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await issueCertificates(db, { actor: principalOf(request), communityId: request.params.id, issuedOn: request.body.issuedOn ?? app.deps.today() }),
      ),
  );

  app.get(
    '/communities/:id/certificates',
    {
      config: { access: { roles: READERS, resource: { kind: 'community' } } },
      schema: { tags: ['filing'], params: IdParams, response: { 200: z.array(Certificate), ...errorResponses } },
    },
    async (request) => listCertificates(db, request.params.id),
  );

  app.get(
    '/communities/:id/report',
    {
      config: { access: { roles: READERS, resource: { kind: 'community' } } },
      schema: { tags: ['reports'], params: IdParams },
    },
    async (request) => communityReport(db, request.params.id),
  );

  app.get(
    '/rounds/:id/report',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: { tags: ['reports'], params: IdParams },
    },
    async (request) => roundReport(db, request.params.id),
  );

  app.get(
    '/rounds/:id/report.xlsx',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: { tags: ['reports'], params: IdParams },
    },
    async (request, reply) => {
      const report = await roundReport(db, request.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="report-${request.params.id}.xlsx"`)
        .send(await reportWorkbook(report));
    },
  );
};

export const handoverRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.post(
    '/communities/:id/handover',
    {
      config: { access: { roles: ['committee', 'street'], resource: { kind: 'community' } } },
      schema: {
        tags: ['filing'],
        params: IdParams,
        body: z.object({ completedOn: CalendarDate, supervisor: z.string().trim().min(1).max(100), notes: z.string().max(2000).optional() }),
        response: {
          201: z.object({ id: z.uuid(), completedOn: z.string(), supervisor: z.string(), dueBy: z.string(), overdue: z.boolean(), warning: z.unknown().optional() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordHandover(db, { actor: principalOf(request), communityId: request.params.id, ...request.body, today: app.deps.today() })),
  );

};
