import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyAudit } from '../../db/audit.js';
import { listAudit } from '../../services/lists.js';
import { errorResponses, JsonValue, PageQuery, pageOf } from '../schemas.js';

const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  role: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: JsonValue.nullable(),
  after: JsonValue.nullable(),
  prevHash: z.string(),
  hash: z.string(),
}).meta({ id: 'AuditEntry' });

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit/verify',
    {
      config: { access: { roles: ['admin', 'bureau', 'street'] } },
      schema: {
        operationId: 'verifyAudit',
        summary: '校验审计日志链',
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
        operationId: 'listAudit',
        summary: '审计日志',
        tags: ['audit'],
        querystring: PageQuery.extend({
          entity: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          pageSize: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: pageOf(AuditEntry, 'AuditPage'), ...errorResponses },
      },
    },
    async (request) => listAudit(app.deps.db, request.query),
  );
};
