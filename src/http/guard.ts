/**
 * One reusable guard for roles and scopes (DESIGN.md, "Roles"). Every route under /api/v1 declares
 * `config.access`; a route without it does not start. The guard authenticates in `onRequest` (401 before
 * anything else), checks the role, and once the body is parsed checks the scope against the resource's ancestry.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { resolveAncestry, type Ancestry, type ResourceKind } from '../db/ancestry.js';
import { readToken, type Principal, type Role, type TokenKey } from './auth.js';
import { sessionChecker } from '../services/users.js';
import { errors } from '../domain/errors.js';

export interface ResourceRef {
  readonly kind: ResourceKind;
  /** Route parameter holding the id (default `id`). */
  readonly param?: string;
  /** Or a body field holding it. */
  readonly body?: string;
}

export type Access =
  | { readonly public: true }
  | {
      readonly roles: readonly Role[];
      readonly resource?: ResourceRef;
      /** Scrutineers: only the chief (总监票人) of the meeting. */
      readonly chiefOnly?: boolean;
      /** Allowed while the generated password is not yet changed. */
      readonly allowPasswordChange?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    ancestry: Ancestry | null;
  }
  interface FastifyInstance {
    /** Every route registered under /api (method and url), for the access-matrix test. */
    apiRoutes: readonly { readonly method: string; readonly url: string }[];
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw errors.unauthorized();
  return request.principal;
}

/**
 * Whether the resource lies in the caller's scope. A reviewer (资格联审部门) is scoped to one department of a district:
 * `reviewerDistrictId` is that department's district (resolved by the guard); which rounds the department reviews is
 * the vetting service's to check.
 */
export function inScope(principal: Principal, ancestry: Ancestry, reviewerDistrictId: string | null = null): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'street':
      return ancestry.streetId !== null && ancestry.streetId === principal.scopeId;
    case 'committee':
      return ancestry.communityId !== null && ancestry.communityId === principal.scopeId;
    case 'scrutineer':
      return ancestry.meetingId !== null && ancestry.meetingId === principal.scopeId;
    case 'bureau':
      return ancestry.districtId === principal.scopeId;
    case 'reviewer':
      return reviewerDistrictId !== null && ancestry.districtId === reviewerDistrictId;
    default: {
      const never: never = principal.role;
      return never;
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function resourceId(request: FastifyRequest, ref: ResourceRef): string | undefined {
  if (ref.body) {
    const body = request.body as Record<string, unknown> | null | undefined;
    const value = body && typeof body === 'object' ? body[ref.body] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
  const params = request.params as Record<string, string | undefined>;
  return params[ref.param ?? 'id'];
}

export const guardPlugin = fp(
  async (app: FastifyInstance, opts: { tokenKey: TokenKey }) => {
    // A resource never moves to another community, round or district, so its ancestry can be cached.
    const ancestryCache = new Map<string, Ancestry>();
    const lookupAncestry = async (kind: ResourceKind, id: string): Promise<Ancestry | null> => {
      const key = `${kind}:${id}`;
      const cached = ancestryCache.get(key);
      if (cached) return cached;
      const found = await resolveAncestry(app.deps.db, kind, id);
      if (found) {
        if (ancestryCache.size >= 20_000) ancestryCache.clear();
        ancestryCache.set(key, found);
      }
      return found;
    };

    const checkSession = sessionChecker(app.deps.db);
    app.decorateRequest('principal', null);
    app.decorateRequest('ancestry', null);

    const apiRoutes: { method: string; url: string }[] = [];
    app.decorate('apiRoutes', apiRoutes);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
      for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url });
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || 'public' in access) return;
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match) throw errors.unauthorized();
      const principal = await readToken(opts.tokenKey, match[1]!);
      // The signature may come from the cache; revocation never does (a password change elsewhere ends it here too).
      await checkSession(principal);
      request.principal = principal;
      if (principal.mustChangePassword && !access.allowPasswordChange) throw errors.passwordChangeRequired();
      if (!access.roles.includes(principal.role)) throw errors.forbidden();
      if (access.chiefOnly && principal.role === 'scrutineer' && !principal.chief) throw errors.forbidden();
    });

    const checkScope = async (request: FastifyRequest, ref: ResourceRef): Promise<void> => {
      const principal = principalOf(request);
      const id = resourceId(request, ref);
      const ancestry = id ? await lookupAncestry(ref.kind, id) : null;
      if (!ancestry) throw errors.notFound(ref.kind, RESOURCE_ZH[ref.kind]);
      const reviewerDistrictId =
        principal.role === 'reviewer' && principal.scopeId ? ((await lookupAncestry('department', principal.scopeId))?.districtId ?? null) : null;
      if (!inScope(principal, ancestry, reviewerDistrictId)) throw errors.forbidden();
      request.ancestry = ancestry;
    };

    // Scope before validation: a caller outside the resource's scope gets 403 whatever the body (never a 400 that
    // would tell it how to shape a request for data it may not touch). Only a well-formed id is looked up here;
    // a missing or malformed one is left to validation (400), with the preHandler as the backstop.
    app.addHook('preValidation', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || 'public' in access || !access.resource) return;
      const id = resourceId(request, access.resource);
      if (id === undefined || !UUID.test(id)) return;
      await checkScope(request, access.resource);
    });

    app.addHook('preHandler', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || 'public' in access || !access.resource || request.ancestry) return;
      await checkScope(request, access.resource);
    });
  },
  { name: 'guard' },
);

const RESOURCE_ZH: Record<ResourceKind, string> = {
  district: '区',
  street: '街道',
  round: '换届选举轮次',
  community: '社区',
  meeting: '选举会议',
  objection: '申诉',
  filing: '备案',
  'tally-entry': '计票录入',
  voter: '选民',
  nomination: '提名',
  representative: '居民代表',
  job: '任务',
  recall: '罢免案',
  vacancy: '出缺职务',
  department: '联审部门',
};
