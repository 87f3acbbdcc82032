/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseByTrackingNo } from '../../server/src/cases/repo';
import { ARTIFACTS, hasChromium, launchBrowser, loginPage } from '../support/browser';
import { startHttpServer } from '../support/http-server';
import { idWithCheck } from '../support/residents';
import { createTestContext, type TestContext } from '../support/services';

let t: TestContext;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

describe.skipIf(!hasChromium)('the hotline desk in a real browser', () => {
  beforeAll(async () => {
    t = await createTestContext({ clock: () => new Date() });
    server = await startHttpServer(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('an operator searches a caller, files a case for them, and finds it on the next search', { timeout: 90_000 }, async () => {
    const desk = await loginPage(browser, server.url, 'yt-operator');
    expect(new URL(desk.url()).pathname).toBe('/staff/desk');

    await desk.fill('#q', '139 1234 5678');
    await Promise.all([desk.waitForURL('**/staff/desk/search'), desk.click('form[action="/staff/desk/search"] button[type=submit]')]);
    await desk.waitForSelector('text=没有正在办理的申请');
    await Promise.all([desk.waitForURL('**/staff/desk/apply/prefill'), desk.click('text=为来电人登记申请')]);
    expect(await desk.inputValue('#f-applicant-phone')).toBe('13912345678');

    // Submitted without the caller's consent: refused beside the boxes, entries kept.
    await desk.fill('#f-applicant-name', '赵六');
    await desk.fill('#f-applicant-idNumber', idWithCheck('61011319700506111'));
    await desk.selectOption('#f-regionCode', '610113005');
    await desk.fill('#f-address', '长延堡街道某小区3号楼');
    await desk.selectOption('#f-hardship-type', 'sudden_illness');
    await desk.fill('#f-hardship-description', '老伴突发脑梗住院，押金交不上');
    await desk.check('input[name="hardship.urgentNeeds"][value="medical"]');
    await desk.fill('#f-household-size', '2');
    await Promise.all([desk.waitForURL('**/staff/desk/apply'), desk.click('button:has-text("提交申请")')]);
    await desk.waitForSelector('#f-consent-privacy-error');
    expect(await desk.inputValue('#f-applicant-name')).toBe('赵六');
    await desk.screenshot({ path: join(ARTIFACTS, 'desk-apply-errors.png'), fullPage: true });

    await desk.check('input[name="consent.privacy"]');
    await desk.check('input[name="consent.verification"]');
    await Promise.all([desk.waitForURL((u) => u.pathname === '/staff/desk' && u.searchParams.has('case')), desk.click('button:has-text("提交申请")')]);
    const trackingNo = new URL(desk.url()).searchParams.get('case')!;
    await desk.waitForSelector('.flash.ok');
    expect(await desk.textContent('#tpl-text-accepted')).toContain(trackingNo);
    expect((await findCaseByTrackingNo(t.database.db, trackingNo))?.channel).toBe('hotline');
    await desk.screenshot({ path: join(ARTIFACTS, 'desk-case.png'), fullPage: true });

    await desk.fill('#q', '13912345678');
    await Promise.all([desk.waitForURL('**/staff/desk/search'), desk.click('form[action="/staff/desk/search"] button[type=submit]')]);
    await desk.waitForSelector(`tr[data-tracking="${trackingNo}"]`);
    expect(await desk.textContent(`tr[data-tracking="${trackingNo}"]`)).toContain('赵*');
    await desk.screenshot({ path: join(ARTIFACTS, 'desk.png'), fullPage: true });
  });
});
