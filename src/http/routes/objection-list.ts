/**
 * GET /communities/:id/objections: the objections (申诉) a committee recorded, newest first, and the voter list's
 * latest publication, for the front end's objections screen (issue 15). Read-only; who may read it as for the
 * community's other registers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listObjections } from '../../services/objections.js';
import { errorResponses, IdParams } from '../schemas.js';
import { ObjectionView } from './objections.js';


export const objectionListRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/communities/:id/objections',
    {
      config: { access: { roles: ['admin', 'street', 'committee', 'bureau'], resource: { kind: 'community' } } },
      schema: {
        tags: ['voters'],
        summary: '选民名单异议列表',
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(ObjectionView),
            voterList: z.object({ publishedOn: z.string(), noticeNo: z.number() }).nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => listObjections(app.deps.db, request.params.id),
  );
};
