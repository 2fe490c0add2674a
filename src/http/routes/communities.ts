import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCommunity, createGroup, createUnit, getCommunity, listCommunities } from '../../services/communities.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams, PageQuery, pageOf, SearchQuery } from '../schemas.js';
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
  details: Details,
}).meta({ id: 'Community' });
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
          name: z.string().trim().min(1).max(100),
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
        response: { 200: pageOf(CommunityView, 'CommunityPage'), ...errorResponses },
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
        body: z.object({ name: z.string().trim().min(1).max(100), households: Count.default(0) }),
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
        body: z.object({ name: z.string().trim().min(1).max(200) }),
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
};
