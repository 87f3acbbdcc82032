/**
 * THE HTTP layer: the only module that calls wx.request and wx.uploadFile.
 *
 * - base URL per environment (config.ts);
 * - a bearer token from wx.login → POST /api/v1/auth/wechat, kept in storage; in `develop`
 *   (DevTools with a tourist AppID, where wx.login codes are useless) a stable `dev:<id>` code;
 *   one fresh login and replay when the server answers 401;
 * - a timeout on every call (our own timer, which also aborts the task);
 * - retries with exponential backoff and jitter, only for idempotent calls: GET, and POST with
 *   an Idempotency-Key (the application). Never for any other POST;
 * - failures as ApiError with a stable code and Chinese text (errors.ts).
 */
import { baseUrl, envVersion } from './config';
import { ApiError, asApiError, errorFromResponse } from './errors';
import { KEYS, load, remove, save } from './storage';

export type Method = 'GET' | 'POST';
/** `required`: log in first; `optional`: send a token when there is one (chat); `none`. */
export type AuthMode = 'none' | 'optional' | 'required';

export interface RequestOptions {
  method?: Method;
  /** Path from the API root, e.g. `/api/v1/cases`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  data?: unknown;
  auth?: AuthMode;
  /** Makes a POST safe to repeat; the server answers a repeat with the first result. */
  idempotencyKey?: string;
  timeoutMs?: number;
}

export interface UploadOptions {
  path: string;
  filePath: string;
  /** The multipart field name; the API expects `file`. */
  name?: string;
  formData?: Record<string, string>;
  onProgress?: (percent: number) => void;
  timeoutMs?: number;
}

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort(): void;
}

interface StoredToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
}

/** Timings and attempts; tests may shorten them through configureHttp. */
export const httpSettings = {
  timeoutMs: 10_000,
  uploadTimeoutMs: 120_000,
  /** First try plus two retries. */
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  /** Renew the token this long before it expires. */
  tokenSlackMs: 60_000,
  now: (): number => Date.now(),
  random: (): number => Math.random(),
};

/** Overrides timings, attempts, the clock or the random source (tests). */
export function configureHttp(overrides: Partial<typeof httpSettings>): void {
  Object.assign(httpSettings, overrides);
}

function urlOf(path: string, query?: RequestOptions['query']): string {
  const parts = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${baseUrl()}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function failureCode(errMsg: string | undefined): 'TIMEOUT' | 'ABORTED' | 'NETWORK' {
  if (/timeout|timed out/i.test(errMsg ?? '')) return 'TIMEOUT';
  if (/abort/i.test(errMsg ?? '')) return 'ABORTED';
  return 'NETWORK';
}

/** One wx.request, bounded by our own timer (which aborts the task when it fires). */
function sendOnce(url: string, method: Method, data: unknown, header: Record<string, string>, timeoutMs: number): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      fn();
    };
    const task = wx.request({
      url,
      method,
      header,
      ...(data === undefined ? {} : { data: data as WechatMiniprogram.IAnyObject }),
      dataType: 'json',
      // Our timer decides; WeChat's own timeout is only a backstop.
      timeout: timeoutMs + 5_000,
      success: (res) => finish(() => resolve({ statusCode: res.statusCode, data: parseBody(res.data), header: (res.header ?? {}) as Record<string, string> })),
      fail: (err) => finish(() => reject(new ApiError(failureCode(err?.errMsg), 0))),
    });
    if (settled) return; // answered synchronously (fakes do)
    timer = setTimeout(
      () =>
        finish(() => {
          task?.abort?.();
          reject(new ApiError('TIMEOUT', 0));
        }),
      timeoutMs,
    );
  });
}

// ---------------------------------------------------------------- login

let loginInFlight: Promise<string> | null = null;

/** A random name for `dev:<name>` logins, kept so the same test resident comes back. */
function devLoginId(): string {
  let id = load<string>(KEYS.devLoginId, '');
  if (!/^[\w.-]{1,64}$/.test(id)) {
    id = `mp${httpSettings.now().toString(36)}${Math.floor(httpSettings.random() * 36 ** 6).toString(36)}`;
    save(KEYS.devLoginId, id);
  }
  return id;
}

function wxLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      timeout: httpSettings.timeoutMs,
      success: (res) => (res.code ? resolve(res.code) : reject(new ApiError('WECHAT_LOGIN_FAILED', 0))),
      fail: (err) => reject(new ApiError(/timeout/i.test(err?.errMsg ?? '') ? 'TIMEOUT' : 'WECHAT_LOGIN_FAILED', 0)),
    });
  });
}

async function login(): Promise<string> {
  const code = envVersion() === 'develop' ? `dev:${devLoginId()}` : await wxLoginCode();
  const res = await sendOnce(urlOf('/api/v1/auth/wechat'), 'POST', { code }, { 'content-type': 'application/json' }, httpSettings.timeoutMs);
  if (res.statusCode !== 200) throw errorFromResponse(res.statusCode, res.data, res.header);
  const body = res.data as { token?: unknown; expiresIn?: unknown } | null;
  if (!body || typeof body.token !== 'string' || typeof body.expiresIn !== 'number') throw new ApiError('BAD_RESPONSE', res.statusCode);
  save(KEYS.token, { token: body.token, expiresAt: httpSettings.now() + body.expiresIn * 1000 } satisfies StoredToken);
  return body.token;
}

/** The stored token while it is still good for a minute, else null. */
export function currentToken(): string | null {
  const stored = load<StoredToken | null>(KEYS.token, null);
  return stored && typeof stored.token === 'string' && stored.expiresAt - httpSettings.tokenSlackMs > httpSettings.now() ? stored.token : null;
}

/** A valid token, logging in when needed; concurrent callers share one login. */
export function ensureToken(): Promise<string> {
  const token = currentToken();
  if (token) return Promise.resolve(token);
  loginInFlight ??= login().finally(() => {
    loginInFlight = null;
  });
  return loginInFlight;
}

/** Forgets the token (log out, or the server refused it). */
export function clearToken(): void {
  remove(KEYS.token);
}

// ---------------------------------------------------------------- requests

/** Idempotent calls may be repeated: GET, and POST carrying an Idempotency-Key. */
export function isRetryable(options: Pick<RequestOptions, 'method' | 'idempotencyKey'>): boolean {
  const method = options.method ?? 'GET';
  return method === 'GET' || (method === 'POST' && typeof options.idempotencyKey === 'string' && options.idempotencyKey.length > 0);
}

/** Failures worth another try: the network, a timeout, an overloaded or failing server. */
function transient(err: ApiError): boolean {
  if (err.code === 'NETWORK' || err.code === 'TIMEOUT') return true;
  if (err.code === 'RATE_LIMITED' || err.code === 'IDEMPOTENCY_IN_PROGRESS') return true;
  return err.status >= 500;
}

/** Delay before retry `attempt` (1-based): exponential, half jitter, at least Retry-After. */
export function backoffDelay(attempt: number, err?: ApiError): number {
  const ceiling = Math.min(httpSettings.maxDelayMs, httpSettings.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + (httpSettings.random() * ceiling) / 2);
  const asked = err?.retryAfter !== undefined ? Math.min(err.retryAfter * 1000, 30_000) : 0;
  return Math.max(jittered, asked);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function attempt<T>(options: RequestOptions, method: Method): Promise<T> {
  const header: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') header['content-type'] = 'application/json';
  if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;
  const auth = options.auth ?? 'none';
  const token = auth === 'required' ? await ensureToken() : auth === 'optional' ? currentToken() : null;
  if (token) header.Authorization = `Bearer ${token}`;
  const res = await sendOnce(urlOf(options.path, options.query), method, options.data, header, options.timeoutMs ?? httpSettings.timeoutMs);
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const err = errorFromResponse(res.statusCode, res.data, res.header);
  if (err.status === 401 && token) clearToken();
  throw err;
}

/**
 * Calls the API and resolves with the parsed JSON body of a 2xx answer, or rejects with an
 * ApiError. A 401 on a call that sent a token triggers one fresh login and one replay.
 */
export async function request<T>(options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const attempts = isRetryable(options) ? httpSettings.maxAttempts : 1;
  let replayedAfterLogin = false;
  for (let n = 1; ; n++) {
    try {
      return await attempt<T>(options, method);
    } catch (raw) {
      const err = asApiError(raw);
      if (err.status === 401 && options.auth !== 'none' && !replayedAfterLogin) {
        replayedAfterLogin = true;
        n--; // the replay after a new login is not a retry
        continue;
      }
      if (n >= attempts || !transient(err)) throw err;
      await sleep(backoffDelay(n, err));
    }
  }
}

// ---------------------------------------------------------------- uploads

function uploadOnce<T>(options: UploadOptions, token: string, register: (task: WechatMiniprogram.UploadTask) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      fn();
    };
    const task = wx.uploadFile({
      url: urlOf(options.path),
      filePath: options.filePath,
      name: options.name ?? 'file',
      header: { Authorization: `Bearer ${token}`, accept: 'application/json' },
      ...(options.formData ? { formData: options.formData } : {}),
      timeout: (options.timeoutMs ?? httpSettings.uploadTimeoutMs) + 5_000,
      success: (res) =>
        finish(() => {
          const body = parseBody(res.data);
          if (res.statusCode >= 200 && res.statusCode < 300) resolve(body as T);
          else {
            if (res.statusCode === 401) clearToken();
            reject(errorFromResponse(res.statusCode, body));
          }
        }),
      fail: (err) => finish(() => reject(new ApiError(failureCode(err?.errMsg), 0))),
    });
    register(task);
    task?.onProgressUpdate?.((p) => options.onProgress?.(Math.max(0, Math.min(100, Math.round(p.progress)))));
    if (settled) return;
    timer = setTimeout(
      () =>
        finish(() => {
          task?.abort?.();
          reject(new ApiError('TIMEOUT', 0));
        }),
      options.timeoutMs ?? httpSettings.uploadTimeoutMs,
    );
  });
}

/**
 * Uploads one file as multipart/form-data with progress. Not retried (it creates something on
 * the server); a 401 gets one fresh login and one replay, as for requests.
 */
export function upload<T>(options: UploadOptions): UploadHandle<T> {
  let current: WechatMiniprogram.UploadTask | undefined;
  let aborted = false;
  const promise = (async () => {
    for (let replay = 0; ; replay++) {
      if (aborted) throw new ApiError('ABORTED', 0);
      const token = await ensureToken();
      try {
        return await uploadOnce<T>(options, token, (task) => {
          current = task;
        });
      } catch (raw) {
        const err = asApiError(raw);
        if (err.status === 401 && replay === 0) continue;
        throw err;
      }
    }
  })();
  return {
    promise,
    abort() {
      aborted = true;
      current?.abort();
    },
  };
}
