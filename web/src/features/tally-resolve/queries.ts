/** The chief scrutineer's resources: the sheets waiting for them, the differing fields of one, and the resolution. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { operations } from '../../api/schema';

export type Differences = operations['getTallySheetDifferences']['responses'][200]['content']['application/json'];

export const waitingQuery = (meetingId: string) =>
  queryOptions({
    queryKey: [...keys.meeting(meetingId), 'tally-sheets'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/tally-sheets', { params: { path: { id: meetingId } } })),
    refetchInterval: 5000,
  });

export const differencesQuery = (meetingId: string, contestId: string, box: string) =>
  queryOptions({
    queryKey: [...keys.meeting(meetingId), 'tally-differences', contestId, box],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/tally-sheets/differences', { params: { path: { id: meetingId }, query: { contestId, box } } })),
  });

export const sendBack = (entryId: string, reason: string) =>
  unwrap(api.POST('/api/v1/tally-entries/{id}/send-back', { params: { path: { id: entryId } }, body: reason ? { reason } : {} }));

export const discard = (entryId: string, reason: string) =>
  unwrap(api.POST('/api/v1/tally-entries/{id}/discard', { params: { path: { id: entryId } }, body: { reason } }));
