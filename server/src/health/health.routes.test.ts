import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext } from '../../../test/support/services';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('health and platform', () => {
  it('GET /healthz answers ok', async () => {
    expect(await call(t.app, 'GET', '/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('GET /readyz answers 200 while the database answers, 503 when it does not', async () => {
    expect((await call(t.app, 'GET', '/readyz')).status).toBe(200);
    const ping = t.database.ping;
    t.database.ping = () => Promise.reject(new Error('down'));
    try {
      const res = await call(t.app, 'GET', '/readyz');
      expect(res.status).toBe(503);
      expect(res.json.code).toBe('NOT_READY');
    } finally {
      t.database.ping = ping;
    }
  });

  it('serves the OpenAPI document generated from the contract, and the docs page', async () => {
    const doc = await call(t.app, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.paths['/api/v1/eligibility/check'].post).toBeDefined();
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/docs/init.js');
    expect(await (await t.app.request('/api/docs/init.js')).text()).toContain('/api/openapi.json');
    expect((await t.app.request('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers unknown paths with a 404 problem carrying a request id', async () => {
    const res = await call(t.app, 'GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(res.headers.get('x-request-id')).toBe(res.json.requestId);
  });

  it('refuses a JSON body over the limit with 413', async () => {
    const res = await call(t.app, 'POST', '/api/v1/eligibility/check', JSON.stringify({ pad: 'x'.repeat(300_000) }));
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sets security headers', async () => {
    const res = await t.app.request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });
});
