import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser } from '../../services/users.js';
import { listUsers } from '../../services/lists.js';
import { ROLES } from '../auth.js';
import { principalOf } from '../guard.js';
import { errorResponses, PageQuery, pageOf, SearchQuery } from '../schemas.js';

const User = z.object({
  id: z.uuid(),
  username: z.string(),
  role: z.enum(ROLES),
  scopeId: z.uuid().nullable(),
  chief: z.boolean(),
}).meta({ id: 'User' });
const UserListItem = User.extend({ mustChangePassword: z.boolean(), lockedUntil: z.string().nullable() }).meta({ id: 'UserListItem' });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'createUser',
        summary: '新建用户',
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

  app.get(
    '/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'listUsers',
        summary: '用户列表',
        tags: ['users'],
        querystring: PageQuery.extend({ role: z.enum(ROLES).optional(), scopeId: z.uuid().optional(), ...SearchQuery.shape }),
        response: { 200: pageOf(UserListItem, 'UserPage'), ...errorResponses },
      },
    },
    async (request) => listUsers(app.deps.db, request.query),
  );
};
