import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { discardTallyEntry, enterTallySheet, listTallyEntries } from '../../services/tally.js';
import { principalOf } from '../guard.js';
import { errorResponses, IdParams, PageQuery, pageOf, VoteKey } from '../schemas.js';
import { pageOf as pageRows } from '../../services/paging.js';

const Count = z.number().int().min(0).max(10_000_000);
const Reason = z.string().trim().min(1).max(500);

const EntryView = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  contestId: z.uuid(),
  contest: z.string(),
  stage: z.string(),
  box: z.string(),
  sheetVersion: z.number(),
  status: z.enum(['pending', 'confirmed', 'discarded', 'superseded']),
  sheetId: z.string().nullable(),
  mismatches: z.array(
    z.object({
      entryId: z.string(),
      /** `theirs` is null unless the reader is the chief scrutineer: the second entry is blind. */
      fields: z.array(z.object({ field: z.string(), mine: z.number().nullable(), theirs: z.number().nullable() })),
    }),
  ),
}).meta({ id: 'TallyEntry' });

const TallyEntryListItem = z
  .object({
    id: z.string(),
    contestId: z.string(),
    contest: z.string(),
    stage: z.string(),
    box: z.string(),
    sheetVersion: z.number(),
    enteredBy: z.string(),
    /** Null for another scrutineer's entry when the reader is a scrutineer but not the chief (blind entry). */
    issued: z.number().nullable(),
    returned: z.number().nullable(),
    invalid: z.number().nullable(),
    overvoted: z.number().nullable(),
    votes: z.record(z.string(), z.number()).nullable(),
    status: z.string(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'TallyEntryListItem' });

export const tallyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/meetings/:id/tally-sheets',
    {
      // Only scrutineers of this meeting type counts: committee, street and bureau get 403.
      config: { access: { roles: ['scrutineer'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'enterTallySheet',
        summary: '录入计票单',
        tags: ['tally'],
        params: IdParams,
        body: z
          .object({
            contest: z.enum(['director', 'deputy', 'member', 'committee', 'party', 'secretary', 'deputy-secretary']),
            /** A re-vote, run-off or officer contest of this meeting (from the result); the main contest when omitted. */
            contestId: z.uuid().optional(),
            box: z.string().trim().min(1).max(100),
            issued: Count,
            returned: Count,
            invalid: Count,
            /** Of the invalid ballots, those that chose more people than seats (CNT-OVERVOTE). */
            overvoted: Count.optional(),
            /** The 有效票 line of the paper, when typed (CNT-ARITH: returned = valid + invalid). */
            valid: Count.optional(),
            votes: z.record(VoteKey, Count),
            correctionOf: z.uuid().optional(),
            reason: Reason.optional(),
            /** Finish a sheet that still breaks a rule, after speaking to the chief scrutineer: it goes to the chief. */
            finishWithErrors: z.boolean().optional(),
          })
          .refine((b) => !b.correctionOf || b.reason, { message: 'a correction needs a reason', path: ['reason'] }),
        response: { 201: EntryView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await enterTallySheet(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, today: app.deps.today(), ...request.body }),
        ),
  );

  app.get(
    '/meetings/:id/tally-entries',
    {
      config: { access: { roles: ['scrutineer', 'committee', 'street', 'bureau'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'listTallyEntries',
        summary: '计票录入列表',
        tags: ['tally'],
        params: IdParams,
        querystring: PageQuery.extend({
          contest: z.string().max(40).optional(),
          status: z.enum(['pending', 'confirmed', 'discarded', 'superseded']).optional(),
        }),
        response: { 200: pageOf(TallyEntryListItem, 'TallyEntryPage'), ...errorResponses },
      },
    },
    async (request) => {
      const { contest, status } = request.query;
      const { entries } = await listTallyEntries(app.deps.db, request.params.id, principalOf(request));
      return pageRows(entries.filter((e) => (!contest || e.contest === contest) && (!status || e.status === status)), request.query);
    },
  );

  app.post(
    '/tally-entries/:id/discard',
    {
      config: { access: { roles: ['scrutineer'], chiefOnly: true, resource: { kind: 'tally-entry' } } },
      schema: {
        operationId: 'discardTallyEntry',
        summary: '作废计票录入（总监票人）',
        tags: ['tally'],
        params: IdParams,
        body: z.object({ reason: Reason }),
        response: { 200: z.object({ id: z.uuid(), status: z.literal('discarded'), reason: z.string() }), ...errorResponses },
      },
    },
    async (request) => discardTallyEntry(app.deps.db, { actor: principalOf(request), entryId: request.params.id, reason: request.body.reason }),
  );
};
