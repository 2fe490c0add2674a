import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rulesOfProfile } from '../../services/rules.js';
import { errorResponses } from '../schemas.js';

const RuleListing = z.object({
  code: z.string(),
  chapter: z.string(),
  kind: z.enum(['rule', 'figure', 'info']),
  title: z.string(),
  titleZh: z.string(),
  source: z.string(),
  severity: z.enum(['hard', 'soft', 'off']),
  appliesWhenZh: z.string(),
  caseSeverities: z.record(z.string(), z.enum(['hard', 'soft', 'off'])),
});

const ParameterSource = z.object({
  parameter: z.string(),
  labelZh: z.string(),
  /** The preset's value as JSON text (a number, a fraction, a list, …). */
  value: z.string(),
  source: z.string(),
  inherited: z.boolean(),
});

export const ruleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/rules',
    {
      config: { access: { roles: ['admin', 'street', 'committee', 'scrutineer', 'bureau'] } },
      schema: {
        tags: ['rounds'],
        operationId: 'listRules',
        summary: '规则清单：某一规则配置下每条规则的编号、名称、依据与严重程度，及每个参数的出处',
        querystring: z.object({ profile: z.enum(['lanzhou-2010', 'yiwu-2007']).default('lanzhou-2010') }),
        response: { 200: z.object({ profile: z.string(), rules: z.array(RuleListing), parameters: z.array(ParameterSource) }), ...errorResponses },
      },
    },
    async (request) => rulesOfProfile(request.query.profile),
  );
};
