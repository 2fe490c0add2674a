import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getVoter, listVoters, registerVoter } from '../../services/voters.js';
import { importVoters } from '../../services/voter-import.js';
import { exportVoters } from '../../services/voter-export.js';
import { explainMissing, importRoster, missingRegistrations } from '../../services/roster.js';
import { readTable, tableKindOf, XLSX_TYPE } from '../../services/table-reader.js';
import { AppError } from '../errors.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams } from '../schemas.js';

const VoterView = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  name: z.string(),
  idNumber: z.string(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  householdNo: z.string().nullable(),
  address: z.string().nullable(),
  residency: z.enum(['registered', 'resident', 'worker']),
  source: z.enum(['single', 'import', 'objection']),
});

export const VoterBody = z.object({
  idNumber: z.string().trim().min(1).max(30),
  name: z.string().trim().min(1).max(100),
  groupId: z.uuid().optional(),
  householdNo: z.string().trim().max(50).optional(),
  address: z.string().trim().max(300).optional(),
  residency: z.enum(['registered', 'resident', 'worker']),
  rightsDeprived: z.boolean().optional(),
  residencyMonths: z.number().int().min(0).max(1200).optional(),
  requested: z.boolean().optional(),
  approved: z.boolean().optional(),
  birthDate: CalendarDate.optional(),
  sex: z.enum(['male', 'female']).optional(),
});

const ImportReport = z.object({
  accepted: z.number(),
  rejected: z.array(z.object({ row: z.number(), code: z.string(), message: z.string() })),
  duplicates: z.number(),
  total: z.number(),
  mode: z.enum(['partial', 'all']),
  committed: z.boolean(),
});

const unsupported = () =>
  new AppError({
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `Send the file as text/csv or ${XLSX_TYPE}`,
    messageZh: '请以CSV（text/csv）或Excel（xlsx）格式上传',
  });

export const voterRoutes: FastifyPluginAsyncZod = async (app) => {
  // Uploads reach the use case as the raw request stream (never buffered); the size limit is counted while reading.
  app.addContentTypeParser(['text/csv', 'application/csv', XLSX_TYPE], (_request, payload, done) => done(null, payload));

  app.post(
    '/communities/:id/voters',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: { tags: ['voters'], params: IdParams, body: VoterBody, response: { 201: VoterView, ...errorResponses } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await registerVoter(app.deps.db, { actor: principalOf(request), communityId: request.params.id, today: app.deps.today(), ...request.body }),
      ),
  );

  app.post(
    '/communities/:id/voters/import',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        params: IdParams,
        querystring: z.object({ mode: z.enum(['partial', 'all']).default('partial') }),
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) => {
      const kind = tableKindOf(request.headers['content-type']);
      if (!kind) throw unsupported();
      return importVoters(app.deps.database, {
        actor: principalOf(request),
        communityId: request.params.id,
        mode: request.query.mode,
        today: app.deps.today(),
        rows: readTable(kind, request.body as AsyncIterable<Buffer>, app.deps.config.uploadLimitBytes),
      });
    },
  );

  app.get(
    '/communities/:id/voters',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        params: IdParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
          q: z.string().max(50).optional(),
        }),
        response: { 200: z.object({ items: z.array(VoterView), total: z.number(), page: z.number(), pageSize: z.number() }), ...errorResponses },
      },
    },
    async (request) => listVoters(app.deps.db, { communityId: request.params.id, ...request.query }),
  );

  app.get(
    '/communities/:id/voters/export.xlsx',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: { tags: ['voters'], params: IdParams },
    },
    async (request, reply) => {
      const { stream, filename } = await exportVoters(app.deps.db, { actor: principalOf(request), communityId: request.params.id });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );

  app.get(
    '/voters/:id',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'voter' } } },
      schema: { tags: ['voters'], params: IdParams, response: { 200: VoterView, ...errorResponses } },
    },
    async (request) => getVoter(app.deps.db, { actor: principalOf(request), voterId: request.params.id }),
  );

  app.post(
    '/communities/:id/roster',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        params: IdParams,
        response: {
          200: z.object({
            accepted: z.number(),
            rejected: z.array(z.object({ row: z.number(), code: z.string(), message: z.string() })),
            duplicates: z.number(),
            total: z.number(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const kind = tableKindOf(request.headers['content-type']);
      if (!kind) throw unsupported();
      return importRoster(app.deps.db, {
        actor: principalOf(request),
        communityId: request.params.id,
        today: app.deps.today(),
        rows: readTable(kind, request.body as AsyncIterable<Buffer>, app.deps.config.uploadLimitBytes),
      });
    },
  );

  app.get(
    '/communities/:id/voters/missing',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        params: IdParams,
        response: {
          200: z.object({
            rule: z.literal('VOT-COMPLETE'),
            status: z.enum(['pass', 'warning']),
            message: z.string(),
            roster: z.number(),
            unexplained: z.number(),
            missing: z.array(
              z.object({ rosterEntryId: z.uuid(), name: z.string(), idNumber: z.string(), birthDate: z.string(), explanation: z.string().nullable() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => missingRegistrations(app.deps.db, { communityId: request.params.id, today: app.deps.today() }),
  );

  app.post(
    '/communities/:id/voters/missing/:entryId/explanation',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        params: z.object({ id: z.uuid(), entryId: z.uuid() }),
        body: z.object({ text: z.string().trim().min(1).max(2000) }),
        response: { 200: z.object({ rosterEntryId: z.uuid(), explanation: z.string().nullable() }), ...errorResponses },
      },
    },
    async (request) =>
      explainMissing(app.deps.db, { actor: principalOf(request), communityId: request.params.id, rosterEntryId: request.params.entryId, text: request.body.text }),
  );
};
