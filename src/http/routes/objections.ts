import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideObjection, fileObjection, latestVoterList, publishVoterList } from '../../services/objections.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams, PageQuery, pageOf, PersonName } from '../schemas.js';
import { listObjections } from '../../services/lists.js';
import { VoterBody, VoterView } from './voters.js';
import { residencyOf } from '../../domain/eligibility.js';

/** The registration an objection asks for (identity number masked). */
const PersonView = z
  .object({
    idNumber: z.string(),
    name: z.string(),
    groupId: z.string().optional(),
    householdNo: z.string().optional(),
    address: z.string().optional(),
    residency: z.string().optional(),
    rightsDeprived: z.boolean().optional(),
    residencyMonths: z.number().optional(),
    requested: z.boolean().optional(),
    approved: z.boolean().optional(),
    birthDate: z.string().optional(),
    sex: z.string().optional(),
  })
  .meta({ id: 'ObjectionPerson' });

export const ObjectionView = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    kind: z.enum(['add', 'remove', 'correct']),
    filedOn: z.string(),
    filedBy: z.string(),
    voterId: z.string().nullable(),
    person: PersonView.nullable(),
    reason: z.string(),
    status: z.enum(['pending', 'upheld', 'rejected']),
    decidedOn: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decideBy: z.string().optional(),
    registered: VoterView.optional(),
    removed: VoterView.optional(),
    corrected: VoterView.optional(),
    /** The voter list published again because this upheld objection changed it. */
    republished: z
      .object({ id: z.uuid(), publishedOn: z.string(), noticeNo: z.number(), voters: z.number(), objectionId: z.uuid() })
      .optional(),
  })
  .meta({ id: 'Objection' });

export const objectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/voter-list/publish',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'publishVoterList',
        summary: '公布选民名单',
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
        operationId: 'fileObjection',
        summary: '登记对选民名单的申诉',
        tags: ['voters'],
        params: IdParams,
        body: z.object({
          kind: z.enum(['add', 'remove', 'correct']),
          voterId: z.uuid().optional(),
          person: VoterBody.optional(),
          reason: z.string().trim().min(1).max(2000),
          filedBy: PersonName,
          filedOn: CalendarDate.optional(),
        }),
        response: { 201: ObjectionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { person, ...rest } = request.body;
      return reply.status(201).send(
        await fileObjection(app.deps.db, {
          actor: principalOf(request),
          communityId: request.params.id,
          today: app.deps.today(),
          ...rest,
          ...(person ? { person: { ...person, residency: residencyOf(person.residency)! } } : {}),
        }),
      );
    },
  );

  app.post(
    '/objections/:id/decision',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'objection' } } },
      schema: {
        operationId: 'decideObjection',
        summary: '处理申诉',
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

  app.get(
    '/communities/:id/objections',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listObjections',
        summary: '申诉列表',
        tags: ['voters'],
        params: IdParams,
        querystring: PageQuery.extend({ status: z.enum(['pending', 'upheld', 'rejected']).optional(), kind: z.enum(['add', 'remove', 'correct']).optional() }),
        response: {
          200: pageOf(ObjectionView, 'ObjectionPage').extend({ voterList: z.object({ publishedOn: z.string(), noticeNo: z.number() }).nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      ...(await listObjections(app.deps.db, { communityId: request.params.id, ...request.query })),
      voterList: await latestVoterList(app.deps.db, request.params.id),
    }),
  );
};
