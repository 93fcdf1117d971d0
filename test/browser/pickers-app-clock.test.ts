import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/shared/clock';
import { eventually as until } from '../support/eventually';
import { bearer, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, PHONE } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

/** The year and month an open date picker's panel shows (zh_CN: `2021年8月`). */
async function panelMonth(page: Page): Promise<string> {
  const header = page.locator('.ant-picker-dropdown:visible .ant-picker-date-panel .ant-picker-header-view');
  await header.waitFor();
  return ((await header.textContent()) ?? '').replace(/\s+/g, '');
}

// The application clock is in 2021 (as the demo's is), years before the browser's: an empty picker opens on its month.
describe.each(databaseKinds().slice(-1))('date pickers open on the application clock’s month (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let office: TestUser;
  const now = new Date('2021-08-12T02:00:00Z');
  const clock = new FixedClock(now);
  const newPage = async (viewport: { width: number; height: number }) => {
    const page = await (await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock, config: { accessTokenTtlSeconds: 90 * 86400 } });
    await seedPlan(t, clock, now);
    office = await t.userWith(['office']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('tells the application clock’s time', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/clock', headers: bearer(office.token) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ now: now.toISOString() });
    expect((await t.inject({ method: 'GET', url: '/api/clock' })).statusCode).toBe(401);
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('the as-of control (%s)', async (name, viewport) => {
    const page = await newPage(viewport);
    try {
      await logIn(page, t.baseUrl, office.username, office.password);
      const field = page.getByLabel('回溯到时间');
      await field.click();
      await eventually(async () => expect(await panelMonth(page)).toBe('2021年8月'));
      await screenshot(page, `as-of-picker-app-clock-${name}`);
    } finally {
      await page.context().close();
    }
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('the 催办 reply deadline (%s)', async (name, viewport) => {
    const warning = await until(
      async () => {
        const list = await (
          await t.inject({
            method: 'GET',
            url: `/api/warnings?planCode=${PLAN}&unitCode=jiangqiao`,
            headers: bearer(office.token),
          })
        ).json();
        return (list as Array<{ targetId: string; state: string }>).find(
          (w) => w.targetId === targetId('I02', 'jiangqiao') && w.state !== 'cleared',
        );
      },
      60_000,
      'the open warning',
    );
    const page = await newPage(viewport);
    try {
      await logIn(page, t.baseUrl, office.username, office.password);
      await page.goto(`${t.baseUrl}/targets/${encodeURIComponent(warning.targetId)}`);
      await page.getByRole('heading', { name: /固定资产投资/ }).waitFor();
      await page.getByRole('button', { name: '催办 固定资产投资 江桥镇' }).click();
      const dialog = page.getByRole('dialog', { name: '催办 固定资产投资 江桥镇' });
      await dialog.getByLabel('回复期限').click();
      await eventually(async () => expect(await panelMonth(page)).toBe('2021年8月'));
      await screenshot(page, `reply-by-picker-app-clock-${name}`);
    } finally {
      await page.context().close();
    }
  });
});
