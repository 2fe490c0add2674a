import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createDistrict, createStreet } from '../../services/geography.js';
import { principalOf } from '../guard.js';
import { errorResponses } from '../schemas.js';

const Code = z.string().min(1).max(32).regex(/^[\w-]+$/);
const Name = z.string().trim().min(1).max(100);

export const geographyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/districts',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['geography'],
        body: z.object({ name: Name, code: Code }),
        response: { 201: z.object({ id: z.uuid(), name: z.string(), code: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDistrict(app.deps.db, { actor: principalOf(request), ...request.body })),
  );

  app.post(
    '/streets',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['geography'],
        body: z.object({ districtId: z.uuid(), name: Name, code: Code }),
        response: {
          201: z.object({ id: z.uuid(), districtId: z.uuid(), name: z.string(), code: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createStreet(app.deps.db, { actor: principalOf(request), ...request.body })),
  );
};
