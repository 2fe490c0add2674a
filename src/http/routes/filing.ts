import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AfterRound } from './by-elections.js';
import { getFiling, listFilings, reviewFiling, submitFiling } from '../../services/filing.js';
import { REOPEN_AREAS } from '../../services/freeze.js';
import { issueCertificates, listCertificates } from '../../services/certificates.js';
import { communityReport, reportWorkbook, roundReport } from '../../services/reports.js';
import { computeCommunityChecks, computeRoundChecks } from '../../services/checks.js';
import { recordHandover } from '../../services/handover.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, fileResponse, IdParams, JsonValue, PageQuery, pageOf, Violation } from '../schemas.js';
import { pageOf as pageRows } from '../../services/paging.js';

const CheckItem = z.object({
  rule: z.string(),
  status: z.enum(['pass', 'fail', 'warning', 'n/a']),
  severity: z.string(),
  titleZh: z.string(),
  details: JsonValue,
  justification: z.string().optional(),
}).meta({ id: 'CheckItem' });

const Filing = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  kind: z.enum(['rc', 'party']),
  status: z.enum(['submitted', 'recorded', 'approved', 'returned']),
  submittedAt: z.string(),
  checks: z.array(CheckItem),
  history: z.array(
    z.object({ at: z.string(), action: z.string(), by: z.string(), role: z.string(), reason: z.string().optional(), reopened: z.array(z.enum(REOPEN_AREAS)).optional() }),
  ),
  reopened: z.array(z.enum(REOPEN_AREAS)),
  chainHead: z.object({ seq: z.number(), hash: z.string() }).nullable(),
  communityName: z.string().optional(),
  /** Recalls and by-elections after the round (GET /filings/:id). */
  afterRound: AfterRound.optional(),
}).meta({ id: 'Filing' });

const READERS = ['committee', 'street', 'bureau'] as const;

const Structure = z
  .object({
    total: z.number(),
    women: z.number(),
    men: z.number(),
    unknown: z.number(),
    ageBands: z.object({ under35: z.number(), '35to44': z.number(), '45to54': z.number(), '55plus': z.number() }),
    /** People per education level (`unknown` when not recorded). */
    education: z.record(z.string(), z.number()),
    averageAge: z.number().nullable(),
    turnout: z.object({ num: z.number(), den: z.number(), percent: z.number() }),
  })
  .meta({ id: 'ElectedStructure' });
const CommunityReport = z
  .object({
    communityId: z.uuid(),
    name: z.string(),
    method: z.enum(['congress', 'direct', 'household']),
    electionDay: z.string(),
    registeredVoters: z.number(),
    turnout: z
      .object({
        base: z.string(),
        expected: z.number(),
        present: z.number().nullable(),
        ballotsIssued: z.number().nullable(),
        ballotsReturned: z.number().nullable(),
      })
      .nullable(),
    elected: z.object({
      rc: z.array(z.object({ name: z.string(), post: z.string(), postZh: z.string(), votes: z.number() })),
      party: z.array(z.object({ name: z.string(), votes: z.number() })),
      officers: z.array(z.object({ name: z.string(), post: z.string(), postZh: z.string() })),
      rcComplete: z.boolean(),
      rcVacancies: z.number(),
    }),
    structure: z.object({ rc: Structure, party: Structure }),
    cross: z.object({
      both: z.number(),
      either: z.number(),
      rate: z.object({ num: z.number(), den: z.number() }),
      percent: z.number(),
      oneShoulder: z.boolean(),
    }),
    exceptions: z.array(z.object({ rule: z.string(), text: z.string(), at: z.string() })),
  })
  .meta({ id: 'CommunityReport' });

/** The figures of a round report (AFT-REPORT), for a round, a street or a district. */
export const ReportFigures = z.object({
  communities: z.number(),
  registeredVoters: z.number(),
  rcElected: z.number(),
  partyElected: z.number(),
  women: z.number(),
  crossBoth: z.number(),
  crossEither: z.number(),
  crossRatePercent: z.number().nullable(),
  oneShoulder: z.number(),
  turnout: z.object({ communities: z.number(), expected: z.number(), present: z.number(), percent: z.number().nullable() }),
  sex: z.object({ male: z.number(), female: z.number(), unknown: z.number() }),
  ageBands: z.record(z.string(), z.number()),
  education: z.record(z.string(), z.number()),
  womenPercent: z.number().nullable(),
  committeesWithWoman: z.number(),
  committeesElected: z.number(),
  exceptionsGranted: z.number(),
});

const RoundReport = z
  .object({
    roundId: z.uuid(),
    name: z.string(),
    term: z.number(),
    streetId: z.uuid(),
    streetName: z.string(),
    communities: z.array(CommunityReport),
    totals: ReportFigures,
  })
  .meta({ id: 'RoundReport' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const filingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/communities/:id/checks',
    {
      config: { access: { roles: READERS, resource: { kind: 'community' } } },
      schema: { operationId: 'listCommunityChecks', summary: '社区规则核查', tags: ['filing'], params: IdParams, response: { 200: z.array(CheckItem), ...errorResponses } },
    },
    async (request) => [...(await computeCommunityChecks(db, { communityId: request.params.id, today: app.deps.today() })).items],
  );

  app.get(
    '/rounds/:id/checks',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: {
        operationId: 'listRoundChecks',
        summary: '本轮各社区规则核查',
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
        operationId: 'submitFiling',
        summary: '报送备案',
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
        operationId: 'listFilings',
        summary: '备案列表',
        tags: ['filing'],
        querystring: PageQuery.extend({
          status: z.enum(['submitted', 'recorded', 'approved', 'returned']).optional(),
          communityId: z.uuid().optional(),
        }),
        response: { 200: pageOf(Filing, 'FilingPage'), ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const scope = principal.role === 'bureau' ? { districtId: principal.scopeId! } : { streetId: principal.scopeId! };
      const { status, communityId } = request.query;
      return pageRows(await listFilings(db, { ...scope, status, ...(communityId ? { communityId } : {}) }), request.query);
    },
  );

  app.get(
    '/filings/:id',
    {
      config: { access: { roles: READERS, resource: { kind: 'filing' } } },
      schema: { operationId: 'getFiling', summary: '备案详情', tags: ['filing'], params: IdParams, response: { 200: Filing, ...errorResponses } },
    },
    async (request) => getFiling(db, request.params.id),
  );

  app.post(
    '/filings/:id/review',
    {
      config: { access: { roles: ['bureau'], resource: { kind: 'filing' } } },
      schema: {
        operationId: 'reviewFiling',
        summary: '审核备案',
        tags: ['filing'],
        params: IdParams,
        body: z.object({
          decision: z.enum(['approve', 'record', 'return']),
          reason: z.string().trim().max(2000).optional(),
          /** A return reopens only these (default all): attendance, tally, voters, candidates. */
          reopen: z.array(z.enum(REOPEN_AREAS)).max(REOPEN_AREAS.length).optional(),
          /** A return that voids the residents' committee's result withdraws its certificates (退回并撤销选举结果). */
          voidsResult: z.boolean().optional().meta({ description: '退回是否撤销选举结果（撤销则收回已颁发的当选证书）' }),
        }),
        response: { 200: Filing, ...errorResponses },
      },
    },
    async (request) => reviewFiling(db, { actor: principalOf(request), filingId: request.params.id, ...request.body, now: app.deps.now() }),
  );

  const Certificate = z.object({ id: z.uuid(), number: z.number(), name: z.string(), post: z.string(), issuedOn: z.string() }).meta({ id: 'Certificate' });

  app.post(
    '/communities/:id/certificates',
    {
      config: { access: { roles: ['street'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'issueCertificates',
        summary: '颁发当选证书',
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
      schema: { operationId: 'listCertificates', summary: '当选证书列表', tags: ['filing'], params: IdParams, querystring: PageQuery, response: { 200: pageOf(Certificate, 'CertificatePage'), ...errorResponses } },
    },
    async (request) => pageRows(await listCertificates(db, request.params.id), request.query),
  );

  app.get(
    '/communities/:id/report',
    {
      config: { access: { roles: READERS, resource: { kind: 'community' } } },
      schema: { operationId: 'getCommunityReport', summary: '社区换届工作报告', tags: ['reports'], params: IdParams, response: { 200: CommunityReport, ...errorResponses } },
    },
    async (request) => communityReport(db, request.params.id),
  );

  app.get(
    '/rounds/:id/report',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: { operationId: 'getRoundReport', summary: '本轮换届工作报告', tags: ['reports'], params: IdParams, response: { 200: RoundReport, ...errorResponses } },
    },
    async (request) => {
      const report = await roundReport(db, request.params.id);
      return { ...report, communities: [...report.communities] };
    },
  );

  app.get(
    '/rounds/:id/report.xlsx',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: { operationId: 'exportRoundReport', summary: '导出本轮换届工作报告（Excel）', tags: ['reports'], params: IdParams, response: { 200: fileResponse(XLSX, '换届工作报告 Excel'), ...errorResponses } },
    },
    async (request, reply) => {
      const report = await roundReport(db, request.params.id);
      return reply
        .type(XLSX)
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
        operationId: 'recordHandover',
        summary: '登记工作移交',
        tags: ['filing'],
        params: IdParams,
        body: z.object({ completedOn: CalendarDate, supervisor: z.string().trim().min(1).max(100), notes: z.string().max(2000).optional() }),
        response: {
          201: z.object({ id: z.uuid(), completedOn: z.string(), supervisor: z.string(), dueBy: z.string(), overdue: z.boolean(), warning: Violation.optional() }).meta({ id: 'Handover' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordHandover(db, { actor: principalOf(request), communityId: request.params.id, ...request.body, today: app.deps.today() })),
  );

};
