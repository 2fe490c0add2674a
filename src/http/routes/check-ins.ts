import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkIn, listCheckIns } from '../../services/check-ins.js';
import { principalOf } from '../guard.js';
import { errorResponses, IdParams, PageQuery, pageOf } from '../schemas.js';

const CheckedVoter = z.object({ name: z.string(), idNumber: z.string() });
const CheckIn = z
  .object({
    id: z.uuid(),
    voter: CheckedVoter,
    byProxy: z.boolean(),
    checkedInAt: z.string(),
  })
  .meta({ id: 'CheckIn' });

export const checkInRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/meetings/:id/check-ins',
    {
      config: { access: { roles: ['committee'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'checkIn',
        summary: '扫描选民证签到',
        tags: ['meetings'],
        params: IdParams,
        body: z
          .object({
            /** The text of the voter card's QR code, as the scanner types it. */
            token: z.string().trim().min(1).max(200),
            /** The card is brought by the holder of its voter's registered proxy (委托投票). */
            proxy: z.boolean().optional(),
          })
          .meta({ id: 'CheckInRequest' }),
        response: {
          201: CheckIn.extend({ meetingId: z.uuid(), present: z.number(), expected: z.number(), quorate: z.boolean() }).meta({ id: 'CheckInResult' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await checkIn(app.deps.db, { actor: principalOf(request), meetingId: request.params.id, ...request.body })),
  );

  app.get(
    '/meetings/:id/check-ins',
    {
      config: { access: { roles: ['committee', 'street', 'bureau'], resource: { kind: 'meeting' } } },
      schema: {
        operationId: 'listCheckIns',
        summary: '签到记录',
        tags: ['meetings'],
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(CheckIn, 'CheckInPage'), ...errorResponses },
      },
    },
    async (request) => listCheckIns(app.deps.db, { meetingId: request.params.id, ...request.query }),
  );
};
