import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { applicationCreatedSchema, applicationRequestSchema, createApplicationRequestSchema } from '../../../shared/src/contract/application';
import { shanghaiDate } from '../../../shared/src/dates';
import { requireResident } from '../auth/middleware';
import type { AppEnv } from '../platform/context';
import { AppError, validationError } from '../platform/errors';
import { problemResponse } from '../platform/openapi';
import { validationHook } from '../platform/validation';
import { submitApplication } from './service';

const KEY_PATTERN = /^[\w.:-]{8,128}$/;

/** Reads and checks the Idempotency-Key header. */
export function idempotencyKeyOf(header: string | undefined): string {
  if (!header) throw new AppError('IDEMPOTENCY_KEY_REQUIRED', '请求缺少 Idempotency-Key', [{ path: 'Idempotency-Key', message: '必须提供' }]);
  if (!KEY_PATTERN.test(header))
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 格式不正确', [{ path: 'Idempotency-Key', message: '应为8到128位字母、数字或 ._:- 符号' }]);
  return header;
}

const submitRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['applications'],
  summary: 'Apply for temporary assistance (临时救助); safe to retry with the same Idempotency-Key',
  security: [{ bearer: [] }],
  request: {
    headers: z.object({ 'idempotency-key': z.string().optional().openapi({ description: 'Required: a client-made unique string kept with the draft' }) }),
    body: { required: true, content: { 'application/json': { schema: applicationRequestSchema } } },
  },
  responses: {
    201: { description: 'The case was filed (or this is a replay of the same request)', content: { 'application/json': { schema: applicationCreatedSchema } } },
    400: problemResponse('Idempotency-Key missing, or a body that is not JSON'),
    401: problemResponse('No resident token'),
    422: problemResponse('A field is wrong (named in errors), or the key was used for another body'),
  },
});

/** `/api/v1/applications`: residents apply from the mini-program. */
export const applicationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
applicationRoutes.use('/', requireResident);
applicationRoutes.openapi(submitRoute, async (c) => {
  const services = c.get('services');
  const key = idempotencyKeyOf(c.req.header('idempotency-key'));
  // Validated again with today's date, so that future dates are refused.
  const parsed = createApplicationRequestSchema({ today: shanghaiDate(services.clock()) }).safeParse(c.req.valid('json'));
  if (!parsed.success) throw validationError(parsed.error);
  const result = await submitApplication(services, { kind: 'resident', residentId: c.get('residentId') }, key, parsed.data);
  return c.json(result.body, 201);
});
