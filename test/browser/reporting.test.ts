import type { Browser, Page } from 'playwright-core';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { launchChromium, PHONE, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { SEED_START, seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

describe.each(databaseKinds())('本单位填报 in Chromium at phone width (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  const now = new Date('2021-08-12T02:00:00Z');
  const clock = new FixedClock(SEED_START);
  const history = async (id: string) => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/targets/${id}/history`,
      headers: bearer(await t.adminToken()),
    });
    return response.json() as Array<{ type: string; data: { period?: string } }>;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock });
    await seedPlan(t, clock, now);
    await t.app.get(DeadlineScheduler).tick();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await (
      await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
    ).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('reports a month through the form: the field error beside 累计完成值, a lost answer retried without a duplicate, then the new status; and corrects it', async () => {
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    await page.waitForURL(/\/report$/);
    await page.getByRole('heading', { name: '本单位填报' }).waitFor();
    // Only the unit's own targets: three indicators of anting, none of jiangqiao or nanxiang.
    await eventually(async () => expect(await page.getByRole('button', { name: /^填报 / }).count()).toBe(3));
    expect(await page.getByText('江桥镇').count()).toBe(0);
    // Each due target says its 报送期, due date and days left as the API counts them (the unit's own status only).
    const token = await t.login(reporter.username, reporter.password);
    const status = (
      await t.inject({ method: 'GET', url: '/api/reporting-status?planCode=browser-2021', headers: bearer(token) })
    ).json() as {
      units: Array<{ unitCode: string }>;
      months: Array<{ period: string; dueDate: string; deadlinePassed: boolean; daysLeft: number }>;
    };
    expect(status.units.map((u) => u.unitCode)).toEqual(['anting']);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: '/api/reporting-status?planCode=browser-2021&unitCode=jiangqiao',
          headers: bearer(token),
        })
      ).statusCode,
    ).toBe(403);
    const july = status.months.find((m) => m.period === '2021-07')!;
    expect(july).toMatchObject({ dueDate: '2021-08-10', deadlinePassed: true, daysLeft: -2 });
    await eventually(async () =>
      expect(
        await page.getByText(`报送期：2021年7月 · 已逾期 ${-july.daysLeft} 天（截止 ${july.dueDate}）`).count(),
      ).toBe(3),
    );
    // The ☰ menu button sits in the top bar, clear of the headings.
    const menu = await page.getByRole('button', { name: '菜单' }).boundingBox();
    for (const name of ['本单位填报', '本期待报']) {
      const heading = await page.getByRole('heading', { name, exact: true }).boundingBox();
      expect(
        menu &&
          heading &&
          (menu.y + menu.height <= heading.y ||
            heading.y + heading.height <= menu.y ||
            menu.x + menu.width <= heading.x ||
            heading.x + heading.width <= menu.x),
      ).toBe(true);
    }
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '本单位填报' }).click();
    await eventually(async () =>
      expect(await page.getByRole('button', { name: '菜单' }).getAttribute('aria-expanded')).toBe('false'),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-390');
    // Nothing is wider than the phone's screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

    await page.getByRole('button', { name: '填报 税收总收入' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('报送期').fill('2021-07');
    await dialog.getByLabel('累计完成值').fill('八十');
    await dialog.getByLabel('进展情况').fill('七月税收入库平稳');
    await dialog.getByLabel('存在问题').fill('个别企业缓缴');
    await dialog.getByLabel('下步打算').fill('加强征管');
    await dialog.getByRole('button', { name: '提交' }).click();
    // The API's errors[] entry for `value`, beside the field; what was typed stays.
    await eventually(async () =>
      expect(await dialog.locator('.ant-form-item-has-error').textContent()).toContain('累计完成值'),
    );
    expect(await dialog.getByLabel('进展情况').inputValue()).toBe('七月税收入库平稳');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-form-error-390');

    // The server takes the report but its answer is lost on the way: the page says so, the retry reuses the key.
    const id = targetId('I01', 'anting');
    let lost = 0;
    await page.route('**/api/targets/*/progress', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await dialog.getByLabel('累计完成值').fill('80');
    await dialog.getByRole('button', { name: '提交' }).click();
    await eventually(async () => expect(await dialog.getByRole('alert').textContent()).toContain('网络错误'));
    await dialog.getByRole('button', { name: '提交' }).click();
    const current = (await (
      await t.inject({ method: 'GET', url: `/api/targets/${id}`, headers: bearer(await t.adminToken()) })
    ).json()) as { status: string };
    const words: Record<string, string> = {
      green: '绿灯',
      yellow: '黄灯',
      red: '红灯',
      completed: '已完成',
      overdue: '逾期未报',
      not_started: '未开始',
    };
    await eventually(async () =>
      expect(await dialog.getByRole('status').textContent()).toBe(
        `2021年7月 已报送，当前状态：${words[current.status]}`,
      ),
    );
    const reports = (await history(id)).filter((e) => e.type === 'ProgressReported' && e.data.period === '2021-07');
    expect(reports).toHaveLength(1);
    await dialog.getByRole('button', { name: '关闭' }).first().click();

    // Correct July: 更正原因 is required.
    await page.getByRole('button', { name: '更正 税收总收入 2021年7月' }).click();
    const correction = page.getByRole('dialog');
    await correction.getByLabel('累计完成值').fill('82');
    await correction.getByRole('button', { name: '提交' }).click();
    await eventually(async () =>
      expect(await correction.locator('.ant-form-item-has-error').textContent()).toContain('更正原因必填'),
    );
    await correction.getByLabel('更正原因').fill('统计口径调整，补录两家企业');
    await correction.getByRole('button', { name: '提交' }).click();
    await correction.getByRole('status').filter({ hasText: '2021年7月 已更正' }).waitFor();
    expect((await history(id)).filter((e) => e.type === 'ProgressCorrected')).toHaveLength(1);
  });

  it('acknowledges a warning of the unit with 情况说明 and 整改措施', async () => {
    const reporter = await t.createUser(['unit'], 'jiangqiao');
    const warnings = async () =>
      (
        await t.inject({
          method: 'GET',
          url: '/api/warnings?unitCode=jiangqiao',
          headers: bearer(await t.adminToken()),
        })
      ).json() as Array<{ id: string; state: string }>;
    const open = (await warnings()).filter((w) => w.state === 'raised' || w.state === 'escalated');
    expect(open.length).toBeGreaterThan(0);
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    const form = page.getByRole('form', { name: `情况说明 ${open[0].id}` });
    await form.getByLabel('情况说明').fill('受重点企业停产影响');
    await form.getByLabel('整改措施').fill('加快复产，三季度追回进度');
    await form.getByRole('button', { name: '提交说明' }).click();
    await eventually(async () =>
      expect((await warnings()).find((w) => w.id === open[0].id)?.state).toBe('acknowledged'),
    );
    await eventually(async () =>
      expect(await page.getByRole('form', { name: `情况说明 ${open[0].id}` }).count()).toBe(0),
    );
    expect(await seriousViolations(page)).toEqual([]);
  });
});
