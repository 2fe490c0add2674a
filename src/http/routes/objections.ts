import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideObjection, fileObjection, publishVoterList } from '../../services/objections.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams } from '../schemas.js';
import { VoterBody } from './voters.js';

export const ObjectionView = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    kind: z.enum(['add', 'remove', 'correct']),
    filedOn: z.string(),
    filedBy: z.string(),
    voterId: z.string().nullable(),
    person: z.record(z.string(), z.unknown()).nullable(),
    reason: z.string(),
    status: z.enum(['pending', 'upheld', 'rejected']),
    decidedOn: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decideBy: z.string().optional(),
    registered: z.record(z.string(), z.unknown()).optional(),
    removed: z.record(z.string(), z.unknown()).optional(),
    corrected: z.record(z.string(), z.unknown()).optional(),
  });

export const objectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/voter-list/publish',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        params: IdParams,
        body: z.object({ publishedOn: CalendarDate.optional(), justifications: JustificationsBody }).default({}),
        response: {
          201: z.object({
            id: z.uuid(),
            communityId: z.uuid(),
            publishedOn: z.string(),
            noticeNo: z.number(),
            voters: z.number(),
            objectionsUntil: z.string(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await publishVoterList(app.deps.db, { actor: principalOf(request), communityId: request.params.id, today: app.deps.today(), ...request.body }),
      ),
  );

  app.post(
    '/communities/:id/objections',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        params: IdParams,
        body: z.object({
          kind: z.enum(['add', 'remove', 'correct']),
          voterId: z.uuid().optional(),
          person: VoterBody.optional(),
          reason: z.string().trim().min(1).max(2000),
          filedBy: z.string().trim().min(1).max(100),
          filedOn: CalendarDate.optional(),
        }),
        response: { 201: ObjectionView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await fileObjection(app.deps.db, { actor: principalOf(request), communityId: request.params.id, today: app.deps.today(), ...request.body }),
      ),
  );

  app.post(
    '/objections/:id/decision',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'objection' } } },
      schema: {
        tags: ['voters'],
        params: IdParams,
        body: z.object({
          decision: z.enum(['upheld', 'rejected']),
          reason: z.string().trim().min(1).max(2000),
          decidedOn: CalendarDate.optional(),
        }),
        response: { 200: ObjectionView, ...errorResponses },
      },
    },
    async (request) =>
      decideObjection(app.deps.db, { actor: principalOf(request), objectionId: request.params.id, today: app.deps.today(), ...request.body }),
  );
};
