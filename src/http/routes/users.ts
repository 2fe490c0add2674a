import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser, resetPassword, setUserActive, unlockUser } from '../../services/users.js';
import { ROLES } from '../auth.js';
import { principalOf } from '../guard.js';
import { errorResponses } from '../schemas.js';

const User = z.object({
  id: z.uuid(),
  username: z.string(),
  role: z.enum(ROLES),
  scopeId: z.uuid().nullable(),
  chief: z.boolean(),
  active: z.boolean(),
});

const UserParams = z.object({ id: z.uuid() });

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

  app.post(
    '/users/:id/password',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['users'],
        summary: '重置用户密码（原有登录全部失效，下次登录须修改密码）',
        params: UserParams,
        body: z.object({ password: z.string().min(1).max(200).optional() }),
        response: { 200: z.object({ user: User, generatedPassword: z.string().optional() }), ...errorResponses },
      },
    },
    async (request) => resetPassword(app.deps.db, { actor: principalOf(request), userId: request.params.id, password: request.body.password }),
  );

  for (const [path, active, summary] of [
    ['deactivate', false, '停用用户（原有登录全部失效）'],
    ['activate', true, '重新启用用户'],
  ] as const) {
    app.post(
      `/users/:id/${path}`,
      {
        config: { access: { roles: ['admin'] } },
        schema: { tags: ['users'], summary, params: UserParams, response: { 200: User, ...errorResponses } },
      },
      async (request) => setUserActive(app.deps.db, { actor: principalOf(request), userId: request.params.id, active }),
    );
  }

  app.post(
    '/users/:id/unlock',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['users'],
        summary: '解除用户的登录锁定（所有地址）',
        params: UserParams,
        response: { 200: User.extend({ unlocked: z.number() }), ...errorResponses },
      },
    },
    async (request) => unlockUser(app.deps.db, { actor: principalOf(request), userId: request.params.id }),
  );
};
