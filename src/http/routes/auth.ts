import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword, login } from '../../services/users.js';
import { issueToken } from '../auth.js';
import { principalOf } from '../guard.js';
import { errorResponses } from '../schemas.js';
import { whoAmI } from '../../services/whoami.js';
import { ROLES } from '../auth.js';
import { AppError } from '../../domain/errors.js';

const rateLimited = () =>
  new AppError({ status: 429, code: 'RATE_LIMITED', message: 'Too many requests', messageZh: '请求过于频繁，请稍后再试' });

const TokenResponse = z.object({ token: z.string(), mustChangePassword: z.boolean() }).meta({ id: 'Token' });

const Named = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'NamedRef' });
const Scope = z
  .object({
    kind: z.enum(['district', 'street', 'community', 'meeting', 'department']),
    id: z.uuid(),
    name: z.string(),
    district: Named.nullable(),
    street: Named.nullable(),
    round: Named.nullable(),
    community: Named.nullable(),
    meeting: Named.extend({ kind: z.enum(['rc', 'party']), date: z.string() }).nullable(),
  })
  .meta({ id: 'Scope', description: '管辖范围及其上级（区、街道、换届轮次、社区、选举会议）' });
const Me = z
  .object({
    user: z.object({
      id: z.uuid(),
      username: z.string(),
      role: z.enum(ROLES),
      scopeId: z.uuid().nullable(),
      chief: z.boolean(),
      mustChangePassword: z.boolean(),
    }),
    role: z.enum(ROLES),
    chief: z.boolean(),
    mustChangePassword: z.boolean(),
    scope: Scope.nullable(),
  })
  .meta({ id: 'Me' });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, tokenKey, config } = app.deps;
  const perAddress = app.createRateLimit({ max: config.loginPerAddressPerMinute, timeWindow: 60_000, keyGenerator: (request) => `login|${request.ip}` });

  app.post(
    '/auth/login',
    {
      config: {
        access: { public: true },
        // Per user name from one address (guessing one account's password)…
        rateLimit: {
          max: config.loginPerUserPerMinute,
          timeWindow: 60_000,
          keyGenerator: (request) => `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '')}`,
        },
      },
      // …and per address whatever the user name (spraying one password over many accounts). A second limiter on
      // the same route must be applied by hand: the plugin runs only one of its hooks per request.
      onRequest: async (request, reply) => {
        const limit = await perAddress(request);
        if (limit.isAllowed || !limit.isExceeded) return;
        reply.header('retry-after', limit.ttlInSeconds);
        throw rateLimited();
      },
      schema: {
        operationId: 'login',
        summary: '登录，取得令牌',
        tags: ['auth'],
        security: [],
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: TokenResponse, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await login(db, { ...request.body, address: request.ip });
      return { token: await issueToken(tokenKey, principal, config.tokenTtlSeconds), mustChangePassword: principal.mustChangePassword };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: { roles: ['admin', 'street', 'committee', 'scrutineer', 'bureau'], allowPasswordChange: true } },
      schema: {
        operationId: 'changePassword',
        summary: '修改本人密码（返回新令牌）',
        tags: ['auth'],
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: TokenResponse, ...errorResponses },
      },
    },
    async (request) => {
      // Every earlier token of the user ends; this answer carries the one that works from now on.
      const principal = await changePassword(db, { principal: principalOf(request), ...request.body });
      return { token: await issueToken(tokenKey, principal, config.tokenTtlSeconds), mustChangePassword: false };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: { roles: [...ROLES], allowPasswordChange: true } },
      schema: { operationId: 'getMe', summary: '当前用户、角色及管辖范围', tags: ['auth'], response: { 200: Me, ...errorResponses } },
    },
    async (request) => whoAmI(db, principalOf(request)),
  );
};
