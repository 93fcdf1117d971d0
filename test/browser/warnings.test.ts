import type { Browser, Page } from 'playwright-core';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { ProjectionsService } from '../../src/projections/projections.service';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, PHONE, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, SEED_START, seedPlan } from './support/seed-plan';
import { eventually, logIn } from './support/session';

interface ApiWarning {
  id: string;
  targetId: string;
  unitCode: string;
  unitName: string;
  indicatorCode: string;
  indicatorName: string;
  level: string;
  state: string;
  kind: string;
  period: string;
  history: Array<{ type: string }>;
}

/** Picks an option of an Ant Design select found by its label, as a mouse user does. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

const containsText = async (scope: ReturnType<Page['getByRole']>, text: string) =>
  expect(await scope.textContent()).toContain(text);
const month = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5))}月`;
/** The name of a row's 查看 button, as the page builds it from the warning's unit, indicator and period. */
const KINDS: Record<string, string> = { status: '进度预警', overdue: '逾期预警' };
const viewButton = (w: ApiWarning) =>
  `查看预警 ${w.unitName} ${w.indicatorCode} ${w.indicatorName} ${month(w.period)} ${KINDS[w.kind]}`;

describe.each(databaseKinds())('预警 warnings page in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  let office: { username: string; password: string };
  const now = new Date('2021-07-20T02:00:00Z');
  const clock = new FixedClock(SEED_START);
  const answer = async (query: string, limit = 500) => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/warnings?planCode=${PLAN}&limit=${limit}&${query}`,
      headers: bearer(await t.adminToken()),
    });
    expect(response.statusCode).toBe(200);
    return { items: response.json() as ApiWarning[], next: response.headers['x-next-cursor'] as string | undefined };
  };
  const warnings = async (query: string) => (await answer(query)).items;
  const shownNames = async () =>
    (
      await page
        .getByRole('button', { name: /^查看预警 / })
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''))
    ).sort();

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock });
    await seedPlan(t, clock, now);
    await t.app.get(DeadlineScheduler).tick();
    // The deadlines' warnings are raised by the reactor after the tick: wait until it and the read models reach the head.
    expect(await t.app.get(ProjectionsService).waitFor(await t.logEnd(), 60_000)).toBe(true);
    office = await t.createUser(['office']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await page?.context().close();
  });
  const desktop = async () => {
    page = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    ).newPage();
    page.setDefaultTimeout(10_000);
  };

  it('office pages over the API’s paging and filters by level: the rows are the API’s answer, the filter is in the URL', async () => {
    await desktop();
    // More open warnings than a page (20): page 1 and page 2 are the API's pages.
    const first = await answer('state=open', 20);
    expect(first.next).toBeDefined();
    const second = await answer(`state=open&cursor=${first.next}`, 20);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '预警' }).click();
    await page.getByRole('heading', { name: /预警/ }).waitFor();
    await eventually(async () => expect(await shownNames()).toEqual(first.items.map(viewButton).sort()));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'warnings-1280');
    await page.getByRole('button', { name: '下一页' }).click();
    await eventually(async () => expect(await shownNames()).toEqual(second.items.map(viewButton).sort()));
    await page.getByText('第 2 页').waitFor();
    await page.getByRole('button', { name: '上一页' }).click();
    await eventually(async () => expect(await shownNames()).toEqual(first.items.map(viewButton).sort()));

    for (const [level, word] of [
      ['red', '红色预警'],
      ['yellow', '黄色预警'],
    ] as const) {
      const expected = (await answer(`level=${level}`, 20)).items;
      await choose(page, '按级别筛选', word);
      await page.waitForURL(new RegExp(`level=${level}`));
      await eventually(async () => expect(await shownNames()).toEqual(expected.map(viewButton).sort()));
      expect(expected.every((w) => w.level === level)).toBe(true);
      if (!expected.length) await page.getByText('没有符合所选条件的预警').waitFor();
    }
    // A linked filtered view loads as it was shared.
    await page.goto(`${t.baseUrl}/warnings?level=red&unitCode=jiangqiao`);
    const linked = (await answer('level=red&unitCode=jiangqiao', 20)).items;
    await eventually(async () => expect(await shownNames()).toEqual(linked.map(viewButton).sort()));
  });

  it('filters by category and period through the API, which pages over the filtered list', async () => {
    await desktop();
    const all = (await answer('state=all')).items;
    // The busiest month of the seed: more of its warnings than fit a page of 20 when the seed has that many.
    const counts = new Map<string, number>();
    for (const w of all) counts.set(w.period, (counts.get(w.period) ?? 0) + 1);
    const [period] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const expected = await answer(`state=all&period=${period}`, 20);
    expect(expected.items.length).toBeGreaterThan(0);
    expect(expected.items.every((w) => w.period === period)).toBe(true);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/warnings?state=all`);
    await page.getByRole('heading', { name: /预警/ }).waitFor();
    await choose(page, '按报送期筛选', month(period));
    await page.waitForURL(new RegExp(`period=${period}`));
    await eventually(async () => expect(await shownNames()).toEqual(expected.items.map(viewButton).sort()));
    await page.getByText(`第 1 页 · 本页 ${expected.items.length} 条`).waitFor();
    if (expected.next) {
      const second = (await answer(`state=all&period=${period}&cursor=${expected.next}`, 20)).items;
      await page.getByRole('button', { name: '下一页' }).click();
      await eventually(async () => expect(await shownNames()).toEqual(second.map(viewButton).sort()));
    }
    // Category: the seed's 社会民生 indicator only; a linked view with both filters loads as shared.
    const social = (await answer(`state=all&category=${encodeURIComponent('社会民生')}`, 20)).items;
    expect(social.length).toBeLessThan(all.length);
    await page.goto(`${t.baseUrl}/warnings?state=all&category=${encodeURIComponent('社会民生')}`);
    await eventually(async () => expect(await shownNames()).toEqual(social.map(viewButton).sort()));
    if (!social.length) await page.getByText('没有符合所选条件的预警').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens one warning from a link (/warnings?warning=<id>, as notifications link it) and closes back to the list', async () => {
    await desktop();
    const [w] = (await answer('state=all')).items;
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/warnings?warning=${encodeURIComponent(w.id)}`);
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`${w.indicatorCode} ${w.indicatorName}`).first().waitFor({ timeout: 30_000 });
    await containsText(drawer, w.unitName);
    await containsText(drawer, month(w.period));
    await eventually(async () =>
      expect(await drawer.locator('.warning-timeline-entry').count()).toBe(w.history.length),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await drawer.getByRole('button', { name: '关闭' }).click();
    await page.waitForURL((url) => !url.searchParams.has('warning'));
    await page
      .getByRole('button', { name: /^查看预警 / })
      .first()
      .waitFor();
  });

  it('a unit user sees only its own unit’s warnings at phone width and acknowledges one: the state changes on screen and in the API', async () => {
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
    const own = (await warnings('unitCode=jiangqiao')).filter((w) => w.state === 'raised' || w.state === 'escalated');
    expect(own.length).toBeGreaterThan(0);
    expect((await warnings('')).some((w) => w.unitCode !== 'jiangqiao')).toBe(true);
    const reporter = await t.createUser(['unit'], 'jiangqiao');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    await page.goto(`${t.baseUrl}/warnings`);
    await page.getByRole('heading', { name: /预警/ }).waitFor();
    const all = (await answer('unitCode=jiangqiao', 20)).items;
    await eventually(async () => expect(await shownNames()).toEqual(all.map(viewButton).sort()));
    expect((await shownNames()).every((name) => name.startsWith('查看预警 江桥镇 '))).toBe(true);
    expect(await page.getByText('安亭镇').count()).toBe(0);
    expect(await page.getByText('南翔镇').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'warnings-390');

    const target = own[0];
    await page.getByRole('button', { name: viewButton(target) }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('heading', { name: '预警过程' }).waitFor();
    const form = drawer.getByRole('form', { name: `情况说明 ${target.id}` });
    await form.getByLabel('情况说明').fill('受重点企业停产影响，六月入库减少');
    await form.getByLabel('整改措施').fill('加快复产，三季度追回进度');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'warnings-detail-390');
    await form.getByRole('button', { name: '提交说明' }).click();
    await eventually(async () =>
      expect((await warnings('unitCode=jiangqiao&state=all')).find((w) => w.id === target.id)?.state).toBe(
        'acknowledged',
      ),
    );
    // On screen: the drawer's state and timeline, the form gone.
    await eventually(async () =>
      expect(await drawer.getByRole('form', { name: `情况说明 ${target.id}` }).count()).toBe(0),
    );
    await drawer.getByText('已说明').first().waitFor();
    await drawer.getByText('受重点企业停产影响，六月入库减少').waitFor();
    await drawer.getByRole('button', { name: '关闭' }).first().click();
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: viewButton(target) }) });
    await eventually(async () => expect(await row.textContent()).toContain('已说明'));
    // Another unit's warnings asked for in the URL: the API refuses, the page says so.
    await page.goto(`${t.baseUrl}/warnings?unitCode=anting`);
    await page.getByText('无权访问').first().waitFor();
  });

  it('shows a warning’s lifecycle as a timeline in recorded order: raised, acknowledged, cleared', async () => {
    // nanxiang never reported: an overdue warning. The office acknowledges it for the unit, then the report arrives and clears it.
    const overdue = (await warnings('unitCode=nanxiang')).find((w) => w.kind === 'overdue');
    expect(overdue).toBeDefined();
    const w = overdue!;
    const ack = await t.inject({
      method: 'POST',
      url: `/api/warnings/${w.id}/acknowledgements`,
      headers: bearer(await t.adminToken()),
      payload: { explanation: '填报员调岗，交接延误', measures: '已指定新填报员，本周补报' },
    });
    expect(ack.statusCode).toBe(200);
    const report = await t.inject({
      method: 'POST',
      url: `/api/targets/${w.targetId}/progress`,
      headers: bearer(await t.adminToken()),
      payload: { period: w.period, value: '60', narrative: '补报' },
    });
    expect(report.statusCode).toBeLessThan(300);
    const after = (await warnings('unitCode=nanxiang&state=all')).find((x) => x.id === w.id)!;
    expect(after.state).toBe('cleared');
    const words: Record<string, string> = {
      WarningRaised: '发出预警',
      WarningUpdated: '预警更新',
      WarningEscalated: '预警升级',
      WarningAcknowledged: '单位说明',
      WarningCleared: '预警解除',
    };
    const expected = after.history.map((h) => words[h.type]);
    expect(expected).toEqual(['发出预警', '单位说明', '预警解除']);

    await desktop();
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/warnings?state=all&unitCode=nanxiang`);
    await page.getByRole('button', { name: viewButton(after) }).click();
    await page.waitForURL(/warning=/);
    const drawer = page.getByRole('dialog');
    const timeline = drawer.locator('.warning-timeline');
    await eventually(async () => {
      const entries = await timeline.locator('.warning-timeline-entry strong').allTextContents();
      expect(entries).toEqual(expected);
    });
    expect(await timeline.textContent()).toContain('填报员调岗，交接延误');
    // No acknowledgement form for the office, nor for a cleared warning.
    expect(await drawer.getByRole('form').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'warnings-timeline-1280');
    // The detail is a link: reloading the URL opens the same warning.
    await page.reload();
    await eventually(async () =>
      expect(await page.getByRole('dialog').locator('.warning-timeline-entry strong').allTextContents()).toEqual(
        expected,
      ),
    );
  });

  it('shows the list as of a past moment (the API’s asOf) with the historical banner', async () => {
    await desktop();
    const asOf = '2021-05-31T15:59:59.000Z';
    const then = (await answer(`asOf=${encodeURIComponent(asOf)}`, 20)).items;
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/warnings?asOf=${encodeURIComponent(asOf)}`);
    await page.getByText(/历史视图（截至 2021-05-31 23:59）/).waitFor();
    await eventually(async () => expect(await shownNames()).toEqual(then.map(viewButton).sort()));
    if (!then.length) await page.getByText('截至该时间没有符合条件的预警').waitFor();
  });
});
