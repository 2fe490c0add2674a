/** The upward statistics report (换届选举情况统计表): the round's figures (JSON, Excel, PDF), typed fields, 上报/退回, the district roll-up. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STATISTICS_FIELDS } from '../../domain/statistics.js';
import {
  districtStatistics,
  returnStatistics,
  roundStatistics,
  statisticsReportVm,
  statisticsWorkbook,
  submitStatistics,
  typeStatistics,
} from '../../services/statistics.js';
import { statisticsReportPdf } from '../../pdf/papers/statistics-report.js';
import { principalOf } from '../guard.js';
import { errorResponses, fileResponse, IdParams } from '../schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const figureShape = Object.fromEntries(STATISTICS_FIELDS.map((f) => [f.key, z.number().nullable()])) as Record<(typeof STATISTICS_FIELDS)[number]['key'], z.ZodNullable<z.ZodNumber>>;
const Figures = z.object(figureShape).meta({ id: 'StatisticsFigures' });
const Row = z.object({ communityId: z.uuid(), name: z.string(), manualFields: z.array(z.string()), ...figureShape }).meta({ id: 'StatisticsRow' });
const Field = z.object({ key: z.string(), group: z.string(), labelZh: z.string(), source: z.enum(['data', 'manual']) }).meta({ id: 'StatisticsField' });
const Status = z.enum(['unfilled', 'submitted', 'returned']);
const Statistics = z
  .object({
    roundId: z.uuid(),
    roundName: z.string(),
    streetName: z.string(),
    districtName: z.string(),
    status: Status,
    statusZh: z.string(),
    reason: z.string().nullable(),
    history: z.array(z.object({ at: z.string(), action: z.string(), by: z.string(), reason: z.string().optional() })),
    fields: z.array(Field),
    rows: z.array(Row),
    total: Figures,
  })
  .meta({ id: 'RoundStatistics' });
const DistrictStatistics = z
  .object({
    districtId: z.uuid(),
    districtName: z.string(),
    fields: z.array(Field),
    rows: z.array(
      z.object({ roundId: z.uuid(), roundName: z.string(), streetName: z.string(), status: Status, statusZh: z.string(), reason: z.string().nullable(), communities: z.number(), total: Figures }),
    ),
    reported: z.number(),
    total: Figures,
  })
  .meta({ id: 'DistrictStatistics' });
const CommunityParams = z.object({ id: z.uuid(), communityId: z.uuid() });

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const readers = { roles: ['street', 'bureau'] as const, resource: { kind: 'round' as const } };

  app.get(
    '/rounds/:id/statistics',
    { config: { access: readers }, schema: { operationId: 'getRoundStatistics', summary: '换届选举情况统计表', tags: ['reports'], params: IdParams, response: { 200: Statistics, ...errorResponses } } },
    async (request) => roundStatistics(db, request.params.id),
  );

  app.get(
    '/rounds/:id/statistics.xlsx',
    {
      config: { access: readers },
      schema: { operationId: 'exportRoundStatistics', summary: '导出换届选举情况统计表（Excel）', tags: ['reports'], params: IdParams, response: { 200: fileResponse(XLSX, '统计表 Excel'), ...errorResponses } },
    },
    async (request, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="statistics-${request.params.id}.xlsx"`)
        .send(await statisticsWorkbook(await roundStatistics(db, request.params.id))),
  );

  app.get(
    '/rounds/:id/statistics.pdf',
    {
      config: { access: readers },
      schema: { operationId: 'getRoundStatisticsPdf', summary: '换届选举情况统计表（PDF）', tags: ['reports'], params: IdParams, response: { 200: fileResponse('application/pdf', '统计表 PDF'), ...errorResponses } },
    },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="statistics-${request.params.id}.pdf"`)
        .send(await statisticsReportPdf(statisticsReportVm(await roundStatistics(db, request.params.id), app.deps.today()))),
  );

  app.put(
    '/rounds/:id/statistics/communities/:communityId',
    {
      config: { access: { roles: ['street'], resource: { kind: 'round' } } },
      schema: {
        operationId: 'typeStatistics',
        summary: '填报统计表中无法由数据统计的指标（标注为手工填报）',
        tags: ['reports'],
        params: CommunityParams,
        body: z.object({ values: z.record(z.string(), z.number().int().min(0).max(10_000_000).nullable()) }),
        response: { 200: Statistics, ...errorResponses },
      },
    },
    async (request) => typeStatistics(db, { actor: principalOf(request), roundId: request.params.id, communityId: request.params.communityId, values: request.body.values }),
  );

  app.post(
    '/rounds/:id/statistics/submit',
    {
      config: { access: { roles: ['street'], resource: { kind: 'round' } } },
      schema: { operationId: 'submitStatistics', summary: '向区民政局上报统计表', tags: ['reports'], params: IdParams, response: { 200: Statistics, ...errorResponses } },
    },
    async (request) => submitStatistics(db, { actor: principalOf(request), roundId: request.params.id }),
  );

  app.post(
    '/rounds/:id/statistics/return',
    {
      config: { access: { roles: ['bureau'], resource: { kind: 'round' } } },
      schema: {
        operationId: 'returnStatistics',
        summary: '退回街道上报的统计表（说明理由）',
        tags: ['reports'],
        params: IdParams,
        body: z.object({ reason: z.string().trim().min(1).max(1000) }),
        response: { 200: Statistics, ...errorResponses },
      },
    },
    async (request) => returnStatistics(db, { actor: principalOf(request), roundId: request.params.id, reason: request.body.reason }),
  );

  app.get(
    '/districts/:id/statistics',
    {
      config: { access: { roles: ['bureau'], resource: { kind: 'district' } } },
      schema: { operationId: 'getDistrictStatistics', summary: '全区换届选举情况统计汇总', tags: ['reports'], params: IdParams, response: { 200: DistrictStatistics, ...errorResponses } },
    },
    async (request) => districtStatistics(db, request.params.id),
  );
};
