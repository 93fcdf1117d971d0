import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ProjectionsService } from '../../src/projections/projections.service';
import { FixedClock } from '../../src/shared/clock';
import { bearer, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { SEED_START, seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

interface AuditAnswer {
  items: Array<{ position: string; streamId: string; type: string }>;
  nextBefore?: string;
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

describe.each(databaseKinds())('审计 audit page in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  let adjuster: TestUser;
  let auditor: { username: string; password: string };
  const now = new Date('2021-07-20T02:00:00Z');
  const clock = new FixedClock(SEED_START);
  const adjusted = targetId('I02', 'nanxiang');
  const audit = async (query: string): Promise<AuditAnswer> => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/audit?limit=20&${query}`,
      headers: bearer(await t.adminToken()),
    });
    expect(response.statusCode).toBe(200);
    return response.json() as AuditAnswer;
  };
  /** The rows the page shows, by the event's position (the table's row key). */
  const shownPositions = async () =>
    (
      await page
        .locator('tr[data-row-key]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key') ?? ''))
    ).sort();
  const positions = (answer: AuditAnswer) => answer.items.map((i) => i.position).sort();

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock });
    await seedPlan(t, clock, now);
    // A second office user adjusts one target: the one change of that actor, with before → after.
    adjuster = await t.userWith(['office']);
    const current = await t.inject({ method: 'GET', url: `/api/targets/${adjusted}`, headers: bearer(adjuster.token) });
    const adjustment = await t.inject({
      method: 'POST',
      url: `/api/targets/${adjusted}/adjustments`,
      headers: { ...bearer(adjuster.token), 'if-match': String(current.headers.etag) },
      payload: { assessment: { total: '90' }, reason: '年中调整：新增重大项目', approvalDocument: '测〔2021〕9号' },
    });
    expect(adjustment.statusCode).toBe(200);
    expect(await t.app.get(ProjectionsService).waitFor(await t.logEnd(), 60_000)).toBe(true);
    auditor = await t.createUser(['auditor']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await (
      await browser.newContext({
        viewport: DESKTOP,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      })
    ).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('the auditor sees every change, pages over the API’s pages, and the actor filter equals the API’s answer with before → after and a link to the target', async () => {
    await logIn(page, t.baseUrl, auditor.username, auditor.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计' }).click();
    await page.getByRole('heading', { name: '审计' }).waitFor();
    // Logging in records events too: the page is compared with the API's answer at the same moment.
    let first: AuditAnswer = { items: [] };
    await eventually(async () => {
      first = await audit('');
      expect(await shownPositions()).toEqual(positions(first));
    });
    expect(first.nextBefore).toBeDefined();
    const second = await audit(`before=${first.nextBefore}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'audit-1280');
    await page.getByRole('button', { name: '下一页' }).click();
    await eventually(async () => expect(await shownPositions()).toEqual(positions(second)));
    // Back on page 1: the newest entries again, as the API has them now (the trail keeps growing).
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByText('第 1 页').waitFor();
    // The trail keeps growing while the test runs: page 1 is the 20 newest entries up to the newest it shows.
    await eventually(async () => {
      const shown = await shownPositions();
      const newest = shown.reduce((max, p) => (BigInt(p) > max ? BigInt(p) : max), 0n);
      expect(newest).toBeGreaterThanOrEqual(BigInt(first.items[0].position));
      expect(shown).toEqual(positions(await audit(`before=${newest + 1n}`)));
    }, 30_000);

    const byActor = await audit(`actor=${adjuster.username}`);
    expect(byActor.items.map((i) => i.type)).toEqual(['TargetAdjusted']);
    await page.getByLabel('按操作人筛选（用户名）').fill(adjuster.username);
    await page.getByLabel('按操作人筛选（用户名）').press('Enter');
    await page.waitForURL(new RegExp(`actor=${adjuster.username}`));
    await eventually(async () => expect(await shownPositions()).toEqual(positions(byActor)));
    const row = page.locator(`tr[data-row-key="${byActor.items[0].position}"]`);
    await eventually(async () =>
      expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain('assessment.total: 80 → 90'),
    );
    expect(await row.textContent()).toContain('年中调整：新增重大项目');
    expect(await row.textContent()).toContain('测〔2021〕9号');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'audit-actor-1280');
    await row.getByRole('link', { name: `打开目标 ${adjusted}` }).click();
    await page.waitForURL(new RegExp(`/targets/${adjusted.replace(/\./g, '\\.')}$`));
  });

  it('filters by event type, unit and time range, and exports the filtered trail as .xlsx', async () => {
    await logIn(page, t.baseUrl, auditor.username, auditor.password);
    await page.goto(`${t.baseUrl}/audit`);
    await page.getByRole('heading', { name: '审计' }).waitFor();
    const reports = await audit('type=ProgressReported');
    await choose(page, '按事件类型筛选', '报送进展');
    await page.waitForURL(/type=ProgressReported/);
    await eventually(async () => expect(await shownPositions()).toEqual(positions(reports)));

    // Unit: the API's unitCode filter, paged by the API; its answer is the type's entries of that unit's targets.
    await choose(page, '按单位筛选', '安亭镇');
    await page.waitForURL(/unitCode=anting/);
    const ofAnting = await audit('type=ProgressReported&unitCode=anting');
    expect(ofAnting.items.length).toBeGreaterThan(0);
    expect(ofAnting.items.every((i) => i.streamId.endsWith('.anting') && i.type === 'ProgressReported')).toBe(true);
    // The newest of the type's first page that are Anting's are the newest of Anting's own first page.
    expect(positions(ofAnting)).toEqual(
      expect.arrayContaining(reports.items.filter((i) => i.streamId.endsWith('.anting')).map((i) => i.position)),
    );
    await eventually(async () => expect(await shownPositions()).toEqual(positions(ofAnting)));

    // Time range (Asia/Shanghai days): April's two reports were recorded on 2021-05-05, the rest on 2021-07-20.
    await page.goto(`${t.baseUrl}/audit?type=ProgressReported&from=2021-05-01&to=2021-05-31`);
    const may = await audit(
      `type=ProgressReported&from=${encodeURIComponent('2021-05-01T00:00:00+08:00')}&to=${encodeURIComponent('2021-05-31T23:59:59.999+08:00')}`,
    );
    expect(may.items).toHaveLength(2);
    await eventually(async () => expect(await shownPositions()).toEqual(positions(may)));
    expect(await page.getByLabel('开始日期').inputValue()).toBe('2021-05-01');
    // The end first: the start field may not pass the end it is bounded by.
    await page.getByLabel('结束日期').fill('2021-07-31');
    await page.waitForURL(/to=2021-07-31/);
    await page.getByLabel('开始日期').fill('2021-07-21');
    await page.waitForURL(/from=2021-07-21/);
    expect(
      (await audit(`type=ProgressReported&from=${encodeURIComponent('2021-07-21T00:00:00+08:00')}`)).items,
    ).toHaveLength(0);
    await page.getByText('没有符合所选条件的变更').waitFor();
    await page.goto(`${t.baseUrl}/audit?type=ProgressReported&from=2021-05-01&to=2021-05-31`);
    await eventually(async () => expect(await shownPositions()).toEqual(positions(may)));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit.xlsx');
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  });

  it('says 无权访问 to a unit user', async () => {
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    await page.goto(`${t.baseUrl}/audit`);
    await page.getByText('无权访问').first().waitFor();
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计' }).count()).toBe(0);
  });
});
