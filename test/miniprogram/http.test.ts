import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Http from '../../miniprogram/services/http';
import type * as Errors from '../../miniprogram/services/errors';
import type * as Config from '../../miniprogram/services/config';
import { flush, installFakeWx, ok, problem, type FakeWx } from './support/fake-wx';
import { buildOnce, cleanBuild, mp } from './support/mp';

let root: string;
let fake: FakeWx;
let http: typeof Http;
let errors: typeof Errors;

const TOKEN_KEY = 'erescue.auth.token';
const login = (req: { path: string }) => req.path === '/api/v1/auth/wechat';

beforeAll(async () => {
  root = (await buildOnce()).root;
});
afterAll(cleanBuild);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T02:00:00Z') });
  fake = installFakeWx();
  http = mp<typeof Http>(root, 'services/http', true);
  errors = mp<typeof Errors>(root, 'services/errors');
  // Half jitter at its midpoint: retry n waits exactly 0.75 × 2^(n-1) s.
  http.configureHttp({ random: () => 0.5 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A server that logs residents in and answers `route` for everything else. */
function server(route: (req: Parameters<FakeWx['onRequest']>[0]) => ReturnType<FakeWx['onRequest']>) {
  let logins = 0;
  fake.onRequest = (req) => {
    if (login(req)) {
      logins++;
      return ok({ token: `token-${logins}`, expiresIn: 7200 });
    }
    return route(req);
  };
  return { logins: () => logins };
}

const apiRequests = () => fake.requests.filter((r) => !login(r));

describe('base URL per environment', () => {
  it('uses the local server in develop, the HTTPS domains in trial and release', () => {
    const config = mp<typeof Config>(root, 'services/config');
    fake.envVersion = 'develop';
    expect(config.baseUrl()).toBe('http://127.0.0.1:3000');
    fake.envVersion = 'trial';
    expect(config.baseUrl()).toMatch(/^https:\/\//);
    fake.envVersion = 'release';
    expect(config.baseUrl()).toMatch(/^https:\/\//);
    expect(config.baseUrl()).not.toBe(config.BASE_URLS.trial);
  });

  it('lets a developer point a phone at a LAN address in develop only', () => {
    const config = mp<typeof Config>(root, 'services/config');
    fake.storage.set('erescue.dev.baseUrl', 'http://192.168.1.8:3000');
    expect(config.baseUrl()).toBe('http://192.168.1.8:3000');
    fake.envVersion = 'release';
    expect(config.baseUrl()).toBe(config.BASE_URLS.release);
  });

  it('sends requests to the base URL with the query encoded', async () => {
    fake.onRequest = () => ok({ items: [] });
    await http.request({ path: '/api/v1/chat/sessions/s1/messages', query: { after: 'a b', skip: undefined } });
    expect(fake.requests[0]!.url).toBe('http://127.0.0.1:3000/api/v1/chat/sessions/s1/messages?after=a%20b');
  });
});

describe('retries with backoff', () => {
  it('retries a GET after a network failure, waiting 0.75 s then 1.5 s', async () => {
    let n = 0;
    fake.onRequest = () => (n++ < 2 ? { fail: 'request:fail net::ERR_INTERNET_DISCONNECTED' } : ok({ items: ['x'] }));
    const result = http.request<{ items: string[] }>({ path: '/api/v1/regions' });
    await flush();
    expect(fake.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(749);
    expect(fake.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1499);
    expect(fake.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests).toHaveLength(3);
    await expect(result).resolves.toEqual({ items: ['x'] });
  });

  it('gives up after three attempts with NETWORK and a Chinese message', async () => {
    fake.onRequest = () => ({ fail: 'request:fail' });
    const result = http.request({ path: '/api/v1/regions' }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const err = (await result) as InstanceType<typeof Errors.ApiError>;
    expect(fake.requests).toHaveLength(3);
    expect(err).toBeInstanceOf(errors.ApiError);
    expect(err.code).toBe('NETWORK');
    expect(err.offline).toBe(true);
    expect(err.title).toBe('网络连接不上，请检查网络后再试');
  });

  it('retries a GET answered 503, but not one answered 404', async () => {
    let n = 0;
    fake.onRequest = (req) => (req.path === '/api/v1/regions' ? (n++ === 0 ? problem(503, 'NOT_READY') : ok({ items: [] })) : problem(404, 'CASE_NOT_FOUND'));
    const a = http.request({ path: '/api/v1/regions' });
    await vi.runAllTimersAsync();
    await expect(a).resolves.toEqual({ items: [] });
    const b = http.request({ path: '/api/v1/regions/999999/policy' }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(((await b) as Errors.ApiError).code).toBe('CASE_NOT_FOUND');
    expect(fake.requests.filter((r) => r.path.endsWith('/policy'))).toHaveLength(1);
  });

  it('never retries a POST without an Idempotency-Key, whatever the failure', async () => {
    fake.onRequest = () => ({ fail: 'request:fail' });
    const chat = http.request({ method: 'POST', path: '/api/v1/chat/messages', data: { text: '你好' } }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(((await chat) as Errors.ApiError).code).toBe('NETWORK');
    fake.onRequest = () => problem(503, 'NOT_READY');
    const check = http.request({ method: 'POST', path: '/api/v1/eligibility/check', data: {} }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(((await check) as Errors.ApiError).code).toBe('NOT_READY');
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a POST that carries an Idempotency-Key, sending the same key every time', async () => {
    const s = server((req) => (apiRequests().length < 3 ? { fail: 'request:fail' } : ok({ trackingNo: 'T1' }, 201)));
    const result = http.request({ method: 'POST', path: '/api/v1/applications', data: { a: 1 }, auth: 'required', idempotencyKey: 'mp-key-12345678' });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toEqual({ trackingNo: 'T1' });
    const sent = apiRequests();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.header['Idempotency-Key']))).toEqual(new Set(['mp-key-12345678']));
    expect(sent.every((r) => r.header.Authorization === 'Bearer token-1')).toBe(true);
    expect(s.logins()).toBe(1);
  });

  it('waits at least what Retry-After asks on 429', async () => {
    let n = 0;
    fake.onRequest = () => (n++ === 0 ? problem(429, 'RATE_LIMITED', {}, { 'Retry-After': '5' }) : ok({ items: [] }));
    const result = http.request({ path: '/api/v1/regions' });
    await flush();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(fake.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests).toHaveLength(2);
    await expect(result).resolves.toEqual({ items: [] });
  });

  it('computes exponential delays capped at 8 s, with jitter between half and all of it', () => {
    http.configureHttp({ random: () => 0 });
    expect([1, 2, 3, 4, 5, 6].map((n) => http.backoffDelay(n))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    http.configureHttp({ random: () => 0.999999 });
    expect(http.backoffDelay(4)).toBe(8000);
    expect(http.backoffDelay(9)).toBe(8000);
  });

  it('treats only GET and keyed POSTs as retryable', () => {
    expect(http.isRetryable({})).toBe(true);
    expect(http.isRetryable({ method: 'POST' })).toBe(false);
    expect(http.isRetryable({ method: 'POST', idempotencyKey: '' })).toBe(false);
    expect(http.isRetryable({ method: 'POST', idempotencyKey: 'mp-abc-12345' })).toBe(true);
  });
});

describe('timeouts', () => {
  it('aborts a request that does not answer in time and retries a GET', async () => {
    let n = 0;
    fake.onRequest = () => (n++ === 0 ? 'hang' : ok({ items: [] }));
    const result = http.request({ path: '/api/v1/regions', timeoutMs: 3_000 });
    await flush();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(fake.requests[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests[0]!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(750);
    await expect(result).resolves.toEqual({ items: [] });
    expect(fake.requests).toHaveLength(2);
  });

  it('reports TIMEOUT for a POST without retrying it', async () => {
    fake.onRequest = () => 'hang';
    const result = http.request({ method: 'POST', path: '/api/v1/chat/messages', data: {}, timeoutMs: 1_000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const err = (await result) as Errors.ApiError;
    expect(err.code).toBe('TIMEOUT');
    expect(err.title).toContain('网络太慢');
    await vi.runAllTimersAsync();
    expect(fake.requests).toHaveLength(1);
  });

  it('counts WeChat’s own "timeout" failure as TIMEOUT', async () => {
    fake.onRequest = () => ({ fail: 'request:fail timeout' });
    const result = http.request({ method: 'POST', path: '/api/v1/chat/messages', data: {} }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(((await result) as Errors.ApiError).code).toBe('TIMEOUT');
  });
});

describe('login and the bearer token', () => {
  it('logs in with a stable dev:<id> code in develop, once for concurrent calls', async () => {
    const s = server(() => ok({ items: [] }));
    await Promise.all([http.request({ path: '/api/v1/cases', auth: 'required' }), http.request({ path: '/api/v1/cases', auth: 'required' })]);
    expect(s.logins()).toBe(1);
    const code = (fake.requests.find(login)!.data as { code: string }).code;
    expect(code).toMatch(/^dev:[\w.-]{1,64}$/);
    expect(fake.loginCodes).toBe(0); // wx.login is useless with a tourist AppID
    // A later login (token gone) reuses the same test resident.
    fake.storage.delete(TOKEN_KEY);
    await http.request({ path: '/api/v1/cases', auth: 'required' });
    expect((fake.requests.filter(login)[1]!.data as { code: string }).code).toBe(code);
  });

  it('uses the wx.login code outside develop', async () => {
    fake.envVersion = 'release';
    server(() => ok({ items: [] }));
    await http.request({ path: '/api/v1/cases', auth: 'required' });
    expect(fake.loginCodes).toBe(1);
    expect(fake.requests.find(login)!.data).toEqual({ code: 'wxcode-1' });
  });

  it('keeps the token until a minute before it expires', async () => {
    const s = server(() => ok({ items: [] }));
    await http.request({ path: '/api/v1/cases', auth: 'required' });
    vi.setSystemTime(Date.now() + 7_200_000 - 61_000);
    await http.request({ path: '/api/v1/cases', auth: 'required' });
    expect(s.logins()).toBe(1);
    vi.setSystemTime(Date.now() + 2_000);
    await http.request({ path: '/api/v1/cases', auth: 'required' });
    expect(s.logins()).toBe(2);
  });

  it('logs in again once and replays the call when the server answers 401', async () => {
    const s = server((req) => (req.header.Authorization === 'Bearer token-1' ? problem(401, 'UNAUTHENTICATED') : ok({ items: [1] })));
    await expect(http.request({ path: '/api/v1/cases', auth: 'required' })).resolves.toEqual({ items: [1] });
    expect(s.logins()).toBe(2);
    expect(apiRequests().map((r) => r.header.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after one fresh login when the server keeps answering 401', async () => {
    const s = server(() => problem(401, 'UNAUTHENTICATED'));
    const result = http.request({ path: '/api/v1/cases', auth: 'required' }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const err = (await result) as Errors.ApiError;
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(err.title).toBe('请先登录');
    expect(s.logins()).toBe(2);
    expect(apiRequests()).toHaveLength(2);
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);
  });

  it('sends a token with optional auth only when it has one, and never logs in for it', async () => {
    const s = server(() => ok({ sessionId: 's' }));
    await http.request({ method: 'POST', path: '/api/v1/chat/messages', data: {}, auth: 'optional' });
    expect(apiRequests()[0]!.header.Authorization).toBeUndefined();
    expect(s.logins()).toBe(0);
    await http.ensureToken();
    await http.request({ method: 'POST', path: '/api/v1/chat/messages', data: {}, auth: 'optional' });
    expect(apiRequests()[1]!.header.Authorization).toBe('Bearer token-1');
  });

  it('maps a refused login to WECHAT_LOGIN_FAILED', async () => {
    fake.onRequest = () => problem(401, 'WECHAT_LOGIN_FAILED');
    const result = http.request({ path: '/api/v1/cases', auth: 'required' }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(((await result) as Errors.ApiError).title).toBe('微信登录失败，请重试');
  });
});

describe('errors in Chinese, by code', () => {
  it('turns a 422 problem into its title and per-field messages', async () => {
    fake.onRequest = () =>
      problem(422, 'VALIDATION_FAILED', {
        detail: 'server wording is not shown',
        requestId: 'req-1',
        errors: [
          { path: 'members.0.age', message: '不能大于130' },
          { path: 'members.0.age', message: 'second message is dropped' },
          { path: 'regionCode', message: '地区代码应为6位或9位数字' },
        ],
      });
    const err = (await http.request({ method: 'POST', path: '/api/v1/eligibility/check', data: {} }).catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.title).toBe('填写的内容有误');
    expect(err.fields).toEqual({ 'members.0.age': '不能大于130', regionCode: '地区代码应为6位或9位数字' });
    expect(err.requestId).toBe('req-1');
    expect(err.status).toBe(422);
  });

  it('falls back on the HTTP status when the body is not a problem (a proxy page)', async () => {
    fake.onRequest = () => ({ status: 502, body: '<html>Bad Gateway</html>', header: { 'Content-Type': 'text/html' } });
    const result = http.request({ method: 'POST', path: '/api/v1/chat/messages', data: {} }).catch((e: unknown) => e);
    const err = (await result) as Errors.ApiError;
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.title).toBe('外部服务暂时不可用，请稍后再试');
  });

  it('maps every server code to a Chinese title and unknown codes to a safe one', () => {
    for (const code of ['CASE_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED']) expect(errors.titleFor(code)).toMatch(/[\u4e00-\u9fff]/);
    expect(errors.titleFor('SOMETHING_NEW')).toBe('系统出了点问题，请稍后再试');
    expect(errors.errorFromResponse(418, { code: 'SOMETHING_NEW' }).code).toBe('INTERNAL');
  });

  it('parses a JSON body that arrives as text', async () => {
    fake.onRequest = () => ({ status: 200, body: '{"items":[1,2]}' });
    await expect(http.request({ path: '/api/v1/regions' })).resolves.toEqual({ items: [1, 2] });
  });
});

describe('uploads', () => {
  it('uploads a file as multipart field "file" with progress and the token', async () => {
    server(() => ok({}));
    const seen: number[] = [];
    fake.onUpload = (req) => {
      req.progress(30);
      req.progress(100);
      return ok({ id: 'a1', mime: 'image/jpeg', size: 1234 }, 201);
    };
    const handle = http.upload<{ id: string }>({ path: '/api/v1/cases/T1/attachments', filePath: 'saved://p1.jpg', onProgress: (p) => seen.push(p) });
    await expect(handle.promise).resolves.toEqual({ id: 'a1', mime: 'image/jpeg', size: 1234 });
    expect(seen).toEqual([30, 100]);
    expect(fake.uploads[0]!.name).toBe('file');
    expect(fake.uploads[0]!.header.Authorization).toBe('Bearer token-1');
  });

  it('does not retry a failed upload, and maps 413 to the Chinese title', async () => {
    server(() => ok({}));
    fake.onUpload = () => problem(413, 'PAYLOAD_TOO_LARGE');
    const err = (await http.upload({ path: '/api/v1/cases/T1/attachments', filePath: 'x' }).promise.catch((e: unknown) => e)) as Errors.ApiError;
    await vi.runAllTimersAsync();
    expect(err.title).toBe('文件太大了');
    expect(fake.uploads).toHaveLength(1);
  });

  it('logs in again once on 401 and replays the upload', async () => {
    const s = server(() => ok({}));
    fake.onUpload = (req) => (req.header.Authorization === 'Bearer token-1' ? problem(401, 'UNAUTHENTICATED') : ok({ id: 'a2' }, 201));
    await expect(http.upload({ path: '/api/v1/cases/T1/attachments', filePath: 'x' }).promise).resolves.toEqual({ id: 'a2' });
    expect(s.logins()).toBe(2);
  });

  it('can be aborted by the resident', async () => {
    server(() => ok({}));
    fake.onUpload = () => 'hang';
    const handle = http.upload({ path: '/api/v1/cases/T1/attachments', filePath: 'x' });
    await flush(20);
    handle.abort();
    const err = (await handle.promise.catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.code).toBe('ABORTED');
  });
});

describe('the only caller of wx.request', () => {
  it('is services/http.ts: no other compiled module calls wx.request or wx.uploadFile', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === 'miniprogram_npm') continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.js') && /\bwx\.(request|uploadFile|downloadFile)\s*\(/.test(readFileSync(path, 'utf8'))) offenders.push(relative(root, path));
      }
    };
    walk(root);
    expect(offenders).toEqual(['services/http.js']);
  });
});
