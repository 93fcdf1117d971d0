import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

describe.each(databaseKinds())('目标详情 in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  const now = new Date('2021-07-20T02:00:00Z');
  const clock = new FixedClock(now);

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock });
    await seedPlan(t, clock, now);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('shows the chart and reports; the office adjusts with reason and document and the history shows before → after; a stale revision is explained', async () => {
    const office = await t.createUser(['office']);
    const id = targetId('I01', 'anting');
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/targets/${id}`);
    await page.getByRole('heading', { name: /税收总收入/ }).first().waitFor();
    await page.getByRole('img', { name: '累计完成 vs 序时进度' }).locator('svg').waitFor();
    await page.getByRole('region', { name: '2021年6月' }).getByText('按计划推进').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'target-1280');

    await page.getByRole('button', { name: '调整目标' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新的目标值').fill('110');
    await dialog.getByRole('button', { name: '提交' }).click();
    await eventually(async () => expect(await dialog.locator('.ant-form-item-has-error').count()).toBe(2));
    await dialog.getByLabel('调整原因').fill('受疫情影响，经区政府同意调整');
    await dialog.getByLabel('批准文件').fill('嘉府办〔2021〕15号');
    await dialog.getByRole('button', { name: '提交' }).click();
    const history = page.getByRole('table', { name: '履历' });
    await eventually(async () => {
      const row = history.getByRole('row').filter({ hasText: '调整目标' });
      expect(await row.textContent()).toContain('嘉府办〔2021〕15号');
      expect(await row.textContent()).toMatch(/120.*→.*110/);
    });

    // Someone else adjusts meanwhile: the page's revision is stale.
    await page.getByRole('button', { name: '调整目标' }).click();
    const current = (await t.inject({ method: 'GET', url: `/api/targets/${id}`, headers: bearer(await t.adminToken()) })).json() as { revision: string };
    const other = await t.inject({
      method: 'POST', url: `/api/targets/${id}/adjustments`,
      headers: { ...bearer(await t.adminToken()), 'if-match': `"${current.revision}"` },
      payload: { assessment: { total: '105' }, reason: '再次调整', approvalDocument: '嘉府办〔2021〕16号' },
    });
    expect(other.statusCode).toBe(200);
    await dialog.getByLabel('新的目标值').fill('100');
    await dialog.getByLabel('调整原因').fill('第三次调整');
    await dialog.getByLabel('批准文件').fill('嘉府办〔2021〕17号');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog', { name: /目标已被他人修改（版本已变化）/ }).waitFor();
    await eventually(async () => expect(await history.textContent()).toContain('嘉府办〔2021〕16号'));
    expect(await history.textContent()).not.toContain('嘉府办〔2021〕17号');
  });

  it('tells a unit reporter 无权访问 for another unit’s target', async () => {
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    await page.goto(`${t.baseUrl}/targets/${targetId('I01', 'jiangqiao')}`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(await page.getByText('按计划推进').count()).toBe(0);
    await page.goto(`${t.baseUrl}/targets/${targetId('I01', 'anting')}`);
    await page.getByRole('heading', { name: /税收总收入/ }).first().waitFor();
    expect(await page.getByRole('button', { name: '调整目标' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
