/** The street steering group's control room: the round's dashboard, the round report as a paper, communities from a sheet. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DASHBOARD_SORTS, roundDashboard } from '../../services/control-room.js';
import { roundReport, roundReportVm } from '../../services/reports.js';
import { importCommunities } from '../../services/community-import.js';
import { roundReportPdf } from '../../pdf/papers/round-report.js';
import { PROGRESS_STEPS } from '../../domain/progress.js';
import { principalOf } from '../guard.js';
import { errorResponses, IdParams } from '../schemas.js';
import { acceptUploads, tableLimitsOf, uploadedRows } from './voters.js';

const Step = z.enum(['setup', ...PROGRESS_STEPS]);
const QueryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

const DashboardRow = z.object({
  communityId: z.uuid(),
  name: z.string(),
  code: z.string(),
  method: z.enum(['congress', 'direct', 'household']),
  electionDay: z.string(),
  registeredVoters: z.number(),
  resultConfirmed: z.boolean(),
  filing: z.string().nullable(),
  certificates: z.number(),
  handover: z.object({ completedOn: z.string().nullable(), dueBy: z.string(), overdue: z.boolean() }),
  reached: Step,
  reachedZh: z.string(),
  nextDeadline: z.object({ step: Step, stepZh: z.string(), dueBy: z.string() }).nullable(),
  overdue: z.array(z.object({ step: Step, stepZh: z.string(), dueBy: z.string() })),
  openBreaches: z.number(),
  breachRules: z.array(z.object({ rule: z.string(), titleZh: z.string() })),
  turnout: z.object({ base: z.string(), expected: z.number(), present: z.number(), percent: z.number().nullable() }).nullable(),
});

const Dashboard = z.object({
  roundId: z.uuid(),
  name: z.string(),
  today: z.string(),
  communities: z.array(DashboardRow),
  overdueHandovers: z.number(),
  items: z.array(DashboardRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  summary: z.object({
    communities: z.number(),
    byReached: z.record(z.string(), z.number()),
    stepsZh: z.record(z.string(), z.string()),
    overdue: z.number(),
    withBreaches: z.number(),
    registeredVoters: z.number(),
  }),
});

const CommunityImportReport = z.object({
  accepted: z.number(),
  rejected: z.array(z.object({ row: z.number(), code: z.string(), message: z.string() })),
  total: z.number(),
  communities: z.array(z.object({ id: z.uuid(), name: z.string(), code: z.string() })),
});

export const controlRoomRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  await acceptUploads(app);

  app.get(
    '/rounds/:id/dashboard',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: {
        tags: ['filing'],
        summary: '换届工作进度（各社区所处阶段、下一截止日、逾期、违规、选民、参选率）',
        params: IdParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          sort: z.enum(DASHBOARD_SORTS).default('code'),
          order: z.enum(['asc', 'desc']).default('asc'),
          q: z.string().max(50).optional(),
          overdue: QueryFlag.optional(),
          breaches: QueryFlag.optional(),
          reached: Step.optional(),
        }),
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    async (request) => roundDashboard(db, { roundId: request.params.id, today: app.deps.today(), ...request.query }),
  );

  app.get(
    '/rounds/:id/report.pdf',
    {
      config: { access: { roles: ['street', 'bureau'], resource: { kind: 'round' } } },
      schema: { tags: ['reports'], summary: '换届工作报告（PDF）', params: IdParams },
    },
    async (request, reply) => {
      const report = await roundReport(db, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="report-${request.params.id}.pdf"`)
        .send(await roundReportPdf(roundReportVm(report, app.deps.today())));
    },
  );

  app.post(
    '/rounds/:id/communities/import',
    {
      config: { access: { roles: ['street', 'admin'], resource: { kind: 'round' } } },
      schema: {
        tags: ['communities'],
        summary: '从Excel或CSV表格批量添加社区',
        params: IdParams,
        response: { 200: CommunityImportReport, ...errorResponses },
      },
    },
    async (request) =>
      importCommunities(db, {
        actor: principalOf(request),
        roundId: request.params.id,
        rows: await uploadedRows(request, app.deps.config.uploadLimitBytes, tableLimitsOf(app.deps.config)),
      }),
  );
};
