import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { parameterRecordSchema } from '../../../shared/src/policy/params';
import type { AppEnv } from '../platform/context';
import { AppError } from '../platform/errors';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { regionPolicy } from './service';

const regionSchema = z
  .object({ code: z.string(), name: z.string(), level: z.enum(['province', 'city', 'county', 'township']), parentCode: z.string().nullable(), hotline: z.string().nullable() })
  .openapi('Region');

const listRoute = createRoute({
  method: 'get', path: '/', tags: ['regions'], summary: 'Every region, for pickers',
  responses: { 200: { description: 'Regions', content: { 'application/json': { schema: z.object({ items: z.array(regionSchema) }) } } } },
});
const policyRoute = createRoute({
  method: 'get', path: '/{code}/policy', tags: ['regions'], summary: 'A region, its ancestors and all their dated parameter records (for the offline check)',
  request: { params: z.object({ code: z.string().regex(/^\d{6}(\d{3})?$/, '地区代码应为6位或9位数字').openapi({ param: { name: 'code', in: 'path' } }) }) },
  responses: {
    200: {
      description: 'Policy data',
      content: {
        'application/json': {
          schema: z.object({
            regionCode: z.string(), chain: z.array(z.string()), hotline: z.string().nullable(),
            regions: z.array(z.object({ code: z.string(), parent: z.string().nullable() })), records: z.array(parameterRecordSchema),
          }),
        },
      },
    },
    404: problemResponse('Unknown region'),
  },
});

/** `/api/v1/regions`: public reference data, cacheable. */
export const regionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => {
    const items = await c.get('services').regions.all();
    c.header('cache-control', 'public, max-age=300');
    return c.json({ items }, 200);
  })
  .openapi(policyRoute, async (c) => {
    const policy = await regionPolicy(c.get('services').regions, c.req.valid('param').code);
    if (!policy) throw new AppError('NOT_FOUND', '没有找到这个地区');
    c.header('cache-control', 'public, max-age=300');
    return c.json(policy, 200);
  });
