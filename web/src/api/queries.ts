/**
 * Query options shared by every area (who am I, the community, the rule titles) and the key groups that mutations
 * invalidate. A feature keeps its own resources in `features/<area>/queries.ts`, keyed under these groups so that one
 * `invalidateQueries({ queryKey: keys.community(id) })` refreshes everything of that community.
 */
import { queryOptions } from '@tanstack/react-query';
import { api, authorizedFetch, ApiError, unwrap } from './client';
import { getToken, readClaims, type Role } from './session';

export const keys = {
  all: ['api'] as const,
  me: () => ['api', 'me'] as const,
  rules: () => ['api', 'rules'] as const,
  community: (id: string) => ['api', 'community', id] as const,
  round: (id: string) => ['api', 'round', id] as const,
  meeting: (id: string) => ['api', 'meeting', id] as const,
  street: (id: string) => ['api', 'street', id] as const,
  district: (id: string) => ['api', 'district', id] as const,
};

export const communityQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.community(id), 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}', { params: { path: { id } } })),
  });

export const roundQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.round(id), 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}', { params: { path: { id } } })),
  });

export interface Me {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly scopeId: string | null;
  readonly chief: boolean;
  /** Where the user works, from the widest to the narrowest (区 → 街道 → 社区 …), as far as the server tells. */
  readonly scope: ReadonlyArray<{ readonly kind: string; readonly id: string; readonly name: string }>;
}

/** Who and where I am: `GET /auth/me`, its scope flattened from the widest level to the narrowest (区 → 街道 → 社区 …). */
export const meQuery = () =>
  queryOptions({
    queryKey: keys.me(),
    queryFn: async (): Promise<Me> => {
      if (!readClaims(getToken())) throw new ApiError(401, undefined);
      const body = await unwrap(api.GET('/api/v1/auth/me'));
      const at = body.scope;
      const levels = ['district', 'street', 'round', 'community', 'meeting'] as const;
      const scope = at ? levels.flatMap((kind) => (at[kind] ? [{ kind, id: at[kind].id, name: at[kind].name }] : [])) : [];
      return { userId: body.user.id, username: body.user.username, role: body.role as Role, scopeId: body.user.scopeId, chief: body.chief, scope };
    },
    staleTime: 5 * 60_000,
  });

/** Rule code → title, from `GET /rules` (empty until the server offers it). */
export const rulesQuery = () =>
  queryOptions({
    queryKey: keys.rules(),
    queryFn: async (): Promise<ReadonlyMap<string, string>> => {
      try {
        // The titles are the same under every profile; the default profile's listing names every code.
        const body = await unwrap(api.GET('/api/v1/rules'));
        return new Map(body.rules.map((rule) => [rule.code, rule.titleZh]));
      } catch {
        return new Map();
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Every rule of the community's profile as pass / fail / warning / n/a, with its Chinese title and numbers. */
export const communityChecksQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.community(id), 'checks'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/checks', { params: { path: { id } } })),
  });

/** A community's steps with their due dates, as the server's registry sets them (GET /communities/:id/timeline). */
export const timelineQuery = (communityId: string) =>
  queryOptions({
    queryKey: [...keys.community(communityId), 'timeline'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/timeline', { params: { path: { id: communityId } } })),
    enabled: Boolean(communityId),
  });
