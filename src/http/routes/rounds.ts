import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeRoundPhase, createRound, getRound, listProfiles } from '../../services/rounds.js';
import { ProfileSchema } from '../../domain/profile.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams, pageOf, PageQuery, PlaceName, SearchQuery } from '../schemas.js';
import { listRounds } from '../../services/lists.js';
import { ROLES } from '../auth.js';

/**
 * A rule profile as stored in a round's snapshot. Documented with the domain's schema; passed through as stored (a
 * snapshot taken under an older profile schema is still served, never refused by the serializer).
 */
const { $schema: _schema, ...PROFILE_JSON } = z.toJSONSchema(ProfileSchema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' });
const ProfileView = z.unknown().meta({ ...PROFILE_JSON, id: 'Profile', description: '选举规则配置（预设或自定义）' } as Record<string, unknown>);

const PhaseBody = z.object({ name: z.string().trim().min(1).max(40), from: CalendarDate, to: CalendarDate });

/** A parameter's value: a number or yes/no, or the JSON text of a composite one (a fraction, a list). */
const ParameterValue = z.union([z.number(), z.boolean(), z.string(), z.null()]);

export const RoundView = z.object({
  id: z.uuid(),
  districtId: z.uuid(),
  streetId: z.uuid(),
  name: z.string(),
  term: z.number(),
  profileName: z.string(),
  profile: ProfileView,
  /** Each parameter set differently from the preset, with the reason given (调整的规则参数及理由). */
  profileChanges: z.array(z.object({ parameter: z.string(), labelZh: z.string(), from: ParameterValue, to: ParameterValue, reason: z.string() }).meta({ id: 'ProfileChange' })),
  phases: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() }).meta({ id: 'Phase' })),
}).meta({ id: 'Round' });
const RoundListItem = RoundView.extend({ streetName: z.string(), districtName: z.string() }).meta({ id: 'RoundListItem' });

export const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/profiles',
    {
      config: { access: { roles: ['admin', 'street', 'committee', 'bureau', 'scrutineer'] } },
      schema: {
        operationId: 'listProfiles',
        summary: '选举规则预设',
        tags: ['rounds'],
        response: { 200: z.object({ profiles: z.record(z.string(), ProfileView) }).meta({ id: 'Profiles' }), ...errorResponses },
      },
    },
    async () => listProfiles(),
  );

  app.post(
    '/rounds',
    {
      config: { access: { roles: ['street', 'admin'], resource: { kind: 'street', body: 'streetId' } } },
      schema: {
        operationId: 'createRound',
        summary: '新建换届选举轮次',
        tags: ['rounds'],
        body: z.object({
          name: PlaceName('换届名称'),
          streetId: z.uuid(),
          /** A preset name, a full profile, or `{ base: preset, ...overrides }`; validated by the domain's schema. */
          profile: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).default('lanzhou-2010'),
          /** The reason for each parameter set differently from the preset, by parameter name (required, in Chinese). */
          profileReasons: z.record(z.string(), z.string().max(500)).optional().meta({ description: '与基础配置不同的每个参数的调整理由' }),
          phases: z.array(PhaseBody).min(1).max(10),
          /** The term key (year); the year of the election phase by default. */
          term: z.number().int().min(2000).max(2100).optional(),
        }),
        response: { 201: RoundView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRound(app.deps.db, { actor: principalOf(request), ...request.body })),
  );

  app.get(
    '/rounds/:id',
    {
      config: { access: { roles: ['street', 'admin', 'bureau'], resource: { kind: 'round' } } },
      schema: { operationId: 'getRound', summary: '换届选举轮次详情', tags: ['rounds'], params: IdParams, response: { 200: RoundView, ...errorResponses } },
    },
    async (request) => getRound(app.deps.db, request.params.id),
  );

  app.get(
    '/rounds',
    {
      // The rounds the caller may see: the admin all, the bureau its district's, the street its own, a committee or
      // scrutineer the round of its community.
      config: { access: { roles: [...ROLES] } },
      schema: {
        operationId: 'listRounds',
        summary: '换届选举轮次列表',
        tags: ['rounds'],
        querystring: PageQuery.extend({ streetId: z.uuid().optional(), ...SearchQuery.shape }),
        response: { 200: pageOf(RoundListItem, 'RoundPage'), ...errorResponses },
      },
    },
    async (request) => listRounds(app.deps.db, { principal: principalOf(request), ...request.query }),
  );

  app.patch(
    '/rounds/:id/phases/:phase',
    {
      // The street's steering group (街道换届工作领导小组) or the admin.
      config: { access: { roles: ['street', 'admin'], resource: { kind: 'round' } } },
      schema: {
        operationId: 'changeRoundPhase',
        summary: '延长或调整工作阶段（须说明理由，记入审计日志）',
        tags: ['rounds'],
        params: IdParams.extend({ phase: z.string().trim().min(1).max(20).describe('工作阶段：宣传发动、选举实施、总结验收（或 mobilisation、election、wrap-up）') }),
        body: z.object({ from: CalendarDate.optional(), to: CalendarDate.optional(), reason: z.string().trim().min(2).max(500) }).strict(),
        response: { 200: RoundView, ...errorResponses },
      },
    },
    async (request) =>
      changeRoundPhase(app.deps.db, { actor: principalOf(request), roundId: request.params.id, phase: request.params.phase, ...request.body }),
  );
};
