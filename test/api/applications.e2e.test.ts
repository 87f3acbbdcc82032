import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../server/src/db/client';
import { applicationCreatedSchema, caseDetailSchema } from '../../shared/src/contract/application';
import { call, createTestContext, type TestContext } from '../support/services';
import { application, idWithCheck, loginResident, submit } from '../support/residents';

let t: TestContext;
let alice: string;
let bob: string;
beforeAll(async () => {
  t = await createTestContext();
  alice = await loginResident(t.app, 'alice');
  bob = await loginResident(t.app, 'bob');
});
afterAll(() => t.close());

const get = (path: string, token: string) => call(t.app, 'GET', path, undefined, { authorization: `Bearer ${token}` });

describe('POST /api/v1/applications', () => {
  it('files an urgent case, routes it to the township team of where the person is now, and shows its timeline', async () => {
    const res = await submit(t.app, alice, 'key-route-0001', application());
    expect(res.status).toBe(201);
    expect(applicationCreatedSchema.parse(res.json)).toBeTruthy();
    expect(res.json).toMatchObject({ status: 'assigned', priority: 'P1', team: { id: 'team-610113004', name: '小寨路街道快速响应服务队' } });
    expect(res.json.trackingNo).toMatch(/^ER261122-/);
    const detail = await get(`/api/v1/cases/${res.json.trackingNo}`, alice);
    expect(detail.status).toBe(200);
    expect(caseDetailSchema.parse(detail.json)).toBeTruthy();
    expect(detail.json.timeline.map((e: { title: string }) => e.title)).toEqual(['申请已提交', '已分派给小寨路街道快速响应服务队']);
    expect(detail.json.team.phone).toBeTruthy();
    expect(detail.json.nextAction).toContain('1小时内');
    expect(detail.json.deadlines.firstContactDue).toBe('2026-11-22T03:00:00.000Z');
  });

  it('routes a county-level location to the county team and a city-level one to the city team', async () => {
    const county = await submit(t.app, alice, 'key-route-0002', application({ regionCode: '610122', applicant: { name: '李四', idNumber: idWithCheck('61012219700101001'), phone: '13900139000' } }));
    expect(county.json.team.id).toBe('team-610122');
    const city = await submit(t.app, alice, 'key-route-0003', application({ regionCode: '210200', applicant: { name: '赵五', idNumber: idWithCheck('21020019700101001'), phone: '13900139001' } }));
    expect(city.json.team.id).toBe('team-210200');
  });

  it('returns the first case when the same Idempotency-Key is replayed, and makes nothing new', async () => {
    const body = application({ applicant: { name: '钱六', idNumber: idWithCheck('61011319900101002'), phone: '13700137000' } });
    const first = await submit(t.app, alice, 'key-replay-0001', body);
    const again = await submit(t.app, alice, 'key-replay-0001', body);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    const count = await selectRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases where tracking_no = ${first.json.trackingNo}`);
    expect(count[0]!.n).toBe(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    await submit(t.app, alice, 'key-reuse-0001', application());
    const res = await submit(t.app, alice, 'key-reuse-0001', application({ address: '别的地址' }));
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('makes one case from concurrent identical submits', async () => {
    const body = application({ applicant: { name: '孙七', idNumber: idWithCheck('61011319900101003'), phone: '13600136000' } });
    const results = await Promise.all(Array.from({ length: 8 }, () => submit(t.app, bob, 'key-parallel-0001', body)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.json.trackingNo)).size).toBe(1);
  });

  it('keys are per resident: another resident may use the same key', async () => {
    const a = await submit(t.app, alice, 'key-shared-0001', application());
    const b = await submit(t.app, bob, 'key-shared-0001', application());
    expect(b.status).toBe(201);
    expect(b.json.trackingNo).not.toBe(a.json.trackingNo);
  });

  it.each([
    ['applicant.idNumber', { applicant: { name: '王', idNumber: '610113198001011230', phone: '13800138000' } }],
    ['applicant.idNumber', { applicant: { name: '王', idNumber: '12345', phone: '13800138000' } }],
    ['applicant.phone', { applicant: { name: '王', idNumber: idWithCheck('61011319800101123'), phone: '12800138000' } }],
    ['applicant.name', { applicant: { name: ' ', idNumber: idWithCheck('61011319800101123'), phone: '13800138000' } }],
    ['regionCode', { regionCode: 'abc' }],
    ['consent.privacy', { consent: { privacy: false, verification: true } }],
    ['consent.verification', { consent: { privacy: true } }],
    ['hardship.type', { hardship: { type: 'lottery', occurredOn: '2026-11-20', description: '', urgentNeeds: [] } }],
    ['hardship.urgentNeeds.0', { hardship: { type: 'fire', occurredOn: '2026-11-20', description: '', urgentNeeds: ['money'] } }],
    ['hardship.occurredOn', { hardship: { type: 'fire', occurredOn: '2026-12-01', description: '', urgentNeeds: [] } }],
    ['household.size', { household: { size: 0 } }],
  ])('answers 422 naming %s', async (path, over) => {
    const res = await submit(t.app, alice, `key-bad-${Math.random().toString(36).slice(2)}`, application(over));
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('answers 422 REGION_UNKNOWN for a region that does not exist, naming regionCode', async () => {
    const res = await submit(t.app, alice, 'key-region-0001', application({ regionCode: '610113099' }));
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('REGION_UNKNOWN');
    expect(res.json.errors[0].path).toBe('regionCode');
  });

  it('answers 401 without a token, and 400 without an Idempotency-Key', async () => {
    expect((await submit(t.app, undefined, 'key-anon-0001', application())).status).toBe(401);
    expect((await submit(t.app, 'not-a-token', 'key-anon-0002', application())).status).toBe(401);
    const noKey = await submit(t.app, alice, undefined, application());
    expect(noKey.status).toBe(400);
    expect(noKey.json.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('freezes the eligibility snapshot, parameter record and policy version onto the case', async () => {
    const res = await submit(t.app, alice, 'key-snap-0001', application());
    const [row = {}] = await selectRows<Record<string, any>>(
      t.database.db,
      sql`select policy_version, params_region, params_effective_from::text as eff, eligibility from cases where tracking_no = ${res.json.trackingNo}`,
    );
    expect(row.policy_version).toBe('rules-2026.11');
    expect(row.params_region).toBe('610100');
    expect(row.eff).toBe('2025-07-01');
    const temporary = row.eligibility.result.programs.find((p: { program: string }) => p.program === 'temporary');
    expect(temporary).toMatchObject({ result: 'eligible', mode: 'emergency', estimatedOneTimeAmount: 3000 });
  });

  it('flags an open case with the same ID number for staff on both cases, without refusing', async () => {
    const idNumber = idWithCheck('61011319850505111');
    const first = await submit(t.app, alice, 'key-dup-00001', application({ applicant: { name: '周八', idNumber, phone: '13500135000' } }));
    const second = await submit(t.app, bob, 'key-dup-00002', application({ applicant: { name: '周八', idNumber, phone: '13500135001' } }));
    expect(second.status).toBe(201);
    const rows = await selectRows<{ tracking_no: string; flags: Array<{ trackingNo: string }> }>(
      t.database.db,
      sql`select tracking_no, flags from cases where tracking_no in (${first.json.trackingNo}, ${second.json.trackingNo})`,
    );
    const flags = Object.fromEntries(rows.map((r) => [r.tracking_no, r.flags]));
    expect(flags[second.json.trackingNo]!.map((f) => f.trackingNo)).toContain(first.json.trackingNo);
    expect(flags[first.json.trackingNo]!.map((f) => f.trackingNo)).toContain(second.json.trackingNo);
  });
});

describe('resident case views', () => {
  it("lists only the caller's own cases, and another resident's case is 404", async () => {
    const mine = await submit(t.app, alice, 'key-views-0001', application());
    const list = await get('/api/v1/cases', alice);
    expect(list.json.items.some((c: { trackingNo: string }) => c.trackingNo === mine.json.trackingNo)).toBe(true);
    const theirs = await get('/api/v1/cases', bob);
    expect(theirs.json.items.some((c: { trackingNo: string }) => c.trackingNo === mine.json.trackingNo)).toBe(false);
    const other = await get(`/api/v1/cases/${mine.json.trackingNo}`, bob);
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('CASE_NOT_FOUND');
    expect((await get('/api/v1/cases/ER000000-XXXXXX', alice)).status).toBe(404);
    expect((await call(t.app, 'GET', '/api/v1/cases')).status).toBe(401);
  });

  it('lets the resident withdraw an open case, once', async () => {
    const mine = await submit(t.app, alice, 'key-withdraw-01', application());
    const path = `/api/v1/cases/${mine.json.trackingNo}/withdraw`;
    expect((await call(t.app, 'POST', path, { reason: '问题已解决' }, { authorization: `Bearer ${bob}` })).status).toBe(404);
    const res = await call(t.app, 'POST', path, { reason: '问题已解决' }, { authorization: `Bearer ${alice}` });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('withdrawn');
    const again = await call(t.app, 'POST', path, {}, { authorization: `Bearer ${alice}` });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('INVALID_TRANSITION');
    const detail = await get(`/api/v1/cases/${mine.json.trackingNo}`, alice);
    expect(detail.json.timeline.at(-1).title).toBe('申请已撤回');
  });

  it('refuses feedback on a case that is not closed, and adding materials when none were asked', async () => {
    const mine = await submit(t.app, alice, 'key-feedback-01', application());
    const feedback = await call(t.app, 'POST', `/api/v1/cases/${mine.json.trackingNo}/feedback`, { solved: false }, { authorization: `Bearer ${alice}` });
    expect(feedback.status).toBe(409);
    const materials = await call(t.app, 'POST', `/api/v1/cases/${mine.json.trackingNo}/materials`, {}, { authorization: `Bearer ${alice}` });
    expect(materials.status).toBe(409);
    const bad = await call(t.app, 'POST', `/api/v1/cases/${mine.json.trackingNo}/feedback`, { solved: 'maybe' }, { authorization: `Bearer ${alice}` });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe('solved');
  });
});

describe('personal data at rest', () => {
  it('keeps no plain ID number, phone, name or address in any table', async () => {
    const idNumber = idWithCheck('61011319770707777');
    await submit(t.app, alice, 'key-raw-00001', application({ applicant: { name: '郑十一', idNumber, phone: '13312345678' }, address: '雁塔区秘密路99号' }));
    const tables = ['cases', 'case_events', 'idempotency_keys', 'outbox', 'residents'];
    for (const table of tables) {
      const rows = await selectRows<{ j: string }>(t.database.db, sql.raw(`select row_to_json(t)::text as j from ${table} t`));
      const text = rows.map((r) => r.j).join('\n');
      expect(text, table).not.toContain(idNumber);
      expect(text, table).not.toContain('13312345678');
      expect(text, table).not.toContain('郑十一');
      expect(text, table).not.toContain('秘密路');
    }
  });
});
