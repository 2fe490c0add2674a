import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createRound, getRound, listProfiles } from '../../services/rounds.js';
import { principalOf } from '../guard.js';
import { CalendarDate, errorResponses, IdParams } from '../schemas.js';

const PhaseBody = z.object({ name: z.string().trim().min(1).max(40), from: CalendarDate, to: CalendarDate });

export const RoundView = z.object({
  id: z.uuid(),
  districtId: z.uuid(),
  streetId: z.uuid(),
  name: z.string(),
  term: z.number(),
  profileName: z.string(),
  profile: z.record(z.string(), z.unknown()),
  phases: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
});

export const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/profiles',
    {
      config: { access: { roles: ['admin', 'street', 'committee', 'bureau', 'scrutineer'] } },
      schema: {
        tags: ['rounds'],
        response: { 200: z.object({ profiles: z.record(z.string(), z.record(z.string(), z.unknown())) }), ...errorResponses },
      },
    },
    async () => listProfiles() as unknown as { profiles: Record<string, Record<string, unknown>> },
  );

  app.post(
    '/rounds',
    {
      config: { access: { roles: ['street', 'admin'], resource: { kind: 'street', body: 'streetId' } } },
      schema: {
        tags: ['rounds'],
        body: z.object({
          name: z.string().trim().min(1).max(100),
          streetId: z.uuid(),
          /** A preset name, a full profile, or `{ base: preset, ...overrides }`; validated by the domain's schema. */
          profile: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).default('lanzhou-2010'),
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
      schema: { tags: ['rounds'], params: IdParams, response: { 200: RoundView, ...errorResponses } },
    },
    async (request) => getRound(app.deps.db, request.params.id),
  );
};
