/** The scrutineer's resources: the sheets of the meeting and one's own draft; each call once, with its invalidation. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { operations } from '../../api/schema';

type Json<O extends keyof operations, S extends number> = operations[O]['responses'] extends Record<S, { content: { 'application/json': infer T } }> ? T : never;
export type SheetList = Json<'listTallySheets', 200>;
export type Sheet = SheetList['sheets'][number];
export type Draft = Json<'getTallyDraft', 200>;
export type Figures = Draft['figures'];
export type Validation = Json<'validateTallyDraft', 200>;
export type Submitted = Json<'submitTallyDraft', 201>;

export const sheetsKey = (meetingId: string) => [...keys.meeting(meetingId), 'tally-sheets'] as const;

export const sheetsQuery = (meetingId: string) =>
  queryOptions({
    queryKey: sheetsKey(meetingId),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/tally-sheets', { params: { path: { id: meetingId } } })),
    refetchInterval: 5000,
  });

export const draftQuery = (meetingId: string, draftId: string) =>
  queryOptions({
    queryKey: [...keys.meeting(meetingId), 'tally-draft', draftId],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/tally-drafts/{draftId}', { params: { path: { id: meetingId, draftId } } })),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });

export function claimSheet(meetingId: string, body: { contest: Sheet['contest']; contestId?: string; box: string; correctionOf?: string; reason?: string }) {
  return unwrap(
    api.POST('/api/v1/meetings/{id}/tally-drafts', {
      params: { path: { id: meetingId } },
      body: body as operations['claimTallySheet']['requestBody'] extends { content: { 'application/json': infer B } } ? B : never,
    }),
  );
}

export const saveDraft = (meetingId: string, draftId: string, figures: Figures) =>
  unwrap(api.PUT('/api/v1/meetings/{id}/tally-drafts/{draftId}', { params: { path: { id: meetingId, draftId } }, body: { figures } }));

export const deleteDraft = (meetingId: string, draftId: string) =>
  unwrap(api.DELETE('/api/v1/meetings/{id}/tally-drafts/{draftId}', { params: { path: { id: meetingId, draftId } } }));

export const validateDraft = (meetingId: string, draftId: string, figures: Figures) =>
  unwrap(api.POST('/api/v1/meetings/{id}/tally-drafts/{draftId}/validate', { params: { path: { id: meetingId, draftId } }, body: { figures } }));

export const submitDraft = (meetingId: string, draftId: string, body: { figures: Figures; warningsChecked?: boolean; finishWithErrors?: boolean }) =>
  unwrap(api.POST('/api/v1/meetings/{id}/tally-drafts/{draftId}/submit', { params: { path: { id: meetingId, draftId } }, body }));

export const checkWriteIn = (meetingId: string, name: string) =>
  unwrap(api.GET('/api/v1/meetings/{id}/write-ins/check', { params: { path: { id: meetingId }, query: { name } } }));
