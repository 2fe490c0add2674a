import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: {
        operationId: 'getHealth',
        summary: '服务健康检查',
        tags: ['system'],
        security: [],
        response: { 200: z.object({ ok: z.boolean(), db: z.enum(['pglite', 'postgres']) }), 503: z.object({ ok: z.boolean(), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async (_request, reply) => {
      const ok = await app.deps.database.ping();
      return reply.status(ok ? 200 : 503).send({ ok, db: app.deps.database.kind });
    },
  );
};
