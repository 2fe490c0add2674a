/** The district bureau's review desk: the filings queue, one filing's dossier, the district summary, a community's audit log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ReportFigures } from './filing.js';
import { communityFilings, filingDossier, filingQueue, QUEUE_STATUSES } from '../../services/filing-review.js';
import { districtSummary, districtWorkbook } from '../../services/reports.js';
import { communityAudit } from '../../services/audit-browse.js';
import { createCommunityUser, listCommunityUsers, resetCommunityUserPassword, setCommunityUserActive } from '../../services/community-users.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, fileResponse, IdParams, JsonObject, JsonValue } from '../schemas.js';

const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const QueueStatus = z.enum(QUEUE_STATUSES);
const LastReturn = z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable();
const StatusCounts = { waiting: z.number(), recorded: z.number(), returned: z.number() };

const FilingQueue = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      communityId: z.uuid(),
      communityName: z.string(),
      streetId: z.uuid(),
      streetName: z.string(),
      roundName: z.string(),
      kind: z.enum(['rc', 'party']),
      status: z.string(),
      queueStatus: QueueStatus,
      submittedAt: z.string(),
      failing: z.number(),
      warnings: z.number(),
      lastReturn: LastReturn,
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.object(StatusCounts),
  streets: z.array(z.object({ streetId: z.uuid(), name: z.string(), ...StatusCounts })),
});

const FiledCheck = z.object({
  rule: z.string(),
  status: z.enum(['pass', 'fail', 'warning', 'n/a']),
  severity: z.string(),
  titleZh: z.string(),
  details: JsonValue,
  justification: z.string().optional(),
});
const History = z.array(z.object({ at: z.string(), action: z.string(), by: z.string(), role: z.string(), reason: z.string().optional() }));
const FilingRecord = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  kind: z.enum(['rc', 'party']),
  status: z.string(),
  queueStatus: QueueStatus,
  submittedAt: z.string(),
  checks: z.array(FiledCheck),
  history: History,
  lastReturn: LastReturn,
});

const FilingDossier = z.object({
  filing: FilingRecord.extend({ communityName: z.string() }),
  community: z.object({
    id: z.uuid(),
    name: z.string(),
    code: z.string(),
    method: z.enum(['congress', 'direct', 'household']),
    electionDay: z.string(),
    streetId: z.uuid(),
    streetName: z.string(),
    roundId: z.uuid(),
    roundName: z.string(),
  }),
  /** The community's report (`GET /communities/:id/report`). */
  result: JsonObject,
  papers: z.array(z.object({ kind: z.string(), titleZh: z.string(), url: z.string() })),
});

const Figures = ReportFigures;

const DistrictSummary = z.object({
  districtId: z.uuid(),
  name: z.string(),
  term: z.number(),
  terms: z.array(z.number()),
  streets: z.array(
    z.object({ streetId: z.uuid(), name: z.string(), code: z.string(), rounds: z.array(z.object({ id: z.uuid(), name: z.string() })), totals: Figures }),
  ),
  totals: Figures,
});

const AuditPage = z.object({
  items: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      actorName: z.string(),
      role: z.string(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      before: JsonValue,
      after: JsonValue,
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  entities: z.array(z.string()),
  actions: z.array(z.string()),
});

export const reviewDeskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/filings/queue',
    {
      config: { access: { roles: ['bureau', 'street'] } },
      schema: {
        operationId: 'listFilingQueue',
        tags: ['filing'],
        summary: '备案审核队列（按街道、状态，最早提交的在前，附计数）',
        querystring: z.object({ status: QueueStatus.optional(), streetId: z.uuid().optional(), ...Paging }),
        response: { 200: FilingQueue, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      // A street sees its own filings only, whatever street it names.
      const scope = principal.role === 'bureau' ? { districtId: principal.scopeId!, ...(request.query.streetId ? { streetId: request.query.streetId } : {}) } : { streetId: principal.scopeId! };
      return filingQueue(db, { ...scope, status: request.query.status, page: request.query.page, pageSize: request.query.pageSize });
    },
  );

  app.get(
    '/filings/:id/dossier',
    {
      config: { access: { roles: ['bureau', 'street', 'committee'], resource: { kind: 'filing' } } },
      schema: {
        operationId: 'getFilingDossier',
        tags: ['filing'],
        summary: '备案材料（选举结果、规则检查、文书链接、审核记录）',
        params: IdParams,
        response: { 200: FilingDossier, ...errorResponses },
      },
    },
    async (request) => filingDossier(db, request.params.id),
  );

  app.get(
    '/communities/:id/filings',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listCommunityFilings',
        tags: ['filing'],
        summary: '社区的备案记录（含退回理由）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(FilingRecord) }), ...errorResponses },
      },
    },
    async (request) => communityFilings(db, request.params.id),
  );

  const SummaryQuery = z.object({ term: z.coerce.number().int().min(2000).max(2100).optional() });

  app.get(
    '/districts/:id/summary',
    {
      config: { access: { roles: ['bureau', 'admin'], resource: { kind: 'district' } } },
      schema: { operationId: 'getDistrictSummary', tags: ['reports'], summary: '全区换届汇总（按街道）', params: IdParams, querystring: SummaryQuery, response: { 200: DistrictSummary, ...errorResponses } },
    },
    async (request) => districtSummary(db, { districtId: request.params.id, term: request.query.term }),
  );

  app.get(
    '/districts/:id/summary.xlsx',
    {
      config: { access: { roles: ['bureau', 'admin'], resource: { kind: 'district' } } },
      schema: { operationId: 'exportDistrictSummary', tags: ['reports'], summary: '全区换届汇总（Excel）', params: IdParams, querystring: SummaryQuery, response: { 200: fileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '全区换届汇总 Excel'), ...errorResponses } },
    },
    async (request, reply) => {
      const summary = await districtSummary(db, { districtId: request.params.id, term: request.query.term });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="district-summary-${summary.term}.xlsx"`)
        .send(await districtWorkbook(summary));
    },
  );

  app.get(
    '/communities/:id/audit',
    {
      config: { access: { roles: ['bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listCommunityAudit',
        tags: ['audit'],
        summary: '社区的操作日志（可筛选）',
        params: IdParams,
        querystring: z.object({
          entity: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          actor: z.string().max(64).optional(),
          from: CalendarDate.optional(),
          to: CalendarDate.optional(),
          ...Paging,
        }),
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request) => communityAudit(db, { communityId: request.params.id, ...request.query }),
  );
};

const CommunityUser = z.object({ id: z.uuid(), username: z.string(), role: z.string(), scopeId: z.uuid().nullable(), chief: z.boolean(), active: z.boolean() });
const CommunityUserParams = z.object({ id: z.uuid(), userId: z.uuid() });

/** The street's users of a community: its election committee and the scrutineers of its meetings. */
export const communityUserRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const access = { roles: ['street'] as const, resource: { kind: 'community' as const } };

  app.get(
    '/communities/:id/users',
    {
      config: { access },
      schema: { operationId: 'listCommunityUsers', tags: ['users'], summary: '社区的选举委员会和监票人账户', params: IdParams, response: { 200: z.object({ items: z.array(CommunityUser) }), ...errorResponses } },
    },
    async (request) => listCommunityUsers(db, request.params.id),
  );

  app.post(
    '/communities/:id/users',
    {
      config: { access },
      schema: {
        operationId: 'createCommunityUser',
        tags: ['users'],
        summary: '为社区创建选举委员会或监票人账户',
        params: IdParams,
        body: z.object({
          username: z.string().min(2).max(64).regex(/^[\w.@-]+$/),
          password: z.string().min(1).max(200),
          role: z.enum(['committee', 'scrutineer']),
          meetingId: z.uuid().optional(),
          chief: z.boolean().optional(),
        }),
        response: { 201: CommunityUser, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createCommunityUser(db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );

  app.post(
    '/communities/:id/users/:userId/password',
    {
      config: { access },
      schema: {
        operationId: 'resetCommunityUserPassword',
        tags: ['users'],
        summary: '重置社区账户的密码（生成新密码，下次登录须修改）',
        params: CommunityUserParams,
        response: { 200: z.object({ user: CommunityUser, generatedPassword: z.string().optional() }), ...errorResponses },
      },
    },
    async (request) => resetCommunityUserPassword(db, { actor: principalOf(request), communityId: request.params.id, userId: request.params.userId }),
  );

  app.post(
    '/communities/:id/users/:userId/deactivate',
    {
      config: { access },
      schema: { operationId: 'deactivateCommunityUser', tags: ['users'], summary: '停用社区账户', params: CommunityUserParams, response: { 200: CommunityUser, ...errorResponses } },
    },
    async (request) => setCommunityUserActive(db, { actor: principalOf(request), communityId: request.params.id, userId: request.params.userId, active: false }),
  );
};
