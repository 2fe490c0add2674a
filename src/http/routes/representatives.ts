import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addRepresentative, checkCommunityRepresentatives, listRepresentatives, removeRepresentative } from '../../services/representatives.js';
import { addPartyMembers, partyRoster } from '../../services/party-members.js';
import { principalOf } from '../guard.js';
import { errorResponses, IdParams } from '../schemas.js';

const RepresentativeView = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  kind: z.enum(['resident', 'unit']),
  voterId: z.string().nullable(),
  unitId: z.string().nullable(),
  groupId: z.string().nullable(),
  name: z.string(),
});
const Check = z.object({ rule: z.string(), status: z.enum(['pass', 'fail', 'warning', 'n/a']), details: z.record(z.string(), z.unknown()) });
const PartyMember = z.object({ name: z.string().trim().min(1).max(100), status: z.enum(['full', 'probationary']), voterId: z.uuid().optional() });
const PartyMemberView = z.object({ id: z.uuid(), communityId: z.uuid(), name: z.string(), status: z.enum(['full', 'probationary']), voterId: z.string().nullable() });

const READERS = ['committee', 'street', 'bureau', 'admin'] as const;

export const representativeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/representatives',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['representatives'],
        params: IdParams,
        body: z.object({
          voterId: z.uuid().optional(),
          unitId: z.uuid().optional(),
          name: z.string().trim().min(1).max(100).optional(),
          groupId: z.uuid().optional(),
        }),
        response: { 201: RepresentativeView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addRepresentative(app.deps.db, { actor: principalOf(request), communityId: request.params.id, today: app.deps.today(), ...request.body }),
      ),
  );

  app.delete(
    '/representatives/:id',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'representative' } } },
      schema: {
        tags: ['representatives'],
        params: IdParams,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ removed: RepresentativeView, reason: z.string() }), ...errorResponses },
      },
    },
    async (request) =>
      removeRepresentative(app.deps.db, { actor: principalOf(request), representativeId: request.params.id, reason: request.body.reason, today: app.deps.today() }),
  );

  app.get(
    '/communities/:id/representatives',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: { tags: ['representatives'], params: IdParams, response: { 200: z.object({ representatives: z.array(RepresentativeView) }), ...errorResponses } },
    },
    async (request) => listRepresentatives(app.deps.db, request.params.id),
  );

  app.get(
    '/communities/:id/representatives/check',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: { tags: ['representatives'], params: IdParams, response: { 200: z.array(Check), ...errorResponses } },
    },
    async (request) => checkCommunityRepresentatives(app.deps.db, request.params.id),
  );

  app.post(
    '/communities/:id/party-members',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: { tags: ['party'], params: IdParams, body: PartyMember, response: { 201: PartyMemberView, ...errorResponses } },
    },
    async (request, reply) => {
      const [created] = await addPartyMembers(app.deps.db, { actor: principalOf(request), communityId: request.params.id, members: [request.body] });
      return reply.status(201).send(created!);
    },
  );

  app.post(
    '/communities/:id/party-members/bulk',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['party'],
        params: IdParams,
        body: z.object({ members: z.array(PartyMember).min(1).max(5000) }),
        response: { 201: z.object({ created: z.array(PartyMemberView) }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ created: await addPartyMembers(app.deps.db, { actor: principalOf(request), communityId: request.params.id, members: request.body.members }) }),
  );

  app.get(
    '/communities/:id/party-members',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: {
        tags: ['party'],
        params: IdParams,
        response: {
          200: z.object({
            members: z.array(PartyMemberView),
            counts: z.object({ total: z.number(), full: z.number(), probationary: z.number(), voters: z.number(), expected: z.number() }),
            check: Check,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => partyRoster(app.deps.db, request.params.id),
  );
};
