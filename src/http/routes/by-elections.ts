import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeByElection, communityAfterRound, openByElection, petitionRecall, recordRecallVote, recordVacancy } from '../../services/by-elections.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams } from '../schemas.js';

const Post = z.enum(['director', 'deputy', 'member']);
const Count = z.number().int().min(0).max(10_000_000);

const Recall = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    nominationId: z.uuid(),
    contest: z.string(),
    name: z.string(),
    base: z.enum(['voters', 'representatives']),
    baseCount: z.number(),
    petitioners: z.number(),
    reason: z.string(),
    filedOn: z.string(),
    status: z.enum(['petitioned', 'recalled', 'kept']),
    meetingId: z.string().nullable(),
    returned: z.number().nullable(),
    votesFor: z.number().nullable(),
    votesAgainst: z.number().nullable(),
    decidedOn: z.string().nullable(),
  })
  .meta({ id: 'Recall' });

const Vacancy = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    nominationId: z.uuid(),
    contest: Post,
    postZh: z.string(),
    name: z.string(),
    reason: z.enum(['resignation', 'death', 'recall']),
    occurredOn: z.string(),
    recallId: z.string().nullable(),
    meetingId: z.string().nullable(),
    contestId: z.string().nullable(),
    status: z.enum(['open', 'by-election', 'filled', 'unfilled']),
    filledBy: z.string().nullable(),
    certificateNumber: z.number().nullable(),
  })
  .meta({ id: 'Vacancy' });

/** Recalls and vacancies of a community after its round (shown beside its filing too). */
export const AfterRound = z.object({ recalls: z.array(Recall), vacancies: z.array(Vacancy) }).meta({ id: 'AfterRound' });
const ElectedMember = z.object({ nominationId: z.uuid(), name: z.string(), contest: Post, postZh: z.string(), votes: z.number() }).meta({ id: 'ElectedMember' });
const CommunityAfterRound = AfterRound.extend({ members: z.array(ElectedMember) }).meta({ id: 'CommunityAfterRound' });

export const byElectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/recalls',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'petitionRecall',
        summary: '登记罢免联名',
        tags: ['by-elections'],
        params: IdParams,
        body: z.object({
          nominationId: z.uuid(),
          contest: Post,
          base: z.enum(['voters', 'representatives']),
          petitioners: Count,
          reason: z.string().trim().min(1).max(500),
          filedOn: CalendarDate,
        }),
        response: { 201: Recall, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await petitionRecall(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );

  app.post(
    '/recalls/:id/vote',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'recall' } } },
      schema: {
        operationId: 'recordRecallVote',
        summary: '登记罢免表决结果',
        tags: ['by-elections'],
        params: IdParams,
        body: z.object({ date: CalendarDate, returned: Count, votesFor: Count, votesAgainst: Count }),
        response: { 200: Recall.extend({ vacancyId: z.string().nullable(), messageZh: z.string() }).meta({ id: 'RecallVote' }), ...errorResponses },
      },
    },
    async (request) => recordRecallVote(app.deps.db, { actor: principalOf(request), recallId: request.params.id, ...request.body }),
  );

  app.post(
    '/communities/:id/vacancies',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'recordVacancy',
        summary: '登记职务出缺',
        tags: ['by-elections'],
        params: IdParams,
        body: z.object({ nominationId: z.uuid(), contest: Post, reason: z.enum(['resignation', 'death']), occurredOn: CalendarDate }),
        response: { 201: Vacancy, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordVacancy(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );

  const Candidate = z.object({ id: z.string(), name: z.string(), order: z.number() });
  app.post(
    '/vacancies/:id/by-election',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'vacancy' } } },
      schema: {
        operationId: 'openByElection',
        summary: '召开补选会议',
        tags: ['by-elections'],
        params: IdParams,
        body: z.object({ date: CalendarDate, expected: Count.optional(), candidateVoterIds: z.array(z.uuid()).min(1).max(20) }),
        response: { 201: Vacancy.extend({ candidates: z.array(Candidate) }).meta({ id: 'ByElection' }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await openByElection(app.deps.db, { actor: principalOf(request), vacancyId: request.params.id, ...request.body })),
  );

  app.post(
    '/vacancies/:id/close',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'vacancy' } } },
      schema: {
        operationId: 'closeByElection',
        summary: '确认补选结果并颁发当选证书',
        tags: ['by-elections'],
        params: IdParams,
        body: z.object({ issuedOn: CalendarDate }),
        response: {
          200: Vacancy.extend({ votes: z.array(z.object({ name: z.string(), votes: z.number() })) }).meta({ id: 'ByElectionResult' }),
          ...errorResponses,
        },
      },
    },
    async (request) => closeByElection(app.deps.db, { actor: principalOf(request), vacancyId: request.params.id, ...request.body }),
  );

  app.get(
    '/communities/:id/after-round',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'getAfterRound',
        summary: '罢免与补选情况（含本届当选的居民委员会成员）',
        tags: ['by-elections'],
        params: IdParams,
        response: { 200: CommunityAfterRound, ...errorResponses },
      },
    },
    async (request) => communityAfterRound(app.deps.db, request.params.id),
  );
};
