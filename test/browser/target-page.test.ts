import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, SEED_START, seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

describe.each(databaseKinds())('目标详情 in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  const now = new Date('2021-07-20T02:00:00Z');
  const clock = new FixedClock(SEED_START);

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
    page = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    ).newPage();
    // Under load the first visit loads the ECharts chunk and the server answers slowly: waits are for what the
    // page shows, never fixed sleeps, with room for a busy machine.
    page.setDefaultTimeout(30_000);
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('shows the chart and reports; the office adjusts with reason and document and the history shows before → after; a stale revision is explained', async () => {
    const office = await t.createUser(['office']);
    const id = targetId('I01', 'anting');
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/targets/${id}`);
    await page
      .getByRole('heading', { name: /税收总收入/ })
      .first()
      .waitFor();
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
    }, 30_000);
    // The page holds the adjusted target (its revision) before anyone else writes: the history and the target
    // are separate requests, and a target refetch still in flight when the other adjustment lands would read
    // the newer revision and make the next submit succeed instead of meeting the 412 this test is about.
    const current = (
      await t.inject({ method: 'GET', url: `/api/targets/${id}`, headers: bearer(await t.adminToken()) })
    ).json() as { revision: string; assessment: { total: string } };
    expect(current.assessment.total).toBe('110');
    await eventually(
      async () => expect(await page.locator('.ant-descriptions').textContent()).toMatch(/考核目标[：:]?\s*110[.\s]/),
      30_000,
    );
    await page.waitForLoadState('networkidle');

    // Someone else adjusts meanwhile: the page's revision is stale.
    await page.getByRole('button', { name: '调整目标' }).click();
    const other = await t.inject({
      method: 'POST',
      url: `/api/targets/${id}/adjustments`,
      headers: { ...bearer(await t.adminToken()), 'if-match': `"${current.revision}"` },
      payload: { assessment: { total: '105' }, reason: '再次调整', approvalDocument: '嘉府办〔2021〕16号' },
    });
    expect(other.statusCode).toBe(200);
    await dialog.getByLabel('新的目标值').fill('100');
    await dialog.getByLabel('调整原因').fill('第三次调整');
    await dialog.getByLabel('批准文件').fill('嘉府办〔2021〕17号');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog', { name: /目标已被他人修改（版本已变化）/ }).waitFor();
    await eventually(async () => expect(await history.textContent()).toContain('嘉府办〔2021〕16号'), 30_000);
    expect(await history.textContent()).not.toContain('嘉府办〔2021〕17号');
  });

  it('shows the target as it stood then (?asOf=): the API’s asOf figures, reports and history up to that moment, writes disabled', async () => {
    const office = await t.createUser(['office']);
    const id = targetId('I01', 'jiangqiao');
    const asOf = '2021-05-31T15:59:59.000Z';
    const get = async <T>(url: string) => {
      const response = await t.inject({ method: 'GET', url, headers: bearer(await t.adminToken()) });
      expect(response.statusCode).toBe(200);
      return response.json() as T;
    };
    const then = await get<{
      status: string;
      latest: { period: string; value: string };
      periods: Array<{ period: string }>;
    }>(`/api/targets/${id}/as-of?asOf=${asOf}`);
    const row = (
      await get<Array<{ targetId: string; period: string; value: string; status: string }>>(
        `/api/completion?planCode=browser-2021&asOf=${asOf}`,
      )
    ).find((r) => r.targetId === id)!;
    // The target's own as-of answer agrees with the completion as of then: April's 38, not June's 20.
    expect(then.latest).toMatchObject({ period: '2021-04', value: row.value });
    expect(row).toMatchObject({ period: '2021-04', value: '38' });
    expect(then.status).toBe(row.status);
    expect(then.periods.map((p) => p.period)).toEqual(['2021-04']);

    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/targets/${id}?asOf=${encodeURIComponent(asOf)}`);
    await page.getByRole('status').filter({ hasText: '历史视图（截至 2021-05-31 23:59）' }).waitFor();
    await page.getByRole('region', { name: '2021年4月' }).getByText('一季度开局平稳').waitFor();
    expect(await page.getByRole('region', { name: '2021年6月' }).count()).toBe(0);
    await page.getByRole('img', { name: '累计完成 vs 序时进度' }).locator('svg').waitFor();
    const words: Record<string, string> = {
      green: '绿灯',
      yellow: '黄灯',
      red: '红灯',
      completed: '已完成',
      overdue: '逾期未报',
      not_started: '未开始',
    };
    expect(await page.locator('.ant-descriptions').textContent()).toContain(words[then.status]);
    const history = page.getByRole('table', { name: '履历' });
    await eventually(async () =>
      expect(await history.getByRole('row').filter({ hasText: '报送进展' }).count()).toBe(1),
    );
    expect(await history.textContent()).not.toContain('一季度数据口径核减');
    expect(await page.getByRole('button', { name: '调整目标' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'target-as-of-1280');

    await page.getByRole('button', { name: '返回当前' }).click();
    await page.getByRole('region', { name: '2021年6月' }).waitFor();
    await eventually(async () =>
      expect(await history.getByRole('row').filter({ hasText: '报送进展' }).count()).toBe(2),
    );
    expect(await page.getByRole('button', { name: '调整目标' }).isDisabled()).toBe(false);
  });

  it('tells a unit reporter 无权访问 for another unit’s target', async () => {
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    await page.goto(`${t.baseUrl}/targets/${targetId('I01', 'jiangqiao')}`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(await page.getByText('按计划推进').count()).toBe(0);
    await page.goto(`${t.baseUrl}/targets/${targetId('I01', 'anting')}`);
    await page
      .getByRole('heading', { name: /税收总收入/ })
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: '调整目标' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a growth target (增幅) as one: the target growth in words, reported growth against the target line, legend clear of the months, status and lifecycle apart', async () => {
    const admin = async () => bearer(await t.adminToken());
    const post = async (url: string, payload: object) => {
      const response = await t.inject({ method: 'POST', url, payload, headers: await admin() });
      expect({ url, status: response.statusCode, body: response.statusCode < 300 ? '' : response.body }).toEqual({
        url,
        status: expect.any(Number),
        body: '',
      });
      return response.json() as { status?: string };
    };
    await post(`/api/plans/${PLAN}/indicators`, {
      code: 'G01',
      category: '经济发展',
      name: '规上工业增加值增幅',
      unitOfMeasure: '%',
      kind: 'growth',
    });
    await post('/api/targets', {
      planCode: PLAN,
      indicatorCode: 'G01',
      unitCode: 'anting',
      assessment: { growthPct: '8' },
    });
    const id = targetId('G01', 'anting');
    await post(`/api/targets/${id}/progress`, { period: '2021-05', growthPct: '9.2', narrative: '增长较快' });
    await post(`/api/targets/${id}/progress`, { period: '2021-06', growthPct: '6.5', narrative: '增速回落' });
    const target = (await t.inject({ method: 'GET', url: `/api/targets/${id}`, headers: await admin() })).json() as {
      status: string;
      periods: Array<{ period: string; growthPct: string; status: string }>;
    };
    expect(target.periods.map((p) => [p.period, p.growthPct])).toEqual([
      ['2021-05', '9.2'],
      ['2021-06', '6.5'],
    ]);

    const office = await t.createUser(['office']);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/targets/${id}`);
    const details = page.locator('.ant-descriptions');
    await eventually(async () => expect(await details.textContent()).toContain('增幅 8.0 %'), 30_000);
    expect(await details.textContent()).not.toMatch(/考核目标[：:]?\s*—/);
    const chart = page.getByRole('img', { name: '增幅 vs 目标增幅' });
    await chart.locator('svg').waitFor();
    const svgText = async (text: string) => {
      const box = await chart
        .locator('svg text')
        .filter({ hasText: new RegExp(`^${text}$`) })
        .first()
        .boundingBox();
      expect(box).not.toBeNull();
      return box!;
    };
    // Bars of the reported growth, the target line labelled with the target growth; one label per month.
    await eventually(async () => expect(await chart.locator('svg').textContent()).toContain('目标增幅 8.0 %'));
    const legend = await svgText('增幅');
    for (const month of ['5月', '6月']) {
      const label = await svgText(month);
      // The legend sits above the plot, the months below it: no overlap.
      expect(legend.y + legend.height).toBeLessThan(label.y);
    }
    // Two bars (May, June) and the legend's swatch in the bars' colour.
    expect(await chart.locator('svg path[fill="#1d4ed8"]').count()).toBeGreaterThanOrEqual(3);
    // 状态: the status tag and 有效 are two tags with room between them, not "红灯有效".
    const status = details.locator('.tag-row');
    const [tag, lifecycle] = [
      (await status.locator('.status-tag').boundingBox())!,
      (await status.locator('.lifecycle-tag').boundingBox())!,
    ];
    expect(lifecycle.x - (tag.x + tag.width)).toBeGreaterThanOrEqual(4);
    expect(await status.locator('.lifecycle-tag').textContent()).toBe('有效');
    // The text alternative: each month's reported growth and the server's status.
    await page.getByText('图表数据（文字版）').click();
    const rows = page.locator('details table tbody tr');
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/2021年5月\s*9\.2 %/),
      expect.stringMatching(/2021年6月\s*6\.5 %/),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'target-growth-1280');
  });
});
