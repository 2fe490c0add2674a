/** The voters of a community: one query per page and search, all under the community's key group. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { components, paths } from '../../api/schema';

export type VoterPage = NonNullable<paths['/api/v1/communities/{id}/voters']['get']['responses']['200']['content']['application/json']>;
export type Voter = VoterPage['items'][number];
export type NewVoter = NonNullable<paths['/api/v1/communities/{id}/voters']['post']['requestBody']>['content']['application/json'];
export type ImportReport = paths['/api/v1/communities/{id}/voters/import']['post']['responses']['200']['content']['application/json'];
export type MissingVoters = paths['/api/v1/communities/{id}/voters/missing']['get']['responses']['200']['content']['application/json'];

export const votersKey = (communityId: string) => [...keys.community(communityId), 'voters'] as const;

type VoterQuery = NonNullable<paths['/api/v1/communities/{id}/voters']['get']['parameters']['query']>;

/** A page of the list, searched and filtered; an unset filter is left out of the request. */
export interface VoterSearch {
  readonly page: number;
  readonly pageSize: number;
  readonly q: string;
  readonly groupId?: VoterQuery['groupId'];
  readonly residency?: VoterQuery['residency'];
}

export const votersQuery = (communityId: string, search: VoterSearch) =>
  queryOptions({
    queryKey: [...votersKey(communityId), search],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/communities/{id}/voters', {
          params: {
            path: { id: communityId },
            query: {
              page: search.page,
              pageSize: search.pageSize,
              ...(search.q ? { q: search.q } : {}),
              ...(search.groupId ? { groupId: search.groupId } : {}),
              ...(search.residency ? { residency: search.residency } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const missingVotersQuery = (communityId: string) =>
  queryOptions({
    queryKey: [...votersKey(communityId), 'missing'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/voters/missing', { params: { path: { id: communityId } } })),
  });

export const RESIDENCY_TEXT: Readonly<Record<Voter['residency'], string>> = {
  registered: '户籍',
  resident: '居住',
  worker: '在社区工作',
};

export const SOURCE_TEXT: Readonly<Record<Voter['source'], string>> = {
  single: '逐个登记',
  import: '批量导入',
  objection: '异议处理',
};

export type { components };
