import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser, patchUser, resetPassword, setUserActive, unlockUser } from '../../services/users.js';
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
  active: z.boolean(),
}).meta({ id: 'User' });
const UserListItem = User.extend({ mustChangePassword: z.boolean() }).meta({ id: 'UserListItem' });

const UserParams = z.object({ id: z.uuid() });

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
        querystring: PageQuery.extend({
          role: z.enum(ROLES).optional(),
          scopeId: z.uuid().optional(),
          active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          ...SearchQuery.shape,
        }),
        response: { 200: pageOf(UserListItem, 'UserPage'), ...errorResponses },
      },
    },
    async (request) => listUsers(app.deps.db, request.query),
  );

  app.post(
    '/users/:id/password',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'resetUserPassword',
        tags: ['users'],
        summary: '重置用户密码（原有登录全部失效，下次登录须修改密码）',
        params: UserParams,
        body: z.object({ password: z.string().min(1).max(200).optional() }),
        response: { 200: z.object({ user: User, generatedPassword: z.string().optional() }), ...errorResponses },
      },
    },
    async (request) => resetPassword(app.deps.db, { actor: principalOf(request), userId: request.params.id, password: request.body.password }),
  );

  for (const [path, active, summary, operationId] of [
    ['deactivate', false, '停用用户（原有登录全部失效）', 'deactivateUser'],
    ['activate', true, '重新启用用户', 'activateUser'],
  ] as const) {
    app.post(
      `/users/:id/${path}`,
      {
        config: { access: { roles: ['admin'] } },
        schema: { operationId, tags: ['users'], summary, params: UserParams, response: { 200: User, ...errorResponses } },
      },
      async (request) => setUserActive(app.deps.db, { actor: principalOf(request), userId: request.params.id, active }),
    );
  }

  app.post(
    '/users/:id/unlock',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'unlockUser',
        tags: ['users'],
        summary: '解除用户的登录锁定（所有地址）',
        params: UserParams,
        response: { 200: User.extend({ unlocked: z.number() }), ...errorResponses },
      },
    },
    async (request) => unlockUser(app.deps.db, { actor: principalOf(request), userId: request.params.id }),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: '修改用户（启用/停用、重置密码、管辖范围）；涉及登录的修改使原有登录全部失效',
        params: UserParams,
        body: z
          .object({
            active: z.boolean().optional(),
            resetPassword: z.boolean().optional(),
            password: z.string().min(1).max(200).optional(),
            scopeId: z.uuid().nullable().optional(),
            chief: z.boolean().optional(),
          })
          .strict(),
        response: { 200: z.object({ user: User, generatedPassword: z.string().optional() }).meta({ id: 'UserUpdate' }), ...errorResponses },
      },
    },
    async (request) => patchUser(app.deps.db, { actor: principalOf(request), userId: request.params.id, ...request.body }),
  );
};
