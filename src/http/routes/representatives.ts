import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addRepresentative, checkCommunityRepresentatives, listRepresentatives, removeRepresentative } from '../../services/representatives.js';
import { addPartyMembers, partyRoster } from '../../services/party-members.js';
import { principalOf } from '../guard.js';
import { errorResponses, IdParams, JsonObject, PageQuery, pageOf, PersonName, SearchQuery } from '../schemas.js';
import { matchingName, pageOf as pageRows } from '../../services/paging.js';

const RepresentativeView = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  kind: z.enum(['resident', 'unit']),
  voterId: z.string().nullable(),
  unitId: z.string().nullable(),
  groupId: z.string().nullable(),
  name: z.string(),
}).meta({ id: 'Representative' });
const Check = z.object({ rule: z.string(), status: z.enum(['pass', 'fail', 'warning', 'n/a']), details: JsonObject }).meta({ id: 'RuleCheck' });
const PartyMember = z.object({ name: PersonName, status: z.enum(['full', 'probationary']), voterId: z.uuid().optional() });
const PartyMemberView = z.object({ id: z.uuid(), communityId: z.uuid(), name: z.string(), status: z.enum(['full', 'probationary']), voterId: z.string().nullable() }).meta({ id: 'PartyMember' });

const READERS = ['committee', 'street', 'bureau', 'admin'] as const;

export const representativeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/representatives',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'addRepresentative',
        summary: '推选居民代表',
        tags: ['representatives'],
        params: IdParams,
        body: z.object({
          voterId: z.uuid().optional(),
          unitId: z.uuid().optional(),
          name: PersonName.optional(),
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
        operationId: 'removeRepresentative',
        summary: '撤销居民代表（须说明理由）',
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
      schema: {
        operationId: 'listRepresentatives',
        summary: '居民代表名单',
        tags: ['representatives'],
        params: IdParams,
        querystring: PageQuery.extend({ kind: z.enum(['resident', 'unit']).optional(), groupId: z.uuid().optional(), ...SearchQuery.shape }),
        response: { 200: pageOf(RepresentativeView, 'RepresentativePage'), ...errorResponses },
      },
    },
    async (request) => {
      const { kind, groupId, q } = request.query;
      const { representatives } = await listRepresentatives(app.deps.db, request.params.id);
      const filtered = representatives.filter((r) => (!kind || r.kind === kind) && (!groupId || r.groupId === groupId));
      return pageRows(matchingName(filtered, q, (r) => r.name), request.query);
    },
  );

  app.get(
    '/communities/:id/representatives/check',
    {
      config: { access: { roles: [...READERS], resource: { kind: 'community' } } },
      schema: { operationId: 'checkRepresentatives', summary: '居民代表规则核查', tags: ['representatives'], params: IdParams, response: { 200: z.array(Check), ...errorResponses } },
    },
    async (request) => checkCommunityRepresentatives(app.deps.db, request.params.id),
  );

  app.post(
    '/communities/:id/party-members',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: { operationId: 'addPartyMember', summary: '登记党员', tags: ['party'], params: IdParams, body: PartyMember, response: { 201: PartyMemberView, ...errorResponses } },
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
        operationId: 'addPartyMembers',
        summary: '批量登记党员',
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
        operationId: 'getPartyRoster',
        summary: '党员名册及人数核查',
        tags: ['party'],
        params: IdParams,
        querystring: PageQuery.extend({ status: z.enum(['full', 'probationary']).optional(), ...SearchQuery.shape }),
        response: {
          200: pageOf(PartyMemberView, 'PartyMemberPage')
            .extend({
              counts: z.object({ total: z.number(), full: z.number(), probationary: z.number(), voters: z.number(), expected: z.number() }),
              check: Check,
            })
            .meta({ id: 'PartyRoster' }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { status, q } = request.query;
      const { members, ...roster } = await partyRoster(app.deps.db, request.params.id);
      return { ...roster, ...pageRows(matchingName(status ? members.filter((m) => m.status === status) : members, q, (m) => m.name), request.query) };
    },
  );
};
