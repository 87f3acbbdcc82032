import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../server/src/env';
import { HttpWeChatClient } from '../../server/src/wechat/client';
import { FakeWeChat } from '../support/fake-wechat';
import { call, createTestContext, FIXED_NOW, type TestContext } from '../support/services';

let fake: FakeWeChat;
let dev: TestContext;
let wx: TestContext;
let now = FIXED_NOW;
beforeAll(async () => {
  fake = await new FakeWeChat().start();
  dev = await createTestContext();
  wx = await createTestContext({
    clock: () => now,
    env: { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: fake.baseUrl },
    wechat: new HttpWeChatClient({ appId: 'wx-test-app', secret: 'wx-test-secret', baseUrl: fake.baseUrl, timeoutMs: 500 }),
  });
});
afterAll(async () => {
  await dev.close();
  await wx.close();
  await fake.stop();
});

const login = (t: TestContext, code: unknown) => call(t.app, 'POST', '/api/v1/auth/wechat', { code });

describe('POST /api/v1/auth/wechat', () => {
  it('logs in a dev resident outside production without WeChat, with an expiring token', async () => {
    const res = await login(dev, 'dev:grandma');
    expect(res.status).toBe(200);
    expect(res.json.expiresIn).toBe(7200);
    expect((await call(dev.app, 'GET', '/api/v1/cases', undefined, { authorization: `Bearer ${res.json.token}` })).status).toBe(200);
  });

  it('gives the same resident for the same code name', async () => {
    const a = await login(dev, 'dev:same');
    const b = await login(dev, 'dev:same');
    const payload = (tok: string) => JSON.parse(Buffer.from(tok.split('.')[1]!, 'base64url').toString()).sub;
    expect(payload(a.json.token)).toBe(payload(b.json.token));
  });

  it('exchanges a real code with jscode2session when WeChat is configured, and refuses dev: codes then', async () => {
    const ok = await login(wx, 'abc123');
    expect(ok.status).toBe(200);
    const dev = await login(wx, 'dev:someone');
    expect(dev.status).toBe(401);
    expect(dev.json.code).toBe('WECHAT_LOGIN_FAILED');
  });

  it("maps WeChat's error codes: invalid code 401, busy or rate-limited 502", async () => {
    expect((await login(wx, 'bad')).json.code).toBe('WECHAT_LOGIN_FAILED');
    const busy = await login(wx, 'busy');
    expect(busy.status).toBe(502);
    expect(busy.json.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await login(wx, 'limited')).status).toBe(502);
  });

  it('answers 422 naming code for a missing or wrong-typed code', async () => {
    const res = await login(dev, 42);
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('code');
  });

  it('refuses an expired or forged token with 401', async () => {
    const { json } = await login(wx, 'expiring');
    const auth = { authorization: `Bearer ${json.token}` };
    expect((await call(wx.app, 'GET', '/api/v1/cases', undefined, auth)).status).toBe(200);
    now = new Date(FIXED_NOW.getTime() + 7201_000);
    try {
      expect((await call(wx.app, 'GET', '/api/v1/cases', undefined, auth)).status).toBe(401);
    } finally {
      now = FIXED_NOW;
    }
    const forged = json.token.slice(0, -3) + (json.token.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await call(wx.app, 'GET', '/api/v1/cases', undefined, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });
});

describe('settings', () => {
  it('refuses to start in production with development secrets or without WeChat credentials', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/APP_SECRET[\s\S]*DATA_KEY[\s\S]*WECHAT_APPID/);
    const safe = {
      NODE_ENV: 'production',
      APP_SECRET: 'p'.repeat(40),
      HASH_KEY: 'h'.repeat(40),
      DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's1',
    };
    expect(loadEnv(safe).NODE_ENV).toBe('production');
    expect(() => loadEnv({ ...safe, SEED_DEMO_USERS: 'true' })).toThrow(/SEED_DEMO_USERS/);
    expect(() => loadEnv({ ...safe, DATA_KEY: 'short' })).toThrow(/DATA_KEY/);
  });
});
