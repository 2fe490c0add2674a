import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CLOSE_RELATIONS } from '../../domain/committee.js';
import { declareRelatives, listRelatives, removeRelatives } from '../../services/relatives.js';
import { principalOf } from '../guard.js';
import { errorResponses, IdParams } from '../schemas.js';

const RelativesView = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    relation: z.enum(CLOSE_RELATIONS),
    relationZh: z.string(),
    people: z.array(z.object({ voterId: z.uuid(), name: z.string() })),
    createdAt: z.string(),
  })
  .meta({ id: 'CloseRelatives' });

/** Close relatives (近亲属申报): facts for ORG-RC-WOMAN on the elected committee and for MTG-RECUSAL. */
export const relativeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/communities/:id/relatives',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: { operationId: 'listRelatives', summary: '近亲属关系申报名单', tags: ['candidates'], params: IdParams, response: { 200: z.object({ items: z.array(RelativesView) }), ...errorResponses } },
    },
    async (request) => ({ items: await listRelatives(app.deps.db, request.params.id) }),
  );

  app.post(
    '/communities/:id/relatives',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'declareRelatives',
        summary: '申报两名选民的近亲属关系',
        tags: ['candidates'],
        params: IdParams,
        body: z.object({
          voterIds: z.tuple([z.uuid(), z.uuid()]),
          relation: z.enum(CLOSE_RELATIONS),
        }),
        response: { 201: RelativesView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await declareRelatives(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );

  app.delete(
    '/communities/:id/relatives/:relativesId',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'removeRelatives',
        summary: '撤销近亲属关系申报（须说明理由）',
        tags: ['candidates'],
        params: IdParams.extend({ relativesId: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ removed: z.uuid(), reason: z.string() }), ...errorResponses },
      },
    },
    async (request) =>
      removeRelatives(app.deps.db, { actor: principalOf(request), communityId: request.params.id, relativesId: request.params.relativesId, reason: request.body.reason }),
  );
};
