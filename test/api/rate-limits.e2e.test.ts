import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, FIXED_NOW, type TestContext } from '../support/services';
import { application, loginResident, submit } from '../support/residents';

let t: TestContext;
let now = FIXED_NOW;
beforeAll(async () => {
  // Limits scaled down 10× so the test stays small; the shape is the production one.
  t = await createTestContext({ clock: () => now, env: { RATE_LIMITS: 'on', RATE_LIMIT_SCALE: '0.1' } });
});
afterAll(() => t.close());

describe('request limits', () => {
  it('slows staff login attempts from one address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(t.app, 'POST', '/api/v1/staff/login', { username: `nobody${i}`, password: 'x' })).status);
    expect(statuses).toEqual([401, 401, 429]);
    const res = await call(t.app, 'POST', '/api/v1/staff/login', { username: 'nobody', password: 'x' });
    expect(res.json.code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    now = new Date(now.getTime() + 61_000);
    expect((await call(t.app, 'POST', '/api/v1/staff/login', { username: 'nobody', password: 'x' })).status).toBe(401);
  });

  it('limits submissions per resident, not per household of residents', async () => {
    const alice = await loginResident(t.app, 'rl-alice');
    const bob = await loginResident(t.app, 'rl-bob');
    const results: number[] = [];
    // 300 per 10 minutes in production, scaled to 30 here.
    for (let i = 0; i < 31; i++) results.push((await submit(t.app, alice, `rl-key-${i}-abcdef`, application())).status);
    expect(results.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(results[30]).toBe(429);
    expect((await submit(t.app, bob, 'rl-bob-key-000', application())).status).toBe(201);
  });

  it('limits chat messages per caller', async () => {
    const statuses = new Set<number>();
    // 1200 a minute in production (a busy hotline centre shares one address), scaled to 120 here.
    for (let i = 0; i < 121; i++) statuses.add((await call(t.app, 'POST', '/api/v1/chat/messages', { text: '你好' })).status);
    expect(statuses.has(429)).toBe(true);
  });
});
