import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readAudit, verifyAudit } from '../../db/audit.js';
import { errorResponses } from '../schemas.js';

const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  role: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit/verify',
    {
      config: { access: { roles: ['admin', 'bureau', 'street'] } },
      schema: {
        tags: ['audit'],
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            anchors: z.number(),
            plainEntries: z.number(),
            firstBroken: z.object({ seq: z.number(), reason: z.enum(['hash', 'link', 'anchor', 'switch']) }).optional(),
          }),
          ...errorResponses,
        },
      },
    },
    async () => verifyAudit(app.deps.db),
  );

  app.get(
    '/audit',
    {
      // Audit rows carry no district, so reading them across the board is the system administrator's.
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['audit'],
        querystring: z.object({
          entity: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ items: z.array(AuditEntry) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await readAudit(app.deps.db, request.query);
      return { items: rows.map((row) => ({ ...row, at: row.at.toISOString() })) };
    },
  );
};
