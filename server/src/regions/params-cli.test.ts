import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext } from '../../../test/support/services';
import { addParameterRecords } from './params-cli';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const seed = JSON.parse(readFileSync('server/src/regions/seed-regions.json', 'utf8'));
const latestXian = seed.parameters.find((p: { region: string; effectiveFrom: string }) => p.region === '610100' && p.effectiveFrom === '2025-07-01');
const standardOn = async (asOf: string) => {
  const res = await call(t.app, 'POST', '/api/v1/eligibility/check', {
    regionCode: '610113004',
    asOf,
    residence: 'urban',
    members: [{ relation: 'self', age: 40 }],
  });
  return { status: res.status, parameters: res.json.parameters, message: res.json.programs?.[0]?.reasons.find((r: { code: string }) => r.code === 'DIBAO_INCOME')?.message };
};

describe('adding a dated parameter record without a deploy', () => {
  it('refuses an invalid record, naming the fields, and adds nothing', async () => {
    const bad = { ...latestXian, region: '610113', effectiveFrom: '2027-13-01', dibao: { ...latestXian.dibao, urban: -1 } };
    const { added, problems } = await addParameterRecords(t.database, bad);
    expect(added).toEqual([]);
    expect(problems.join('\n')).toMatch(/effectiveFrom/);
    expect(problems.join('\n')).toMatch(/dibao\.urban/);
  });

  it('refuses an unknown region and a duplicate date', async () => {
    const unknown = await addParameterRecords(t.database, { ...latestXian, region: '610199' });
    expect(unknown.problems.join()).toMatch(/unknown region/);
    const duplicate = await addParameterRecords(t.database, latestXian);
    expect(duplicate.problems.join()).toMatch(/already has a record/);
  });

  it('is used by the running server from its effective date, not before', async () => {
    expect((await standardOn('2026-12-31')).parameters).toEqual({ region: '610100', effectiveFrom: '2025-07-01' });
    const next = { ...latestXian, region: '610113', effectiveFrom: '2027-01-01', source: 'test', dibao: { ...latestXian.dibao, urban: 900 } };
    const { problems } = await addParameterRecords(t.database, next);
    expect(problems).toEqual([]);
    await t.regions.refresh(); // NOTIFY arrives asynchronously; the explicit reload keeps the test deterministic
    const before = await standardOn('2026-12-31');
    expect(before.parameters).toEqual({ region: '610100', effectiveFrom: '2025-07-01' });
    const after = await standardOn('2027-01-01');
    expect(after.parameters).toEqual({ region: '610113', effectiveFrom: '2027-01-01' });
    expect(after.message).toContain('900');
  });

  it('reaches the cache through NOTIFY', async () => {
    const next = { ...latestXian, region: '610113', effectiveFrom: '2028-01-01', source: 'test', dibao: { ...latestXian.dibao, urban: 950 } };
    await standardOn('2028-02-01'); // warm the cache
    await addParameterRecords(t.database, next);
    await expect.poll(async () => (await standardOn('2028-02-01')).parameters.effectiveFrom, { timeout: 5000 }).toBe('2028-01-01');
  });
});

describe('the admin parameters page', () => {
  it('lets an admin add a record (validated, audited) and refuses other roles and CSRF-less posts', async () => {
    const { staffLogin, postForm } = await import('../../../test/support/staff');
    const admin = await staffLogin(t.app, 'yt-admin');
    const page = await t.app.request('/staff/admin/parameters', { headers: { cookie: admin.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('610100');
    const record = { ...latestXian, region: '610113001', effectiveFrom: '2029-01-01', source: 'admin page test' };
    expect((await postForm(t.app, '/staff/admin/parameters', admin, { record: JSON.stringify(record) }, false)).status).toBe(403);
    const bad = await postForm(t.app, '/staff/admin/parameters', admin, { record: JSON.stringify({ ...record, dibao: { ...record.dibao, urban: 'lots' } }) });
    expect(decodeURIComponent(bad.headers.get('location')!)).toContain('dibao.urban');
    const ok = await postForm(t.app, '/staff/admin/parameters', admin, { record: JSON.stringify(record) });
    expect(decodeURIComponent(ok.headers.get('location')!)).toContain('已新增 610113001 自 2029-01-01');
    expect((await standardOn('2029-02-01')).parameters).toEqual({ region: '610113', effectiveFrom: '2028-01-01' }); // 610113004 is not under 610113001
    const team = await staffLogin(t.app, 'yt-team');
    expect((await t.app.request('/staff/admin/parameters', { headers: { cookie: team.cookie } })).status).toBe(403);
  });
});
