/** The joint qualification review (候选人资格联审, CAN-VETTING): the round's configuration and grid, reviews, the paper. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { configureVetting, getCommunityVetting, getRoundVetting, reviewCandidate, vettingReportVm } from '../../services/vetting.js';
import { vettingReportPdf } from '../../pdf/papers/vetting-report.js';
import { principalOf } from '../guard.js';
import { errorResponses, fileResponse, IdParams } from '../schemas.js';

const State = z.enum(['pass', 'fail', 'pending']);
const Department = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'ReviewDepartment' });
const CandidateVetting = z
  .object({
    nominationId: z.uuid(),
    communityId: z.uuid(),
    communityName: z.string(),
    contest: z.string(),
    contestZh: z.string(),
    name: z.string(),
    status: z.enum(['preliminary', 'candidate']),
    verdict: State,
    pending: z.array(z.string()),
    reviews: z.array(
      z.object({ departmentId: z.uuid(), department: z.string(), decision: State, reason: z.string().nullable(), reviewedOn: z.string().nullable() }),
    ),
  })
  .meta({ id: 'CandidateVetting' });
const vettingFields = {
  roundId: z.uuid(),
  option: z.enum(['review-2021']).nullable(),
  pendingBlocks: z.boolean(),
  departments: z.array(Department),
  candidates: z.array(CandidateVetting),
  counts: z.object({ pass: z.number(), fail: z.number(), pending: z.number() }),
};
const RoundVetting = z.object(vettingFields).meta({ id: 'RoundVetting' });
const CommunityVetting = z.object({ communityId: z.uuid(), communityName: z.string(), ...vettingFields }).meta({ id: 'CommunityVetting' });
const VettingReview = z
  .object({
    id: z.uuid(),
    nominationId: z.uuid(),
    name: z.string(),
    departmentId: z.uuid(),
    department: z.string(),
    decision: z.enum(['pass', 'fail']),
    reason: z.string().nullable(),
    reviewedOn: z.string(),
  })
  .meta({ id: 'VettingReview' });

export const vettingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/rounds/:id/vetting',
    {
      config: { access: { roles: ['street', 'bureau', 'reviewer'], resource: { kind: 'round' } } },
      schema: { operationId: 'getRoundVetting', summary: '本轮候选人资格联审情况（各部门审查表）', tags: ['vetting'], params: IdParams, response: { 200: RoundVetting, ...errorResponses } },
    },
    async (request) => getRoundVetting(db, { roundId: request.params.id }),
  );

  app.put(
    '/rounds/:id/vetting',
    {
      config: { access: { roles: ['street'], resource: { kind: 'round' } } },
      schema: {
        operationId: 'configureVetting',
        summary: '设置本轮资格联审部门及是否启用联审（review-2021）',
        tags: ['vetting'],
        params: IdParams,
        body: z.object({ option: z.enum(['review-2021']).nullable(), departments: z.array(z.string().trim().min(1).max(50)).max(30) }),
        response: { 200: RoundVetting, ...errorResponses },
      },
    },
    async (request) => configureVetting(db, { actor: principalOf(request), roundId: request.params.id, ...request.body }),
  );

  app.post(
    '/nominations/:id/vetting',
    {
      config: { access: { roles: ['reviewer'], resource: { kind: 'nomination' } } },
      schema: {
        operationId: 'reviewCandidate',
        summary: '联审部门审查候选人预备人选（通过或不通过并说明理由）',
        tags: ['vetting'],
        params: IdParams,
        body: z.object({ decision: z.enum(['pass', 'fail']), reason: z.string().max(500).optional() }),
        response: { 200: VettingReview, ...errorResponses },
      },
    },
    async (request) => reviewCandidate(db, { principal: principalOf(request), nominationId: request.params.id, ...request.body, today: app.deps.today() }),
  );

  app.get(
    '/communities/:id/vetting',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: { operationId: 'getCommunityVetting', summary: '本社区候选人资格联审情况（各候选人待审部门）', tags: ['vetting'], params: IdParams, response: { 200: CommunityVetting, ...errorResponses } },
    },
    async (request) => getCommunityVetting(db, request.params.id),
  );

  app.get(
    '/communities/:id/vetting.pdf',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: { operationId: 'getVettingReportPdf', summary: '候选人资格联审情况表（PDF）', tags: ['vetting'], params: IdParams, response: { 200: fileResponse('application/pdf', '资格联审情况表 PDF'), ...errorResponses } },
    },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="vetting-${request.params.id}.pdf"`)
        .send(await vettingReportPdf(await vettingReportVm(db, { communityId: request.params.id, today: app.deps.today() }))),
  );
};
