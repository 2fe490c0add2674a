import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCandidateList, publishCandidateList } from '../../services/candidates.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams } from '../schemas.js';
import { Contest, ListView } from './nominations.js';

export const candidateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/candidates/publish',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
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
    '/communities/:id/candidates',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        tags: ['candidates'],
        params: IdParams,
        querystring: z.object({ contest: Contest }),
        response: { 200: ListView, ...errorResponses },
      },
    },
    async (request) => getCandidateList(app.deps.db, { communityId: request.params.id, contest: request.query.contest }),
  );
};
