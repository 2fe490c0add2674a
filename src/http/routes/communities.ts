import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCommunity, createGroup, createUnit, getCommunity, listCommunities, updateCommunity, updateGroup, updateUnit } from '../../services/communities.js';
import { communityTimeline } from '../../services/timeline.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams, pageOf, PageQuery, PlaceName, SearchQuery } from '../schemas.js';
import { listGroups, listUnits } from '../../services/lists.js';
import { pageOf as pageRows, matchingName } from '../../services/paging.js';

const Count = z.number().int().min(0).max(1_000_000);
const RcSeats = z.object({
    director: z.number().int().min(0).max(5),
    deputies: z.number().int().min(0).max(20),
    members: z.number().int().min(0).max(30),
    publicDeputies: z.number().int().min(0).max(20).optional(),
  });
const Party = z.object({
    type: z.enum(['branch', 'general', 'committee']),
    members: Count,
    seats: z.number().int().min(0).max(50),
    probationary: Count.optional(),
    representatives: z.number().int().min(0).max(10_000).optional(),
    congressApproved: z.boolean().optional(),
  });
const Details = z.object({
  time: z.string().max(40).optional(),
  place: z.string().max(200).optional(),
  pollingStations: z.array(z.string().max(200)).max(100).optional(),
  mobileBoxes: z.number().int().min(0).max(100).optional(),
  previousPublicDeputies: z.number().int().min(0).max(20).optional(),
  issuer: z.string().max(200).optional(),
  representativeBasis: z.enum(['group', 'households']).optional(),
  termNumber: z.number().int().min(1).max(99).optional(),
});

export const CommunityView = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  districtId: z.uuid(),
  streetId: z.uuid(),
  name: z.string(),
  code: z.string(),
  households: z.number(),
  method: z.enum(['congress', 'direct', 'household']),
  electionDay: z.string(),
  partyElectionDay: z.string().nullable(),
  rcSeats: RcSeats,
  party: Party,
  details: Details.extend({
    postponements: z
      .array(z.object({ election: z.enum(['rc', 'party']), from: z.string(), to: z.string(), reason: z.string(), approvedOn: z.string(), by: z.string(), at: z.string() }))
      .optional(),
  }),
}).meta({ id: 'Community' });
/** A community in the street's list: with the last day of each dated step (选民名单、候选人名单公布，交接). */
const CommunityListItem = CommunityView.extend({
  deadlines: z.object({ voterListBy: z.string(), candidateListBy: z.string(), handoverBy: z.string() }),
}).meta({ id: 'CommunityListItem' });
const GroupView = z.object({ id: z.uuid(), communityId: z.uuid(), name: z.string(), households: z.number() }).meta({ id: 'Group' });
const UnitView = z.object({ id: z.uuid(), communityId: z.uuid(), name: z.string() }).meta({ id: 'Unit' });
const READERS = ['committee', 'street', 'admin', 'bureau'] as const;

export const communityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/rounds/:id/communities',
    {
      config: { access: { roles: ['street', 'admin'], resource: { kind: 'round' } } },
      schema: {
        operationId: 'createCommunity',
        summary: '新建参选社区',
        tags: ['communities'],
        params: IdParams,
        body: z.object({
          name: PlaceName('社区名称'),
          code: z.string().min(1).max(32).regex(/^[\w-]+$/),
          households: Count,
          method: z.enum(['congress', 'direct', 'household']),
          electionDay: CalendarDate,
          partyElectionDay: CalendarDate.optional(),
          rcSeats: RcSeats,
          party: Party,
          ...Details.shape,
          justifications: JustificationsBody,
        }),
        response: { 201: CommunityView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createCommunity(app.deps.db, { actor: principalOf(request), roundId: request.params.id, ...request.body })),
  );

  app.get(
    '/rounds/:id/communities',
    {
      config: { access: { roles: ['street', 'admin', 'bureau'], resource: { kind: 'round' } } },
      schema: {
        operationId: 'listCommunities',
        summary: '本轮参选社区列表',
        tags: ['communities'],
        params: IdParams,
        querystring: PageQuery.extend({ method: z.enum(['congress', 'direct', 'household']).optional(), ...SearchQuery.shape }),
        response: { 200: pageOf(CommunityListItem, 'CommunityPage'), ...errorResponses },
      },
    },
    async (request) => {
      const { communities } = await listCommunities(app.deps.db, request.params.id);
      const { method, q } = request.query;
      return pageRows(matchingName(method ? communities.filter((c) => c.method === method) : communities, q, (c) => c.name), request.query);
    },
  );

  app.get(
    '/communities/:id',
    {
      config: { access: { roles: ['committee', 'street', 'admin', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'getCommunity',
        summary: '社区详情（含居民小组、驻区单位、选民数）',
        tags: ['communities'],
        params: IdParams,
        response: {
          200: CommunityView.extend({ groups: z.array(GroupView), units: z.array(UnitView), voters: z.number() }).meta({ id: 'CommunityDetail' }),
          ...errorResponses,
        },
      },
    },
    async (request) => getCommunity(app.deps.db, request.params.id),
  );

  app.post(
    '/communities/:id/groups',
    {
      config: { access: { roles: ['committee', 'street', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'createGroup',
        summary: '新建居民小组',
        tags: ['communities'],
        params: IdParams,
        body: z.object({ name: PlaceName('居民小组名称'), households: Count.default(0) }),
        response: { 201: GroupView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createGroup(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );

  app.post(
    '/communities/:id/units',
    {
      config: { access: { roles: ['committee', 'street', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'createUnit',
        summary: '新建驻区单位',
        tags: ['communities'],
        params: IdParams,
        body: z.object({ name: PlaceName('驻区单位名称', 200) }),
        response: { 201: UnitView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUnit(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );

  app.get(
    '/communities/:id/groups',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listGroups',
        summary: '居民小组列表',
        tags: ['communities'],
        params: IdParams,
        querystring: PageQuery.extend(SearchQuery.shape),
        response: { 200: pageOf(GroupView, 'GroupPage'), ...errorResponses },
      },
    },
    async (request) => listGroups(app.deps.db, { communityId: request.params.id, ...request.query }),
  );

  app.get(
    '/communities/:id/units',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listUnits',
        summary: '驻区单位列表',
        tags: ['communities'],
        params: IdParams,
        querystring: PageQuery.extend(SearchQuery.shape),
        response: { 200: pageOf(UnitView, 'UnitPage'), ...errorResponses },
      },
    },
    async (request) => listUnits(app.deps.db, { communityId: request.params.id, ...request.query }),
  );

  app.patch(
    '/communities/:id',
    {
      config: { access: { roles: ['committee', 'street', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'updateCommunity',
        summary: '修改社区选举日期、时间、地点（重新核对公告时限等规则）',
        tags: ['communities'],
        params: IdParams,
        body: z
          .object({
            electionDay: CalendarDate.optional(),
            partyElectionDay: CalendarDate.optional(),
            time: z.string().trim().min(1).max(40).optional(),
            place: z.string().trim().min(1).max(200).optional(),
            pollingStations: z.array(z.string().max(200)).max(100).optional(),
            mobileBoxes: z.number().int().min(0).max(100).optional(),
            issuer: z.string().trim().min(1).max(200).optional(),
            justifications: JustificationsBody,
            postponement: z.object({ reason: z.string().trim().min(1).max(500), approvedOn: CalendarDate }).strict().optional(),
          })
          .strict(),
        response: { 200: CommunityView, ...errorResponses },
      },
    },
    async (request) => updateCommunity(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body, now: app.deps.now() }),
  );

  app.patch(
    '/communities/:id/groups/:groupId',
    {
      config: { access: { roles: ['committee', 'street', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'updateGroup',
        summary: '修改居民小组',
        tags: ['communities'],
        params: IdParams.extend({ groupId: z.uuid() }),
        body: z.object({ name: PlaceName('居民小组名称').optional(), households: Count.optional() }).strict(),
        response: { 200: GroupView, ...errorResponses },
      },
    },
    async (request) =>
      updateGroup(app.deps.db, { actor: principalOf(request), communityId: request.params.id, groupId: request.params.groupId, ...request.body }),
  );

  app.patch(
    '/communities/:id/units/:unitId',
    {
      config: { access: { roles: ['committee', 'street', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'updateUnit',
        summary: '修改驻区单位名称',
        tags: ['communities'],
        params: IdParams.extend({ unitId: z.uuid() }),
        body: z.object({ name: PlaceName('驻区单位名称', 200) }).strict(),
        response: { 200: UnitView, ...errorResponses },
      },
    },
    async (request) =>
      updateUnit(app.deps.db, { actor: principalOf(request), communityId: request.params.id, unitId: request.params.unitId, name: request.body.name }),
  );

  const StepName = z.enum(['election-notice', 'voter-list', 'candidate-list', 'election', 'handover', 'filing']);
  const Timeline = z
    .object({
      communityId: z.uuid(),
      electionDay: z.string(),
      today: z.string(),
      phases: z.array(
        z
          .object({
            name: z.string(),
            phase: z.enum(['mobilisation', 'election', 'wrap-up']).nullable(),
            from: z.string(),
            to: z.string(),
            status: z.enum(['past', 'current', 'upcoming']),
            actions: z.array(z.string()),
            actionsZh: z.array(z.string()),
          })
          .meta({ id: 'TimelinePhase' }),
      ),
      steps: z.array(
        z
          .object({
            step: StepName,
            titleZh: z.string(),
            rule: z.string().nullable(),
            dueBy: z.string().nullable(),
            doneOn: z.string().nullable(),
            status: z.enum(['done', 'open', 'overdue']),
            waitsFor: z.object({ step: StepName, rule: z.literal('TML-ORDER'), messageZh: z.string() }).nullable(),
          })
          .meta({ id: 'TimelineStep' }),
      ),
      next: z
        .object({ step: StepName, titleZh: z.string(), dueBy: z.string().nullable(), overdue: z.boolean(), allowedNow: z.boolean(), whyNotZh: z.string().nullable() })
        .nullable(),
    })
    .meta({ id: 'CommunityTimeline' });

  app.get(
    '/communities/:id/timeline',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: {
        operationId: 'getCommunityTimeline',
        summary: '社区换届时间线（各阶段、应办、已办、逾期及下一步）',
        tags: ['communities'],
        params: IdParams,
        response: { 200: Timeline, ...errorResponses },
      },
    },
    async (request) => communityTimeline(app.deps.db, { communityId: request.params.id, today: app.deps.today() }),
  );
};
