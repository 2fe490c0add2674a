import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EDUCATION_LEVELS } from '../../domain/profile.js';
import { createNomination, listNominations, reportPreliminary, withdrawNomination } from '../../services/nominations.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams, PageQuery, pageOf, SearchQuery, Violation } from '../schemas.js';
import { matchingName, pageOf as pageRows } from '../../services/paging.js';

export const Contest = z.enum(['director', 'deputy', 'member', 'committee', 'party']);

const NominationView = z.object({
  id: z.uuid(),
  seq: z.number(),
  communityId: z.uuid(),
  contest: Contest,
  voterId: z.uuid(),
  name: z.string(),
  basis: z.enum(['voters', 'households', 'group', 'committee', 'self']),
  nominatorIds: z.array(z.string()),
  groupId: z.string().nullable(),
  education: z.string().nullable(),
  roles: z.array(z.string()),
  incumbent: z.boolean(),
  consent: z.boolean(),
  status: z.enum(['preliminary', 'candidate', 'withdrawn']),
  withdrawnOn: z.string().nullable(),
}).meta({ id: 'Nomination' });

export const ListedCandidate = z.object({ id: z.string(), voterId: z.string(), name: z.string(), order: z.number() }).meta({ id: 'ListedCandidate' });

const ListView = z.object({
  id: z.uuid(),
  contest: z.string(),
  version: z.number(),
  publishedOn: z.string(),
  noticeNo: z.number(),
  ballot: z.enum(['secret', 'show-of-hands']),
  seats: z.number(),
  candidates: z.array(ListedCandidate),
}).meta({ id: 'CandidateList' });
export { ListView };

export const nominationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/nominations',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'createNomination',
        summary: '提名候选人',
        tags: ['candidates'],
        params: IdParams,
        body: z.object({
          contest: Contest,
          voterId: z.uuid(),
          basis: z.enum(['voters', 'households', 'group', 'committee', 'self']),
          nominatorIds: z.array(z.uuid()).max(500).optional(),
          groupId: z.uuid().optional(),
          /** The domain's education levels; `postgraduate` (accepted as before) is stored as `master`. */
          education: z.enum([...EDUCATION_LEVELS, 'postgraduate']).optional(),
          roles: z.array(z.enum(['police', 'graduate', 'public'])).max(3).optional(),
          incumbent: z.boolean().optional(),
          /** The nominee agreed to stand (本人同意); the election committee's nomination is refused without it. */
          consent: z.boolean().optional(),
          justifications: JustificationsBody,
        }),
        response: { 201: NominationView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createNomination(app.deps.db, {
            actor: principalOf(request),
            communityId: request.params.id,
            today: app.deps.today(),
            ...request.body,
          }),
        ),
  );

  app.get(
    '/communities/:id/nominations',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listNominations',
        summary: '提名列表',
        tags: ['candidates'],
        params: IdParams,
        querystring: PageQuery.extend({
          contest: Contest.optional(),
          status: z.enum(['preliminary', 'candidate', 'withdrawn']).optional(),
          ...SearchQuery.shape,
        }),
        response: { 200: pageOf(NominationView, 'NominationPage'), ...errorResponses },
      },
    },
    async (request) => {
      const { contest, status, q } = request.query;
      const { nominations } = await listNominations(app.deps.db, { communityId: request.params.id, contest });
      return pageRows(matchingName(status ? nominations.filter((n) => n.status === status) : nominations, q, (n) => n.name), request.query);
    },
  );

  app.post(
    '/communities/:id/candidates/preliminary-report',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'reportPreliminary',
        summary: '上报预备人选',
        tags: ['candidates'],
        params: IdParams,
        body: z.object({
          contest: Contest,
          reportedOn: CalendarDate,
          /** How the official list will be voted on (CAN-SURPLUS): `show-of-hands` only for an equal list where the profile allows it. */
          ballot: z.enum(['secret', 'show-of-hands']).optional(),
          justifications: JustificationsBody,
        }),
        response: {
          201: z.object({
            id: z.uuid(),
            contest: z.string(),
            reportedOn: z.string(),
            nominees: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await reportPreliminary(app.deps.db, {
          actor: principalOf(request),
          communityId: request.params.id,
          today: app.deps.today(),
          ...request.body,
        }),
      ),
  );

  app.post(
    '/nominations/:id/withdraw',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'nomination' } } },
      schema: {
        operationId: 'withdrawNomination',
        summary: '候选人退出',
        tags: ['candidates'],
        params: IdParams,
        body: z.object({ on: CalendarDate.optional() }),
        response: {
          200: z.object({
            nomination: NominationView,
            list: ListView.nullable(),
            /** CAN-SURPLUS: the list the withdrawal left short, with the lawful path that remains; null when it still holds. */
            shortfall: Violation.nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      withdrawNomination(app.deps.db, {
        actor: principalOf(request),
        nominationId: request.params.id,
        on: request.body.on ?? app.deps.today(),
        today: app.deps.today(),
      }),
  );
};
