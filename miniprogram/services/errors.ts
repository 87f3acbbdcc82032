import { errorTitle, type ErrorCode, type FieldError } from '../lib/shared';

/** Failures that never reached the server, in addition to the server's codes. */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'ABORTED' | 'BAD_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

const clientTitle: Record<ClientErrorCode, string> = {
  NETWORK: '网络连接不上，请检查网络后再试',
  TIMEOUT: '网络太慢，等了很久没有回应，请稍后再试',
  ABORTED: '已取消',
  BAD_RESPONSE: '服务器的回答看不懂，请稍后再试',
};

/** Codes by HTTP status, for answers without a problem body (a proxy's 502 page, say). */
const codeByStatus: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  502: 'UPSTREAM_UNAVAILABLE',
  503: 'NOT_READY',
  504: 'UPSTREAM_UNAVAILABLE',
};

/** The Chinese sentence a resident sees for a code; never the server's wording. */
export function titleFor(code: string): string {
  if (code in clientTitle) return clientTitle[code as ClientErrorCode];
  if (code in errorTitle) return errorTitle[code as ErrorCode];
  return errorTitle.INTERNAL;
}

/** A failed call: a stable code, the Chinese title, and field messages keyed by dotted path. */
export class ApiError extends Error {
  readonly title: string;
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    readonly fields: Record<string, string> = {},
    readonly detail?: string,
    readonly requestId?: string,
    /** Seconds the server asked us to wait (Retry-After), if it did. */
    readonly retryAfter?: number,
  ) {
    const title = titleFor(code);
    super(title);
    this.name = 'ApiError';
    this.title = title;
  }

  /** True when the server was never reached or did not answer: worth trying again later. */
  get offline(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }
}

/** Field problems as a map path → first message (`applicant.idNumber` → "…"). */
export function fieldMap(errors: readonly FieldError[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors ?? []) if (e && typeof e.path === 'string' && !(e.path in map)) map[e.path] = String(e.message);
  return map;
}

/** Builds the error for an HTTP answer that was not a success. */
export function errorFromResponse(status: number, body: unknown, headers: Record<string, string> = {}): ApiError {
  const problem = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const code = typeof problem.code === 'string' && problem.code in errorTitle ? (problem.code as ErrorCode) : (codeByStatus[status] ?? 'INTERNAL');
  const retryAfterHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const retryAfter = retryAfterHeader !== undefined && /^\d+$/.test(String(retryAfterHeader)) ? Number(retryAfterHeader) : undefined;
  return new ApiError(
    code,
    status,
    fieldMap(Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : undefined),
    typeof problem.detail === 'string' ? problem.detail : undefined,
    typeof problem.requestId === 'string' ? problem.requestId : undefined,
    retryAfter,
  );
}

/** Any thrown value as an ApiError (a programming error becomes INTERNAL). */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('INTERNAL', 0);
}
