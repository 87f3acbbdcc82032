import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests run where Debian's chromium is installed; CI installs it and sets REQUIRE_BROWSER=1 so a missing browser fails instead of skipping. */
export const hasChromium = existsSync(CHROMIUM) || process.env.REQUIRE_BROWSER === '1';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Headless Chromium set up for this closed network; each user gets a context of their own. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Opens a page for a new user and logs them into the console through the login form. */
export async function loginPage(browser: Browser, baseUrl: string, username: string, password = 'Erescue-demo-2026'): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/staff/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/login')), page.click('button[type=submit]')]);
  return page;
}
