import { EXCUSE_REASONS } from '../../domain/tally.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addBox,
  addProxy,
  addStaff,
  createMeeting,
  getMeeting,
  listProxies,
  recordAttendance,
} from '../../services/meetings.js';
import { meetingResultJson } from '../../services/result-cache.js';
import { openOfficerElection } from '../../services/officers.js';
import { JustificationsBody } from '../../services/rules.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams, JsonObject, pageOf, PageQuery, PersonName, PlaceName, Violation } from '../schemas.js';
import { listMeetings, listStaff } from '../../services/lists.js';
import { pageOf as pageRows } from '../../services/paging.js';

const Name = PlaceName('票箱名称');
const Box = z.object({
  name: Name,
  kind: z.enum(['main', 'station', 'mobile']),
  monitors: z.array(PersonName).max(50).optional(),
});
const Count = z.number().int().min(0).max(10_000_000);

const MeetingView = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  kind: z.enum(['rc', 'party']),
  purpose: z.enum(['election', 'by-election', 'recall']),
  date: z.string(),
  base: z.string(),
  expected: z.number(),
  present: z.number().nullable(),
  ballot: z.enum(['secret', 'show-of-hands']),
  boxes: z.array(z.object({ name: z.string(), kind: z.string(), monitors: z.array(z.string()) })),
}).meta({ id: 'Meeting' });
const StaffView = z.object({ id: z.uuid(), meetingId: z.uuid(), name: z.string(), voterId: z.uuid().nullable(), duty: z.enum(['monitor', 'caller', 'counter']) }).meta({ id: 'MeetingStaff' });

const ExcuseReason = z.enum(EXCUSE_REASONS).meta({ description: '请假原因：illness 患病不能表达本人意志，abroad 出国出境半年以上，investigation 受审查，suspended 停止党籍，posted 外出或派驻' });
const ExcusedView = z.object({ partyMemberId: z.string(), name: z.string(), reason: ExcuseReason, approvedBy: z.string() }).meta({ id: 'ExcusedMember' });

const Candidate = z.object({ id: z.string(), name: z.string(), order: z.number().optional() });
const NamedVotes = z.object({ candidateId: z.string().optional(), name: z.string(), votes: z.number() });
const ContestResult = z
  .object({
    contestId: z.string().nullable(),
    contest: z.string(),
    stage: z.string(),
    parentId: z.string().nullable(),
    seats: z.number(),
    candidates: z.array(Candidate),
    complete: z.boolean(),
    boxes: z.object({ counted: z.number(), total: z.number(), missing: z.array(z.string()) }),
    totals: z.object({ issued: z.number(), returned: z.number(), valid: z.number(), invalid: z.number(), overvoted: z.number() }),
    valid: z.boolean(),
    votes: z.array(NamedVotes.extend({ writeIn: z.boolean() })),
    elected: z.array(NamedVotes),
    ranking: z.array(NamedVotes.extend({ rank: z.number(), writeIn: z.boolean(), majority: z.boolean(), elected: z.boolean() })),
    tie: z.object({ votes: z.number(), seats: z.number(), people: z.array(NamedVotes) }).optional(),
    revote: z.object({ contestId: z.string().nullable(), candidates: z.array(Candidate), seats: z.number() }).optional(),
    runoff: z.object({ contestId: z.string().nullable(), candidates: z.array(Candidate), seats: z.number() }).optional(),
    vacancies: z.number(),
    rules: z.array(z.object({ rule: z.string(), status: z.enum(['pass', 'fail', 'warning', 'n/a']), details: JsonObject })),
    violations: z.array(Violation),
  })
  .meta({ id: 'ContestResult' });

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/communities/:id/meetings',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'createMeeting',
        summary: '召开选举会议',
        tags: ['meetings'],
        params: IdParams,
        body: z.object({
          kind: z.enum(['rc', 'party']),
          date: CalendarDate,
          /** Those who should attend; counted from the registers when omitted. */
          expected: Count.optional(),
          ballot: z.enum(['secret', 'show-of-hands']).optional(),
          boxes: z.array(Box).min(1).max(200).optional(),
          /** Party meeting: members excused with the higher organisation's approval (not counted among those expected). */
          excused: z
            .array(
              z.object({
                partyMemberId: z.uuid(),
                reason: ExcuseReason,
                approvedBy: z.string().trim().min(1).max(200).meta({ description: '批准的上级党组织' }),
              }),
            )
            .max(10_000)
            .optional(),
        }),
        response: { 201: MeetingView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createMeeting(app.deps.db, { actor: principalOf(request), communityId: request.params.id, ...request.body })),
  );

  app.get(
    '/meetings/:id',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'scrutineer'], resource: { kind: 'meeting' } } },
      schema: { operationId: 'getMeeting', summary: '选举会议详情', tags: ['meetings'], params: IdParams, response: { 200: MeetingView.extend({ quorate: z.boolean(), excused: z.array(ExcusedView) }).meta({ id: 'MeetingDetail' }), ...errorResponses } },
    },
    async (request) => getMeeting(app.deps.db, request.params.id),
  );

  app.post(
    '/meetings/:id/attendance',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'recordAttendance',
        summary: '登记到会人数',
        tags: ['meetings'],
        params: IdParams,
        body: z.object({ present: Count }),
        response: {
          200: z.object({ present: z.number(), expected: z.number(), quorate: z.boolean(), rule: z.string().optional() }),
          ...errorResponses,
        },
      },
    },
    async (request) => recordAttendance(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, ...request.body }),
  );

  app.post(
    '/meetings/:id/boxes',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'addBox',
        summary: '设置票箱',
        tags: ['meetings'],
        params: IdParams,
        body: Box,
        response: { 201: z.object({ id: z.uuid(), name: z.string(), kind: z.string(), monitors: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addBox(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, box: request.body })),
  );

  app.post(
    '/meetings/:id/staff',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'addStaff',
        summary: '确定监票人、唱票人、计票人',
        tags: ['meetings'],
        params: IdParams,
        body: z.object({
          name: PersonName,
          voterId: z.uuid().optional(),
          duty: z.enum(['monitor', 'caller', 'counter']),
          relativeVoterIds: z.array(z.uuid()).max(50).optional(),
        }),
        response: {
          201: z.object({ id: z.uuid(), name: z.string(), voterId: z.string().nullable(), duty: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addStaff(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, staff: request.body })),
  );

  const Person = z.object({ voterId: z.string(), name: z.string() });
  app.post(
    '/meetings/:id/proxies',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'addProxy',
        summary: '登记委托投票',
        tags: ['meetings'],
        params: IdParams,
        body: z.object({ giverVoterId: z.uuid(), holderVoterId: z.uuid() }),
        response: { 201: z.object({ id: z.uuid(), giver: Person, holder: Person }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addProxy(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, ...request.body })),
  );

  app.get(
    '/meetings/:id/proxies',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'scrutineer'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'listProxies',
        summary: '委托投票列表',
        tags: ['meetings'],
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(z.object({ id: z.string(), giver: Person, holder: Person }).meta({ id: 'Proxy' }), 'ProxyPage'), ...errorResponses },
      },
    },
    async (request) => pageRows((await listProxies(app.deps.db, request.params.id)).proxies, request.query),
  );

  app.post(
    '/meetings/:id/officers',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'openOfficerElection',
        summary: '启动书记、副书记选举',
        tags: ['meetings'],
        params: IdParams,
        body: z.object({
          /** Nomination ids of elected party committee members proposed as secretary and deputy secretaries (等额). */
          secretary: z.array(z.string()).min(1).max(1),
          deputySecretaries: z.array(z.string()).max(5).default([]),
          /** The day the street party working committee reviewed and agreed to them (PTY-OFFICERS; without it, 422). */
          reviewedOn: CalendarDate.optional(),
          justifications: JustificationsBody,
        }),
        response: {
          201: z.object({
            contests: z.array(z.object({ contestId: z.string(), contest: z.string(), seats: z.number(), voters: z.number(), candidates: z.array(Candidate) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await openOfficerElection(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, today: app.deps.today(), ...request.body })),
  );

  app.get(
    '/meetings/:id/result',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'scrutineer'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'getMeetingResult',
        summary: '选举结果',
        tags: ['meetings'],
        params: IdParams,
        response: {
          200: z
            .object({
              meetingId: z.string(),
              communityId: z.string(),
              kind: z.string(),
              date: z.string(),
              base: z.string(),
              expected: z.number(),
              present: z.number().nullable(),
              quorate: z.boolean(),
              contests: z.array(ContestResult),
            })
            .meta({ id: 'MeetingResult' }),
          ...errorResponses,
        },
      },
    },
    // Served pre-serialised from the result cache (the schema above documents its shape).
    async (request, reply) => reply.type('application/json; charset=utf-8').send((await meetingResultJson(app.deps.db, request.params.id)) as never),
  );

  app.get(
    '/communities/:id/meetings',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listMeetings',
        summary: '选举会议列表',
        tags: ['meetings'],
        params: IdParams,
        querystring: PageQuery.extend({ kind: z.enum(['rc', 'party']).optional() }),
        response: { 200: pageOf(MeetingView, 'MeetingPage'), ...errorResponses },
      },
    },
    async (request) => listMeetings(app.deps.db, { communityId: request.params.id, ...request.query }),
  );

  app.get(
    '/meetings/:id/staff',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'scrutineer'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'listStaff',
        summary: '监票、唱票、计票人员名单',
        tags: ['meetings'],
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(StaffView, 'MeetingStaffPage'), ...errorResponses },
      },
    },
    async (request) => listStaff(app.deps.db, { meetingId: request.params.id, ...request.query }),
  );
};
