import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { errorStatus, errorTitle, type ErrorCode, type FieldError, type Problem } from '../../../shared/src/errors';

/** A business or input failure with a stable code; `app.onError` turns it into RFC 9457. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
  get status() {
    return errorStatus[this.code];
  }
}

/** Turns zod issues into field errors with dotted paths (members.0.age). */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** The 422 for zod failures, naming each field in `detail` too. */
export function validationError(error: ZodError): AppError {
  const errors = fieldErrors(error);
  const fields = [...new Set(errors.map((e) => e.path))].slice(0, 5).join('、');
  return new AppError('VALIDATION_FAILED', `请检查：${fields}`, errors);
}

/** Builds the problem-details body for a code. */
export function problemBody(code: ErrorCode, requestId: string | undefined, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: `https://e-rescue.example/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: errorTitle[code],
    status: errorStatus[code],
    ...(detail ? { detail } : {}),
    code,
    ...(requestId ? { requestId } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/** Sends a problem response. */
export function problem(c: Context, code: ErrorCode, detail?: string, errors?: FieldError[], headers?: Record<string, string>) {
  const body = problemBody(code, c.get('requestId') as string | undefined, detail, errors);
  return c.newResponse(JSON.stringify(body), errorStatus[code] as never, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...headers,
  });
}

const httpStatusCode: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'NOT_READY',
};

/** SQLSTATEs of data the database refuses: bad characters, out-of-range numbers, bad text for a type. */
const BAD_INPUT_SQLSTATES = new Set(['22021', '22P05', '22003', '22P02', '22007', '22008', '54000']);

/** Maps any thrown value to a code; unknown errors are INTERNAL (and logged by the caller). */
export function classify(err: unknown): { code: ErrorCode; detail?: string; errors?: FieldError[]; headers?: Record<string, string>; internal: boolean } {
  if (err instanceof AppError) return { code: err.code, detail: err.detail, errors: err.errors, headers: err.headers, internal: false };
  if (err instanceof HTTPException) {
    const code = httpStatusCode[err.status] ?? (err.status >= 500 ? 'INTERNAL' : 'MALFORMED_REQUEST');
    const detail = err.status === 400 ? '请求内容不是有效的 JSON' : undefined;
    return { code, ...(detail ? { detail } : {}), internal: err.status >= 500 };
  }
  if (err instanceof SyntaxError) return { code: 'MALFORMED_REQUEST', detail: '请求内容不是有效的 JSON', internal: false };
  // Input the database cannot hold (a NUL character, a number out of range) is the caller's
  // mistake, not ours: answer 400 rather than 500. Validation should have caught it first.
  const sqlState = (err as { code?: unknown }).code;
  if (typeof sqlState === 'string' && BAD_INPUT_SQLSTATES.has(sqlState))
    return { code: 'MALFORMED_REQUEST', detail: '请求中含有无法处理的字符或数值', internal: false };
  return { code: 'INTERNAL', internal: true };
}
