import type { Hook } from '@hono/zod-openapi';
import { validationError } from './errors';

/** The zod-openapi hook: every validation failure becomes a 422 naming the fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook serves every route
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) throw validationError(result.error as never);
};
