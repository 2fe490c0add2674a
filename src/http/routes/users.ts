import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser } from '../../services/users.js';
import { ROLES } from '../auth.js';
import { principalOf } from '../guard.js';
import { errorResponses } from '../schemas.js';

const User = z.object({
  id: z.uuid(),
  username: z.string(),
  role: z.enum(ROLES),
  scopeId: z.uuid().nullable(),
  chief: z.boolean(),
});

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['users'],
        body: z.object({
          username: z.string().min(2).max(64).regex(/^[\w.@-]+$/),
          password: z.string().min(1).max(200),
          role: z.enum(ROLES),
          scopeId: z.uuid().nullish(),
          chief: z.boolean().optional(),
        }),
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await createUser(app.deps.db, { actor: principalOf(request), user: request.body });
      return reply.status(201).send(user);
    },
  );
};
