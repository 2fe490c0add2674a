import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PassThrough } from 'node:stream';
import { renderBlankTallySheets } from '../../pdf/papers/tally-sheet.js';
import {
  blankSheets,
  checkWriteInName,
  claimSheet,
  deleteDraft,
  getDraft,
  listSheets,
  saveDraft,
  sendBackEntry,
  sheetDifferences,
  submitDraft,
  validateDraft,
} from '../../services/tally-sheets.js';
import { meetingQuorum } from '../../services/meeting-desk.js';
import { principalOf } from '../guard.js';
import { errorResponses, fileResponse, IdParams, WriteInName } from '../schemas.js';

const Count = z.number().int().min(0).max(10_000_000);
const MaybeCount = Count.nullable().optional();
const Contest = z.enum(['director', 'deputy', 'member', 'committee', 'party', 'secretary', 'deputy-secretary']);
const State = z.enum(['not-entered', 'in-progress', 'entered-once', 'mismatch', 'confirmed']);
const DraftParams = z.object({ id: z.uuid(), draftId: z.uuid() });
const meetingAccess = { roles: ['scrutineer'] as const, resource: { kind: 'meeting' as const } };

const DraftFigures = z
  .object({
    issued: MaybeCount,
    returned: MaybeCount,
    invalid: MaybeCount,
    overvoted: MaybeCount,
    /** 有效票 as on the paper (returned = valid + invalid). */
    valid: MaybeCount,
    /** Candidate id → votes (null: not typed yet). */
    votes: z.record(z.string().min(1).max(100), Count.nullable()).optional(),
    /** 另选他人, in the order typed. */
    writeIns: z.array(z.object({ name: WriteInName, votes: Count.nullable() })).max(200).optional(),
  })
  ;

const Issue = z.object({ rule: z.string(), fields: z.array(z.string()), messageZh: z.string(), equationZh: z.string().nullable() });
const Validation = z.object({ errors: z.array(Issue), warnings: z.array(Issue) });

const DraftView = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    contestId: z.uuid(),
    contest: z.string(),
    stage: z.string(),
    box: z.string(),
    sheetVersion: z.number(),
    seats: z.number(),
    candidates: z.array(z.object({ id: z.string(), name: z.string(), order: z.number().optional() })),
    /** The sheet's lines in the paper's order; the screen and the blank paper sheet follow it. */
    fields: z.array(z.object({ field: z.string(), labelZh: z.string(), group: z.enum(['ballots', 'candidates', 'write-ins']) })),
    entryNumber: z.number(),
    figures: DraftFigures,
    cleared: z.array(z.string()),
    correctionOf: z.string().nullable(),
    reason: z.string().nullable(),
    state: State,
    stateZh: z.string(),
  })
  ;

const SheetView = z
  .object({
    contestId: z.string().nullable(),
    contest: z.string(),
    stage: z.string(),
    seats: z.number(),
    box: z.string(),
    sheetVersion: z.number(),
    state: State,
    stateZh: z.string(),
    entries: z.number(),
    needsChief: z.boolean(),
    confirmedSheetId: z.string().nullable(),
    mine: z.enum(['draft', 'entered']).nullable(),
    blockedZh: z.string().nullable(),
    entryIds: z.array(z.string()).optional(),
  })
  ;

/** The claim, the kept draft, the check as typed and the chief's resolution of tally sheets (CNT-DOUBLE-ENTRY). */
export const tallySheetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/meetings/:id/tally-sheets',
    {
      config: { access: { roles: ['scrutineer', 'committee', 'street', 'bureau'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'listTallySheets',
        summary: '计票单列表及状态（未录入、录入中、已录入一次、两次不一致、已确认）',
        tags: ['tally'],
        params: IdParams,
        response: { 200: z.object({ sheets: z.array(SheetView) }), ...errorResponses },
      },
    },
    async (request) => listSheets(app.deps.db, { meetingId: request.params.id, reader: principalOf(request) }),
  );

  app.get(
    '/meetings/:id/quorum',
    {
      config: { access: { roles: ['committee', 'street', 'bureau', 'scrutineer'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'getMeetingQuorum',
        summary: '会议有效人数：应到、实到、是否有效及所依据的规则',
        tags: ['meetings'],
        params: IdParams,
        response: {
          200: z
            .object({
              meetingId: z.uuid(),
              kind: z.enum(['rc', 'party']),
              base: z.string(),
              baseZh: z.string(),
              expected: z.number(),
              present: z.number(),
              recorded: z.boolean(),
              quorate: z.boolean(),
              rule: z.string(),
              ruleTitleZh: z.string(),
              ruleZh: z.string(),
              messageZh: z.string().nullable(),
            }),
          ...errorResponses,
        },
      },
    },
    async (request) => meetingQuorum(app.deps.db, request.params.id),
  );

  app.get(
    '/meetings/:id/tally-sheets/blank.pdf',
    {
      config: { access: { roles: ['committee', 'scrutineer', 'street'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'printBlankTallySheets',
        summary: '打印空白计票单（每个选举项目、每个票箱一页，栏目顺序与录入界面一致）',
        tags: ['tally'],
        params: IdParams,
        querystring: z.object({ contestId: z.uuid().optional(), contest: Contest.optional(), box: z.string().trim().min(1).max(100).optional() }),
        response: { 200: fileResponse('application/pdf', '空白计票单 PDF'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const vm = await blankSheets(app.deps.db, { meetingId: request.params.id, ...request.query });
      const out = new PassThrough();
      renderBlankTallySheets(vm, out).catch((error: unknown) => out.destroy(error as Error));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'inline; filename="tally-sheets.pdf"')
        .header('cache-control', 'no-store')
        .send(out);
    },
  );

  app.post(
    '/meetings/:id/tally-drafts',
    {
      config: { access: meetingAccess },
      schema: {
        operationId: 'claimTallySheet',
        summary: '打开计票单开始录入（占用该计票单；已有本人草稿则从中断处继续）',
        tags: ['tally'],
        params: IdParams,
        body: z
          .object({
            contest: Contest,
            contestId: z.uuid().optional(),
            box: z.string().trim().min(1).max(100),
            correctionOf: z.uuid().optional(),
            reason: z.string().trim().min(1).max(500).optional(),
          })
          .refine((b) => !b.correctionOf || b.reason, { message: 'a correction needs a reason', path: ['reason'] }),
        response: { 200: DraftView, ...errorResponses },
      },
    },
    async (request) => claimSheet(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, today: app.deps.today(), ...request.body }),
  );

  app.get(
    '/meetings/:id/tally-drafts/:draftId',
    {
      config: { access: meetingAccess },
      schema: { operationId: 'getTallyDraft', summary: '读取本人的计票录入草稿', tags: ['tally'], params: DraftParams, response: { 200: DraftView, ...errorResponses } },
    },
    async (request) => getDraft(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, draftId: request.params.draftId }),
  );

  app.put(
    '/meetings/:id/tally-drafts/:draftId',
    {
      config: { access: meetingAccess },
      schema: {
        operationId: 'saveTallyDraft',
        summary: '暂停（保留录入）：在服务器上保存已录入的数字',
        tags: ['tally'],
        params: DraftParams,
        body: z.object({ figures: DraftFigures }),
        response: { 200: DraftView, ...errorResponses },
      },
    },
    async (request) =>
      saveDraft(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, draftId: request.params.draftId, figures: request.body.figures }),
  );

  app.delete(
    '/meetings/:id/tally-drafts/:draftId',
    {
      config: { access: meetingAccess },
      schema: {
        operationId: 'deleteTallyDraft',
        summary: '删除录入（释放计票单；总监票人也可释放他人占用的计票单）',
        tags: ['tally'],
        params: DraftParams,
        response: { 200: z.object({ id: z.uuid(), deleted: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => deleteDraft(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, draftId: request.params.draftId }),
  );

  app.post(
    '/meetings/:id/tally-drafts/:draftId/validate',
    {
      config: { access: meetingAccess },
      schema: {
        operationId: 'validateTallyDraft',
        summary: '边录入边核算：返回错误和警告及其对应的字段',
        tags: ['tally'],
        params: DraftParams,
        body: z.object({ figures: DraftFigures }),
        response: { 200: Validation, ...errorResponses },
      },
    },
    async (request) =>
      validateDraft(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, draftId: request.params.draftId, figures: request.body.figures }),
  );

  app.post(
    '/meetings/:id/tally-drafts/:draftId/submit',
    {
      config: { access: meetingAccess },
      schema: {
        operationId: 'submitTallyDraft',
        summary: '提交录入（空白字段计为0；警告须已与纸质计票单核对；与总监票人沟通后可带错误提交）',
        tags: ['tally'],
        params: DraftParams,
        body: z.object({ figures: DraftFigures, warningsChecked: z.boolean().optional(), finishWithErrors: z.boolean().optional() }),
        response: {
          201: z
            .object({
              id: z.uuid(),
              contestId: z.uuid(),
              contest: z.string(),
              stage: z.string(),
              box: z.string(),
              sheetVersion: z.number(),
              status: z.enum(['pending', 'confirmed', 'discarded', 'superseded']),
              sheetId: z.string().nullable(),
              state: State,
              stateZh: z.string(),
              messageZh: z.string(),
            }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const entry = await submitDraft(app.deps.db, {
        actor: principalOf(request),
        meetingId: request.params.id,
        draftId: request.params.draftId,
        today: app.deps.today(),
        ...request.body,
      });
      // The typist learns the state, never the other entry's figures (blind second entry).
      const { mismatches: _hidden, meetingId: _m, ...view } = entry;
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/meetings/:id/write-ins/check',
    {
      config: { access: { roles: ['scrutineer', 'committee'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'checkWriteIn',
        summary: '另选他人：核对姓名是否为本社区有选举权的选民（不返回身份证号）',
        tags: ['tally'],
        params: IdParams,
        querystring: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 200: z.object({ name: z.string(), eligible: z.boolean(), messageZh: z.string().optional() }), ...errorResponses },
      },
    },
    async (request) => checkWriteInName(app.deps.db, { meetingId: request.params.id, name: request.query.name }),
  );

  app.get(
    '/meetings/:id/tally-sheets/differences',
    {
      config: { access: { roles: ['scrutineer'], chiefOnly: true, resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'getTallySheetDifferences',
        summary: '总监票人：两次录入中不一致的字段并排对照',
        tags: ['tally'],
        params: IdParams,
        querystring: z.object({ contestId: z.uuid(), box: z.string().trim().min(1).max(100) }),
        response: {
          200: z
            .object({
              contestId: z.string(),
              contest: z.string(),
              stage: z.string(),
              box: z.string(),
              sheetVersion: z.number(),
              state: State,
              entries: z.array(
                z.object({
                  id: z.string(),
                  number: z.number(),
                  enteredBy: z.string().nullable(),
                  errors: z.array(z.object({ rule: z.string(), messageZh: z.string() })),
                }),
              ),
              fields: z.array(z.object({ field: z.string(), labelZh: z.string(), values: z.array(z.number().nullable()) })),
            }),
          ...errorResponses,
        },
      },
    },
    async (request) => sheetDifferences(app.deps.db, { meetingId: request.params.id, ...request.query }),
  );

  app.post(
    '/tally-entries/:id/send-back',
    {
      config: { access: { roles: ['scrutineer'], chiefOnly: true, resource: { kind: 'tally-entry' } } },
      schema: {
        operationId: 'sendBackTallyEntry',
        summary: '总监票人：保留另一份录入，将此录入退回原录入人，仅清空不一致的字段',
        tags: ['tally'],
        params: IdParams,
        body: z.object({ reason: z.string().trim().max(500).optional() }),
        response: {
          200: z.object({ id: z.uuid(), status: z.literal('discarded'), draftId: z.uuid(), cleared: z.array(z.string()) }),
          ...errorResponses,
        },
      },
    },
    async (request) => sendBackEntry(app.deps.db, { actor: principalOf(request), entryId: request.params.id, reason: request.body.reason }),
  );
};
