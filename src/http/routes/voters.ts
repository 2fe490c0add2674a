import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getVoter, listVoters, registerVoter, updateVoter } from '../../services/voters.js';
import { importVoters } from '../../services/voter-import.js';
import { exportVoters } from '../../services/voter-export.js';
import { voterTemplate } from '../../services/voter-template.js';
import { explainMissing, importRoster, missingRegistrations } from '../../services/roster.js';
import { readTable, tableKindOf, tableKindOfFile, tooLarge, XLSX_TYPE, type Row, type TableLimits } from '../../services/table-reader.js';
import { AppError, errors } from '../../domain/errors.js';
import { residencyOf } from '../../domain/eligibility.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, fileResponse, IdParams, PageQuery, pageOf, PersonName, SearchQuery } from '../schemas.js';

export const VoterView = z.object({
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
}).meta({ id: 'Voter' });

export const VoterBody = z.object({
  idNumber: z.string().trim().min(1).max(30),
  name: PersonName,
  groupId: z.uuid().optional(),
  householdNo: z.string().trim().max(50).optional(),
  address: z.string().trim().max(300).optional(),
  /** `registered`/`resident`/`worker`, or as the files write them: 户籍, 居住 or 人户分离, 工作. */
  residency: z.enum(['registered', 'resident', 'worker', '户籍', '居住', '人户分离', '工作']),
  rightsDeprived: z.boolean().optional(),
  residencyMonths: z.number().int().min(0).max(1200).optional(),
  requested: z.boolean().optional(),
  approved: z.boolean().optional(),
  birthDate: CalendarDate.optional(),
  sex: z.enum(['male', 'female']).optional(),
}).meta({ id: 'VoterFields' });

/** Refused rows in row order; a run of consecutive rows refused for the same reason is one entry (`row`…`toRow`). */
const RejectedRowsBody = z.array(
  z.object({ row: z.number(), toRow: z.number().optional(), code: z.string(), message: z.string() }).meta({ id: 'RejectedRow' }),
);

const ImportReport = z.object({
  accepted: z.number(),
  rejected: RejectedRowsBody,
  rejectedRows: z.number(),
  duplicates: z.number(),
  total: z.number(),
  mode: z.enum(['partial', 'all']),
  committed: z.boolean(),
}).meta({ id: 'ImportReport' });

const unsupported = () =>
  new AppError({
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `Send the file as text/csv or ${XLSX_TYPE}, as the body or as the file of a form (multipart/form-data)`,
    messageZh: '请上传CSV或Excel（.xlsx）文件',
  });

/** A broken form (no boundary, cut off, a file over the limit) is the sender's fault: 400 or 413, never a 500. */
function formError(error: unknown, limit: number): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 413) return tooLarge(limit);
  if (typeof status === 'number' && status < 500 && status !== 400) return error;
  return errors.badRequest(`The form data is malformed: ${(error as Error).message}`, '上传的表单数据不完整或格式有误，请重新上传');
}

type FormParts = AsyncIterableIterator<Multipart>;

/** The next file of the form (fields before it are skipped), or null when none is left. */
async function nextFile(parts: FormParts): Promise<MultipartFile | null> {
  for (;;) {
    const { value, done } = await parts.next();
    if (done) return null;
    if (value.type === 'file') return value;
  }
}

/**
 * The form's file as a stream whose failures are answered as `formError` says. A second file is refused once the
 * first has been read, before the import commits, so nothing of a two-file form is kept by half.
 */
async function* formFile(stream: AsyncIterable<Buffer>, rest: FormParts, limit: number): AsyncGenerator<Buffer> {
  try {
    yield* stream;
    const another = await nextFile(rest);
    if (another) throw errors.badRequest('Send one file per upload', '一次只能上传一个文件，请分别上传');
  } catch (error) {
    throw formError(error, limit);
  }
}

/** The uploaded table's rows, from the body or from the form's file. */
export async function uploadedRows(request: FastifyRequest, limit: number, tableLimits: TableLimits): Promise<AsyncGenerator<Row[]>> {
  if (request.isMultipart()) {
    const parts = request.parts();
    const part = await nextFile(parts).catch((error: unknown) => {
      throw formError(error, limit);
    });
    if (!part) throw errors.badRequest('The form holds no file', '表单中没有文件，请选择要上传的CSV或Excel文件');
    const kind = tableKindOfFile(part.filename, part.mimetype);
    if (!kind) throw unsupported();
    return readTable(kind, formFile(part.file, parts, limit), limit, tableLimits);
  }
  const kind = tableKindOf(request.headers['content-type']);
  if (!kind) throw unsupported();
  return readTable(kind, request.body as AsyncIterable<Buffer>, limit, tableLimits);
}

/** Uploads as the body (text/csv or xlsx) or as the file of a form; registered in each plugin that takes one. */
export async function acceptUploads(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(['text/csv', 'application/csv', XLSX_TYPE], (_request, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { fileSize: app.deps.config.uploadLimitBytes + 1, files: 2, fields: 10, parts: 12 } });
}

/** The configured limits of an uploaded table. */
export function tableLimitsOf(config: FastifyInstance['deps']['config']): TableLimits {
  const { uploadMaxLineChars, uploadMaxCells, uploadUnpackedLimitBytes, uploadWorkerThresholdBytes } = config;
  return { maxLineChars: uploadMaxLineChars, maxCells: uploadMaxCells, maxUnpackedBytes: uploadUnpackedLimitBytes, workerThresholdBytes: uploadWorkerThresholdBytes };
}

export const voterRoutes: FastifyPluginAsyncZod = async (app) => {
  // Uploads reach the use case as a stream (never buffered): the raw request body (text/csv or xlsx), or the one file
  // of a form (multipart/form-data, as a browser sends it). The size limit is counted while reading; the form's own
  // limit lets one byte more through so that the count, not a silent truncation, answers 413.
  await acceptUploads(app);
  const limit = app.deps.config.uploadLimitBytes;
  const tableLimits = tableLimitsOf(app.deps.config);

  app.post(
    '/communities/:id/voters',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: { operationId: 'registerVoter', summary: '登记选民', tags: ['voters'], params: IdParams, body: VoterBody, response: { 201: VoterView, ...errorResponses } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await registerVoter(app.deps.db, {
          actor: principalOf(request),
          communityId: request.params.id,
          today: app.deps.today(),
          ...request.body,
          residency: residencyOf(request.body.residency)!,
        }),
      ),
  );

  app.post(
    '/communities/:id/voters/import',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'importVoters',
        summary: '导入选民名册（CSV或Excel）',
        tags: ['voters'],
        params: IdParams,
        querystring: z.object({ mode: z.enum(['partial', 'all']).default('partial') }),
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) =>
      importVoters(app.deps.database, {
        actor: principalOf(request),
        communityId: request.params.id,
        mode: request.query.mode,
        today: app.deps.today(),
        rows: await uploadedRows(request, limit, tableLimits),
      }),
  );

  app.get(
    '/communities/:id/voters',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listVoters',
        summary: '选民名单（身份证号遮蔽）',
        tags: ['voters'],
        params: IdParams,
        querystring: PageQuery.extend({
          ...SearchQuery.shape,
          groupId: z.union([z.uuid(), z.literal('none')]).optional().meta({ description: '居民小组；none 为未分组的选民' }),
          residency: z.enum(['registered', 'resident', 'worker']).optional().meta({ description: '户籍 registered，居住（人户分离）resident，在社区工作 worker' }),
        }),
        response: { 200: pageOf(VoterView, 'VoterPage'), ...errorResponses },
      },
    },
    async (request) => listVoters(app.deps.db, { communityId: request.params.id, ...request.query }),
  );

  app.get(
    '/communities/:id/voters/export.xlsx',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: { operationId: 'exportVoters', summary: '导出选民名单（Excel）', tags: ['voters'], params: IdParams, response: { 200: fileResponse(XLSX_TYPE, '选民名单 Excel'), ...errorResponses } },
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
    '/communities/:id/voters/template.xlsx',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'getVoterTemplate',
        summary: '下载选民导入模板（Excel，含示例行和填写说明）',
        tags: ['voters'],
        params: IdParams,
        response: { 200: fileResponse(XLSX_TYPE, '选民导入模板 Excel'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { buffer, filename } = await voterTemplate(app.deps.db, { communityId: request.params.id });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent('选民导入模板.xlsx')}`)
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );

  app.get(
    '/voters/:id',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'voter' } } },
      schema: { operationId: 'getVoter', summary: '选民详情', tags: ['voters'], params: IdParams, response: { 200: VoterView, ...errorResponses } },
    },
    async (request) => getVoter(app.deps.db, { actor: principalOf(request), voterId: request.params.id }),
  );

  app.patch(
    '/voters/:id',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'voter' } } },
      schema: {
        operationId: 'updateVoter',
        summary: '更正选民信息（重新核验身份证号和选民资格）',
        tags: ['voters'],
        params: IdParams,
        body: VoterBody.partial().extend({ groupId: z.uuid().nullable().optional() }).strict().meta({ id: 'VoterPatch' }),
        response: { 200: VoterView, ...errorResponses },
      },
    },
    async (request) => {
      const { residency, ...rest } = request.body;
      return updateVoter(app.deps.db, {
        actor: principalOf(request),
        voterId: request.params.id,
        today: app.deps.today(),
        ...rest,
        ...(residency !== undefined ? { residency: residencyOf(residency)! } : {}),
      });
    },
  );

  app.post(
    '/communities/:id/roster',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'importRoster',
        summary: '导入常住人口名册（核对不漏登）',
        tags: ['voters'],
        params: IdParams,
        response: {
          200: z.object({
            accepted: z.number(),
            rejected: RejectedRowsBody,
            rejectedRows: z.number(),
            duplicates: z.number(),
            total: z.number(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      importRoster(app.deps.db, {
        actor: principalOf(request),
        communityId: request.params.id,
        today: app.deps.today(),
        rows: await uploadedRows(request, limit, tableLimits),
      }),
  );

  app.get(
    '/communities/:id/voters/missing',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'admin'], resource: { kind: 'community' } } },
      schema: {
        operationId: 'listMissingVoters',
        summary: '名册中未登记的居民',
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
        operationId: 'explainMissingVoter',
        summary: '说明未登记原因',
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
