import type { Browser, Page } from 'playwright-core';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, SEED_START, seedPlan } from './support/seed-plan';
import { eventually, logIn } from './support/session';

const STATUS_WORDS: Record<string, string> = {
  completed: '已完成',
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  overdue: '逾期未报',
  not_started: '未开始',
};

describe.each(databaseKinds())('workbench shell and dashboard in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  let office: { username: string; password: string };
  const now = new Date('2021-07-20T02:00:00Z');
  const clock = new FixedClock(SEED_START);
  const api = async <T>(url: string, token?: string): Promise<T> => {
    const response = await t.inject({ method: 'GET', url, headers: bearer(token ?? (await t.adminToken())) });
    expect(response.statusCode).toBe(200);
    return response.json() as T;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock });
    await seedPlan(t, clock, now);
    await t.app.get(DeadlineScheduler).tick();
    office = await t.createUser(['office']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    ).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('says a wrong password in words, logs the office in to the dashboard, keeps the session over a reload and logs out', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.waitForURL(/\/login$/);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByLabel('用户名').fill(office.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toContain('用户名或密码错误'));
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('密码').fill(office.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${t.baseUrl}/`);
    await page.getByRole('heading', { name: /总览/ }).waitFor();
    // The top bar is one line at 1280 px: plan, 时间回溯 (picker and month slider), bell and the user menu side by side.
    await page.getByRole('slider', { name: '回溯到月末' }).waitFor();
    const bar = page.getByRole('banner');
    const tops = await Promise.all(
      [page.getByLabel('计划'), page.getByLabel('回溯到时间'), page.getByRole('button', { name: /^账户/ })].map(
        async (control) => (await control.boundingBox())!,
      ),
    );
    const barBox = (await bar.boundingBox())!;
    // One row: every control starts near the bar's top (a wrapped second row would start 40 px or more lower).
    expect(barBox.height).toBeLessThan(90);
    for (const box of tops) {
      expect(box.y - barBox.y).toBeLessThan(30);
      expect(box.y + box.height).toBeLessThanOrEqual(barBox.y + barBox.height);
    }
    await page.reload();
    await page.getByRole('heading', { name: /总览/ }).waitFor();
    const nav = page.getByRole('navigation', { name: '主导航' });
    // Every page has its entry now (用户管理 included); none leads to 页面不存在.
    for (const item of ['总览', '目标', '预警', '分解核对', '审计', '通知渠道', '通报', '导入', '用户管理', '计划'])
      await nav.getByRole('link', { name: item }).waitFor();
    // The user menu (the name at the bar's right end) holds 退出登录.
    await page.getByRole('button', { name: /^账户/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${t.baseUrl}/`);
    await page.waitForURL(/\/login$/);
  });

  it('shows the API’s dashboard counts by status, and a heat-map cell leads to exactly the targets behind it', async () => {
    const dashboard = await api<{ totals: Record<string, number> }>(`/api/dashboard?planCode=${PLAN}`);
    await logIn(page, t.baseUrl, office.username, office.password);
    for (const [status, word] of Object.entries(STATUS_WORDS)) {
      await eventually(async () => {
        const text = await page.getByRole('group', { name: word }).textContent();
        expect(text).toContain(word);
        expect(text?.replace(word, '').replace(/[^\d]/g, '')).toBe(String(dashboard.totals[status]));
      });
    }
    expect(dashboard.totals.total).toBe(9);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-1280');

    const rows = await api<Array<{ targetId: string; unitCode: string; category: string }>>(
      `/api/completion?planCode=${PLAN}`,
    );
    const behind = rows
      .filter((r) => r.unitCode === 'jiangqiao' && r.category === '经济发展')
      .map((r) => r.targetId)
      .sort();
    expect(behind).toHaveLength(2);
    await page.getByRole('link', { name: /^江桥镇 · 经济发展：2 个目标/ }).click();
    await page.waitForURL(/\/targets\?/);
    expect(new URL(page.url()).searchParams.get('unitCode')).toBe('jiangqiao');
    await eventually(async () => {
      const links = await page
        .getByRole('table')
        .getByRole('link')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.map((href) => decodeURIComponent(String(href).replace('/targets/', ''))).sort()).toEqual(behind);
    });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the past as the API’s asOf answers it, with the 历史视图 banner, the asOf in the URL and 返回当前', async () => {
    const asOf = '2021-05-31T15:59:59.000Z';
    const then = await api<{ totals: Record<string, number> }>(`/api/dashboard?planCode=${PLAN}&asOf=${asOf}`);
    const now = await api<{ totals: Record<string, number> }>(`/api/dashboard?planCode=${PLAN}`);
    expect(then.totals).not.toEqual(now.totals);
    await logIn(page, t.baseUrl, office.username, office.password);
    // The month slider: May's end of the plan year.
    // The month slider by keyboard, a step at a time until the URL says the end of May.
    const slider = page.getByRole('slider', { name: '回溯到月末' });
    const urlAsOf = () => new URL(page.url()).searchParams.get('asOf');
    for (let step = 0; step < 12 && urlAsOf() !== asOf; step++) {
      await slider.focus();
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(150);
    }
    expect(urlAsOf()).toBe(asOf);
    await page.getByRole('status').filter({ hasText: '历史视图（截至 2021-05-31 23:59）' }).waitFor();
    for (const [status, word] of Object.entries(STATUS_WORDS)) {
      await eventually(async () => {
        const text = await page.getByRole('group', { name: word }).textContent();
        expect(text?.replace(word, '').replace(/[^\d]/g, '')).toBe(String(then.totals[status]));
      });
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-as-of-1280');

    // A link to the past loads directly (deep link), then 返回当前 shows now.
    await page.goto(`${t.baseUrl}/?asOf=${encodeURIComponent(asOf)}`);
    await page.getByRole('status').filter({ hasText: '历史视图' }).waitFor();
    await page.getByRole('button', { name: '返回当前' }).click();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('asOf')).toBeNull());
    await eventually(async () => {
      const text = await page.getByRole('group', { name: '红灯' }).textContent();
      expect(text?.replace('红灯', '').replace(/[^\d]/g, '')).toBe(String(now.totals.red));
    });
  });

  it('shows 报送情况 as the API counts it: every unit × month cell says the API’s numbers and leads to the unit’s targets', async () => {
    interface Status {
      months: Array<{ period: string; dueDate: string; deadlinePassed: boolean }>;
      units: Array<{
        unitCode: string;
        unitName: string | null;
        cells: Array<{
          period: string;
          due: number;
          reported: number;
          answered: number;
          overdue: number;
          pending: number;
        }>;
      }>;
    }
    const status = await api<Status>(`/api/reporting-status?planCode=${PLAN}`);
    // The clock is 20 July: January to July, June's deadline passed and recorded, July's not yet.
    expect(status.months.map((m) => m.period)).toEqual([
      '2021-01',
      '2021-02',
      '2021-03',
      '2021-04',
      '2021-05',
      '2021-06',
      '2021-07',
    ]);
    expect(status.units.map((u) => u.unitCode)).toEqual(['anting', 'jiangqiao', 'nanxiang']);
    const june = (unit: string) =>
      status.units.find((u) => u.unitCode === unit)!.cells.find((c) => c.period === '2021-06')!;
    expect(june('anting')).toMatchObject({ due: 3, reported: 3, overdue: 0 });
    expect(june('nanxiang')).toMatchObject({ due: 3, reported: 0, overdue: 3 });
    await logIn(page, t.baseUrl, office.username, office.password);
    const matrix = page.getByRole('region', { name: '报送情况' });
    await matrix.waitFor();
    for (const unit of status.units) {
      for (const cell of unit.cells) {
        const month = `2021年${Number(cell.period.slice(5))}月`;
        const label = `${unit.unitName} · ${month}：应报 ${cell.due}，已报 ${cell.reported}，后报补齐 ${cell.answered}，逾期未报 ${cell.overdue}，待报 ${cell.pending}`;
        await eventually(async () =>
          expect(await matrix.getByRole('link', { name: label, exact: true }).count()).toBe(1),
        );
        expect(await matrix.getByRole('link', { name: label, exact: true }).textContent()).toContain(
          `${cell.reported + cell.answered}/${cell.due}`,
        );
      }
    }
    const late = status.units.filter((u) => u.cells.find((c) => c.period === '2021-06')!.overdue > 0).length;
    expect(late).toBe(2);
    await page.getByText(`2021年6月（2021-07-10 截止）：${late} 个单位逾期未报`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await matrix.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-reporting-status-1280');

    // Only the units with missing reports, then a cell of nanxiang → its targets.
    await page.getByRole('switch', { name: '只看有未报的单位' }).click();
    const missing = status.units.filter((u) => u.cells.some((c) => c.overdue || c.pending)).length;
    await eventually(async () => expect(await matrix.getByRole('row').count()).toBe(missing + 1));
    await matrix.getByRole('link', { name: /^南翔镇 · 2021年6月：/ }).click();
    await page.waitForURL(/\/targets\?/);
    expect(new URL(page.url()).searchParams.get('unitCode')).toBe('nanxiang');
    const own = (
      await api<Array<{ targetId: string; unitCode: string }>>(`/api/completion?planCode=${PLAN}&unitCode=nanxiang`)
    )
      .map((r) => r.targetId)
      .sort();
    await eventually(async () => {
      const links = await page
        .getByRole('table')
        .getByRole('link')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.map((href) => decodeURIComponent(String(href).replace('/targets/', ''))).sort()).toEqual(own);
    });
  });

  it('travels back by the date-time picker (zh_CN calendar, Asia/Shanghai wall time) as the API’s asOf answers', async () => {
    const asOf = '2021-05-31T15:59:00.000Z';
    const then = await api<{ totals: Record<string, number> }>(`/api/dashboard?planCode=${PLAN}&asOf=${asOf}`);
    const heat = await api<{ cells: Array<{ unitCode: string; category: string; count: number; worst: string }> }>(
      `/api/dashboard/heat-map?planCode=${PLAN}&asOf=${asOf}`,
    );
    await logIn(page, t.baseUrl, office.username, office.password);
    const picker = page.getByLabel('回溯到时间');
    await picker.click();
    // Ant Design's calendar in Chinese: 今天 / 确定, weekday heads 一 … 日.
    await page.getByRole('button', { name: '确定' }).waitFor();
    expect(await page.locator('.ant-picker-dropdown').textContent()).toMatch(/一.*二.*三.*四.*五.*六.*日/);
    await picker.fill('2021-05-31 23:59');
    await picker.press('Enter');
    await eventually(async () => expect(new URL(page.url()).searchParams.get('asOf')).toBe(asOf));
    await page.getByRole('status').filter({ hasText: '历史视图（截至 2021-05-31 23:59）' }).waitFor();
    expect(await picker.inputValue()).toBe('2021-05-31 23:59');
    for (const [status, word] of Object.entries(STATUS_WORDS)) {
      await eventually(async () => {
        const text = await page.getByRole('group', { name: word }).textContent();
        expect(text?.replace(word, '').replace(/[^\d]/g, '')).toBe(String(then.totals[status]));
      });
    }
    // The heat map then is the API's heat map then.
    for (const cell of heat.cells) {
      const unit = { anting: '安亭镇', jiangqiao: '江桥镇', nanxiang: '南翔镇' }[cell.unitCode];
      const name = `${unit} · ${cell.category}：${cell.count} 个目标，最差 ${STATUS_WORDS[cell.worst]}`;
      await eventually(async () => expect(await page.getByRole('link', { name, exact: true }).count()).toBe(1));
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tells a unit reporter 无权访问 on the dashboard’s pages, and switches to English', async () => {
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    await page.goto(`${t.baseUrl}/targets`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^账户/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Access denied' }).waitFor();
  });
});
