/**
 * `GET /backup`: the administrator downloads a backup of the whole database while the service runs (PGlite's data
 * directory or pg_dump's custom format). Audited: who took a copy of every voter's identity number, and when.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../db/audit.js';
import { liveBackup } from '../../db/backup.js';
import { principalOf } from '../guard.js';
import { errorResponses } from '../schemas.js';

export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/backup',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'downloadBackup',
        summary: '下载数据库备份（服务运行中）',
        description: '嵌入式数据库为数据目录的 gzip 归档，PostgreSQL 为 pg_dump 自定义格式；用 `npm run restore -- <文件>` 恢复。',
        tags: ['system'],
        response: { 200: z.any().meta({ description: '备份文件' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { database, config } = app.deps;
      const backup = await liveBackup(database, config.databaseUrl);
      await appendAudit(app.deps.db, { actor: principalOf(request), action: 'backup', entity: 'database', after: { file: backup.fileName, kind: database.kind } });
      return reply.type(backup.contentType).header('content-disposition', `attachment; filename="${backup.fileName}"`).header('cache-control', 'no-store').send(backup.stream);
    },
  );
};
