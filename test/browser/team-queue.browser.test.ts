/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, loginPage } from '../support/browser';
import { startHttpServer } from '../support/http-server';
import { application, idWithCheck, loginResident, submit } from '../support/residents';
import { createTestContext, type TestContext } from '../support/services';
import { createStaff } from '../support/staff';

let t: TestContext;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let resident: string;

describe.skipIf(!hasChromium)('the team queue in a real browser', () => {
  beforeAll(async () => {
    t = await createTestContext({ clock: () => new Date() });
    await createStaff(t.database.db, { username: 'yt-team2', displayName: '快速响应队员 周敏', role: 'team_member', areaCode: '610113', teamId: 'team-610113004' });
    server = await startHttpServer(t.app);
    browser = await launchBrowser();
    resident = await loginResident(t.app, 'browser-res');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('shows an urgent case in the open queue within 2 seconds, then works it through review and approval', { timeout: 90_000 }, async () => {
    const member = await loginPage(browser, server.url, 'yt-team');
    expect(new URL(member.url()).pathname).toBe('/staff/queue');
    await member.waitForSelector('#live:has-text("实时更新中")');
    const other = await loginPage(browser, server.url, 'yt-team2');
    await other.waitForSelector('#live:has-text("实时更新中")');

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const body = application({ hardship: { type: 'fire', occurredOn: today, description: '家里着火了，今晚没地方住，孩子还小', urgentNeeds: ['shelter', 'food'], amountRequested: 3000 } });
    const started = Date.now();
    const res = await submit(server ? t.app : t.app, resident, 'browser-key-0001', body);
    expect(res.json.priority).toBe('P1');
    const no = res.json.trackingNo as string;
    await member.waitForSelector(`tr[data-tracking="${no}"]`, { timeout: 2000 });
    const arrivedMs = Date.now() - started;
    expect(arrivedMs).toBeLessThan(2000);
    await other.waitForSelector(`tr[data-tracking="${no}"]`, { timeout: 2000 });
    expect(await member.textContent(`tr[data-tracking="${no}"]`)).toContain('P1 紧急');
    await member.screenshot({ path: join(ARTIFACTS, 'queue.png'), fullPage: true });

    // Both members press 接单 at the same moment: exactly one wins, the other is told who has it.
    const press = (no: string) => (document.querySelector(`tr[data-tracking="${no}"] form`) as HTMLFormElement).submit();
    await Promise.all([member.evaluate(press, no), other.evaluate(press, no)]);
    await Promise.all([member.waitForURL(/(ok|error)=/), other.waitForURL(/(ok|error)=/)]);
    const outcomes = [member.url(), other.url()].map((u) => new URL(u).searchParams.has('ok'));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = outcomes[0] ? [member, other] : [other, member];
    expect(await winner.textContent('.flash')).toContain('接单');
    expect(await loser.textContent('.flash')).toMatch(/已由.*接手/);
    await loser.screenshot({ path: join(ARTIFACTS, 'claim-refused.png') });
    const worker = winner;
    await worker.goto(`${server.url}/staff/cases/${no}`);
    await worker.fill('#contact-note', '已电话联系，马上上门');
    await Promise.all([worker.waitForURL(/ok=/), worker.click('form[action$="/actions/contact"] button')]);
    await worker.fill('#visit-note', '房屋烧毁，一家三口暂无住处');
    await Promise.all([worker.waitForURL(/ok=/), worker.click('form[action$="/actions/visit"] button')]);
    await worker.fill('#pay_pre_rescue-amount', '9999');
    await Promise.all([worker.waitForURL(/error=/), worker.click('form[action$="/actions/pay_pre_rescue"] button')]);
    expect(await worker.textContent('.flash')).toContain('上报');
    await worker.fill('#pay_pre_rescue-amount', '2000');
    await Promise.all([worker.waitForURL(/ok=/), worker.click('form[action$="/actions/pay_pre_rescue"] button')]);
    await Promise.all([worker.waitForURL(/ok=/), worker.click('form[action$="/actions/send_for_review"] button')]);
    expect(await worker.textContent('.flash')).toContain('审核中');
    await worker.screenshot({ path: join(ARTIFACTS, 'case.png'), fullPage: true });

    const reviewer = await loginPage(browser, server.url, 'yt-reviewer');
    await reviewer.goto(`${server.url}/staff/cases/${no}`);
    await reviewer.fill('#approve-amount', '3000');
    await Promise.all([reviewer.waitForURL(/ok=/), reviewer.click('form[action$="/actions/approve"] button')]);
    expect(await reviewer.textContent('.flash')).toContain('已批准');

    const supervisor = await loginPage(browser, server.url, 'yt-supervisor');
    await supervisor.goto(`${server.url}/staff/dashboard`);
    expect(await supervisor.textContent('main')).toContain('申请数');
    expect(await supervisor.locator('svg').count()).toBeGreaterThan(0);
    await supervisor.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    // A post without the CSRF token, from the logged-in page itself, is refused.
    const status = await worker.evaluate(async (path) => (await fetch(path, { method: 'POST', body: new URLSearchParams({ note: 'x' }) })).status, `/staff/cases/${no}/actions/close`);
    expect(status).toBe(403);
  });

  it('applies the role: a team member cannot open the audit page', async () => {
    const member = await loginPage(browser, server.url, 'yt-team');
    const res = await member.goto(`${server.url}/staff/audit`);
    expect(res?.status()).toBe(403);
  });
});
