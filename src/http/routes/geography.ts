import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createDistrict, createStreet } from '../../services/geography.js';
import { principalOf } from '../guard.js';
import { errorResponses, pageOf, PageQuery, PlaceName, SearchQuery } from '../schemas.js';
import { listDistricts, listStreets } from '../../services/lists.js';
import { ROLES } from '../auth.js';

const Code = z.string().min(1).max(32).regex(/^[\w-]+$/);
const Name = PlaceName('名称');
const District = z.object({ id: z.uuid(), name: z.string(), code: z.string() }).meta({ id: 'District' });
const Street = z.object({ id: z.uuid(), districtId: z.uuid(), name: z.string(), code: z.string() }).meta({ id: 'Street' });
const StreetListItem = Street.extend({ districtName: z.string() }).meta({ id: 'StreetListItem' });

export const geographyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/districts',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'createDistrict',
        summary: '新建区',
        tags: ['geography'],
        body: z.object({ name: Name, code: Code }),
        response: { 201: District, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDistrict(app.deps.db, { actor: principalOf(request), ...request.body })),
  );

  app.post(
    '/streets',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'createStreet',
        summary: '新建街道',
        tags: ['geography'],
        body: z.object({ districtId: z.uuid(), name: Name, code: Code }),
        response: { 201: Street, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createStreet(app.deps.db, { actor: principalOf(request), ...request.body })),
  );

  app.get(
    '/districts',
    {
      // Everyone sees the district it works in; the admin sees all.
      config: { access: { roles: [...ROLES] } },
      schema: {
        operationId: 'listDistricts',
        summary: '区列表',
        tags: ['geography'],
        querystring: PageQuery.extend(SearchQuery.shape),
        response: { 200: pageOf(District, 'DistrictPage'), ...errorResponses },
      },
    },
    async (request) => listDistricts(app.deps.db, { principal: principalOf(request), ...request.query }),
  );

  app.get(
    '/streets',
    {
      config: { access: { roles: [...ROLES] } },
      schema: {
        operationId: 'listStreets',
        summary: '街道列表',
        tags: ['geography'],
        querystring: PageQuery.extend({ districtId: z.uuid().optional(), ...SearchQuery.shape }),
        response: { 200: pageOf(StreetListItem, 'StreetPage'), ...errorResponses },
      },
    },
    async (request) => listStreets(app.deps.db, { principal: principalOf(request), ...request.query }),
  );
};
