import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCommunity, createGroup, createUnit, getCommunity, listCommunities } from '../../services/communities.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams } from '../schemas.js';

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
});
const GroupView = z.object({ id: z.uuid(), communityId: z.uuid(), name: z.string(), households: z.number() });
const UnitView = z.object({ id: z.uuid(), communityId: z.uuid(), name: z.string() });

export const communityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/rounds/:id/communities',
    {
      config: { access: { roles: ['street', 'admin'], resource: { kind: 'round' } } },
      schema: {
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
      schema: { tags: ['communities'], params: IdParams, response: { 200: z.object({ communities: z.array(CommunityView) }), ...errorResponses } },
    },
    async (request) => listCommunities(app.deps.db, request.params.id),
  );

  app.get(
    '/communities/:id',
    {
      config: { access: { roles: ['committee', 'street', 'admin', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        tags: ['communities'],
        params: IdParams,
        response: {
          200: CommunityView.extend({ groups: z.array(GroupView), units: z.array(UnitView), voters: z.number() }),
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
        tags: ['communities'],
        params: IdParams,
        body: z.object({ name: z.string().trim().min(1).max(200) }),
        response: { 201: UnitView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUnit(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );
};
