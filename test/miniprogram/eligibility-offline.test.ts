import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, Script } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type * as Eligibility from '../../miniprogram/services/eligibility';
import type * as Errors from '../../miniprogram/services/errors';
import type * as Regions from '../../miniprogram/services/regions';
import { call, createTestContext, type TestContext } from '../support/services';
import { installFakeWx, type FakeRequest, type FakeWx, type Reply } from './support/fake-wx';
import { buildModule, buildOnce, cleanBuild, mp, REPO, resetModules } from './support/mp';

interface DevCase {
  name: string;
  request: { regionCode: string; asOf?: string } & Record<string, unknown>;
  expect: Record<string, Record<string, unknown>>;
}

const cases = JSON.parse(readFileSync(join(REPO, 'test/fixtures/eligibility-dev.json'), 'utf8')) as DevCase[];

let root: string;
let ctx: TestContext;
let fake: FakeWx;
let online = true;

/** The fake network: the real API in-process while "online"; a dead network for the check when not. */
async function bridge(req: FakeRequest): Promise<Reply> {
  if (!online && req.path === '/api/v1/eligibility/check') return { fail: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
  const qs = new URLSearchParams(req.query).toString();
  const res = await call(ctx.app, req.method, `${req.path}${qs ? `?${qs}` : ''}`, req.data, req.header);
  return { status: res.status, body: res.json, header: Object.fromEntries(res.headers.entries()) };
}

beforeAll(async () => {
  [root, ctx] = await Promise.all([buildOnce().then((b) => b.root), createTestContext()]);
});
afterAll(async () => {
  await ctx?.close();
  cleanBuild();
});

beforeEach(() => {
  fake = installFakeWx();
  fake.onRequest = bridge;
  online = true;
  resetModules(root);
});

describe('the self-check on the phone gives the server’s answer', () => {
  it('has the 29 worked cases', () => {
    expect(cases).toHaveLength(29);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const regions = mp<typeof Regions>(root, 'services/regions');
    const eligibility = mp<typeof Eligibility>(root, 'services/eligibility');
    // Online once: the area's parameters come down through GET /regions/{code}/policy.
    await regions.refreshPolicy(c.request.regionCode);
    const server = await call(ctx.app, 'POST', '/api/v1/eligibility/check', c.request);
    expect(server.status).toBe(200);

    online = false;
    const outcome = await eligibility.checkHousehold(c.request as never);
    expect(outcome.offline).toBe(true);
    expect(outcome.response).toEqual(server.json);
    // And what eval-eligibility.mjs checks, field by field.
    for (const [program, want] of Object.entries(c.expect)) {
      const got = outcome.response.programs.find((p) => p.program === program) as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(want)) {
        if (field === 'failed') {
          const failed = (got.reasons as Array<{ code: string; passed: boolean }>).filter((r) => !r.passed).map((r) => r.code);
          expect(failed).toEqual(expect.arrayContaining(value as string[]));
        } else if (field === 'coveredMembers') {
          expect([...(got.coveredMembers as number[])].sort()).toEqual([...(value as number[])].sort());
        } else {
          expect(got[field] ?? null).toEqual(value);
        }
      }
    }
  });
});

describe('online and offline', () => {
  const household = { regionCode: '610113004', residence: 'urban', members: [{ relation: 'self', age: 72, income: { transfer: 250 } }] };

  it('asks the server when it answers, and refreshes the area’s parameters for later', async () => {
    const eligibility = mp<typeof Eligibility>(root, 'services/eligibility');
    const outcome = await eligibility.checkHousehold(household as never);
    expect(outcome.offline).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/v1/eligibility/check', '/api/v1/regions/610113004/policy']);
    expect(fake.storage.get('erescue.policy.610113004')).toMatchObject({ regionCode: '610113004', chain: ['610113004', '610113', '610100', '610000'] });
    expect(fake.storage.get('erescue.eligibility.result')).toMatchObject({ offline: false });
  });

  it('says so when there is no signal and no parameters on the phone', async () => {
    online = false;
    const eligibility = mp<typeof Eligibility>(root, 'services/eligibility');
    const err = (await eligibility.checkHousehold(household as never).catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.code).toBe('NETWORK');
  });

  it('never sends a household the shared schema refuses', async () => {
    const eligibility = mp<typeof Eligibility>(root, 'services/eligibility');
    const err = (await eligibility.checkHousehold({ ...household, members: [{ relation: 'self', age: 131 }] } as never).catch((e: unknown) => e)) as Errors.ApiError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toEqual({ 'members.0.age': '不能大于130' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a date with no parameters in force, as the server does', async () => {
    const regions = mp<typeof Regions>(root, 'services/regions');
    const eligibility = mp<typeof Eligibility>(root, 'services/eligibility');
    const policy = await regions.refreshPolicy('610113004');
    const request = eligibility.validateHousehold({ ...household, asOf: '2000-01-01' } as never);
    expect(request.ok).toBe(true);
    if (!request.ok) return;
    expect(() => eligibility.checkOffline(request.request, policy, '2026-11-22')).toThrow(expect.objectContaining({ code: 'POLICY_NOT_IN_FORCE' }));
    const server = await call(ctx.app, 'POST', '/api/v1/eligibility/check', { ...household, asOf: '2000-01-01' });
    expect(server.json.code).toBe('POLICY_NOT_IN_FORCE');
  });

  it('keeps only parameter records that pass the shared schema', async () => {
    const regions = mp<typeof Regions>(root, 'services/regions');
    const real = (await call(ctx.app, 'GET', '/api/v1/regions/610113004/policy')).json as { records: Array<Record<string, unknown>> };
    fake.onRequest = () => ({ status: 200, body: { ...real, records: [...real.records, { region: '610100', effectiveFrom: 'soon' }] } });
    const policy = await regions.refreshPolicy('610113004');
    expect(policy.records).toHaveLength(real.records.length);
  });
});

describe('the shared bundle', () => {
  it('runs where eval and new Function are refused, with zod jitless', async () => {
    const code = readFileSync(join(root, 'lib/shared.js'), 'utf8');
    const { smokeTest } = await buildModule();
    expect(() => smokeTest(code)).not.toThrow();
    const sandbox: Record<string, unknown> = { module: { exports: {} } };
    const context = createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
    new Script(`(function (module) {${code}\n})(module)`).runInContext(context);
    expect(() => new Script('new Function("return 1")()').runInContext(context)).toThrow(/Code generation from strings disallowed/);
    expect((sandbox.__zod_globalConfig as { jitless?: boolean }).jitless).toBe(true);
  });

  it('leaves out zod’s compiler, JSON Schema and other locales', () => {
    const code = readFileSync(join(root, 'lib/shared.js'), 'utf8');
    expect(code).not.toMatch(/new Function|\beval\(/);
    expect(code.length).toBeLessThan(250 * 1024);
  });
});
