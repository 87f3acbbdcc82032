import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { eligibilityRequestSchema, eligibilityResponseSchema } from '../../../shared/src/contract/eligibility';
import type { AppEnv } from '../platform/context';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { checkHousehold } from './service';

const checkRoute = createRoute({
  method: 'post',
  path: '/check',
  tags: ['eligibility'],
  summary: 'Self-check a household against 低保, 特困, 低收入 and 临时救助 (RULES.md)',
  request: { body: { required: true, content: { 'application/json': { schema: eligibilityRequestSchema } } } },
  responses: {
    200: { description: 'A decision per program', content: { 'application/json': { schema: eligibilityResponseSchema } } },
    422: problemResponse('Bad input (field named), unknown region, or no parameters in force'),
  },
});

/** `/api/v1/eligibility`: no login needed. */
export const eligibilityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(checkRoute, async (c) => {
  const result = await checkHousehold(c.get('services'), c.req.valid('json'));
  return c.json(result, 200);
});
