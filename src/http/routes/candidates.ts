import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCandidateList, publicationPreview, publishCandidateList } from '../../services/candidates.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams, PageQuery } from '../schemas.js';
import { pageOf as pageRows } from '../../services/paging.js';
import { Contest, ListedCandidate, ListView } from './nominations.js';

/** The current published list of a contest: its candidates as one page, in ballot order, with the list's facts. */
const CandidatePage = ListView.omit({ candidates: true })
  .extend({ items: z.array(ListedCandidate), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'CandidatePage' });

export const candidateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/candidates/publish',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'publishCandidates',
        summary: '公布正式候选人名单',
        tags: ['candidates'],
        params: IdParams,
        body: z.object({
          contest: Contest,
          publishedOn: CalendarDate.optional(),
          /** `show-of-hands` only for an equal list where the profile allows it. */
          ballot: z.enum(['secret', 'show-of-hands']).optional(),
          /** The nominees who stand (from the preliminary list); all of the contest when omitted. */
          nominationIds: z.array(z.uuid()).min(1).max(100).optional(),
          justifications: JustificationsBody,
        }),
        response: { 201: ListView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await publishCandidateList(app.deps.db, {
          actor: principalOf(request),
          communityId: request.params.id,
          today: app.deps.today(),
          ...request.body,
        }),
      ),
  );

  app.get(
    '/communities/:id/candidates/preview',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'previewCandidateList',
        summary: '公布正式候选人名单前核对：应选名额、现有人选、差额要求、最迟公布日期',
        tags: ['candidates'],
        params: IdParams,
        querystring: z.object({ contest: Contest }),
        response: {
          200: z
            .object({
              contest: Contest,
              seats: z.number().int(),
              nominees: z.number().int(),
              required: z.number().int(),
              electionDay: z.string(),
              latest: z.string(),
              checks: z.array(z.object({ rule: z.string(), status: z.enum(['pass', 'warning', 'fail', 'n/a']), messageZh: z.string().nullable() })),
            })
            .meta({ id: 'CandidateListPreview' }),
          ...errorResponses,
        },
      },
    },
    async (request) => publicationPreview(app.deps.db, { communityId: request.params.id, contest: request.query.contest, today: app.deps.today() }),
  );

  app.get(
    '/communities/:id/candidates',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listCandidates',
        summary: '正式候选人名单（按选票顺序）',
        tags: ['candidates'],
        params: IdParams,
        querystring: PageQuery.extend({ contest: Contest }),
        response: { 200: CandidatePage, ...errorResponses },
      },
    },
    async (request) => {
      const { candidates, ...list } = await getCandidateList(app.deps.db, { communityId: request.params.id, contest: request.query.contest });
      return { ...list, ...pageRows(candidates, request.query) };
    },
  );
};
