import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/shared/clock';
import { PLAN_SHEET } from '../../src/seeding/workbook/workbook-layout';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, PHONE, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, seedPlan } from './support/seed-plan';
import { eventually, logIn, waitShowingPage } from './support/session';

describe.each(databaseKinds())('计划 (plan workbooks) in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  let work: string;
  const now = new Date('2021-08-12T02:00:00Z');
  const clock = new FixedClock(now);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'plans-browser-'));
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock });
    await seedPlan(t, clock, now);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });
  afterEach(async () => {
    await page?.context().close();
  });

  it('exports a plan, previews a workbook (errors by sheet and cell, then each entity’s fate) and imports it', async () => {
    page = await (
      await browser.newContext({
        viewport: DESKTOP,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      })
    ).newPage();
    page.setDefaultTimeout(20_000);
    const office = await t.createUser(['office']);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '计划' }).click();
    await page.getByRole('heading', { name: '计划', level: 1 }).waitFor();
    await page.getByRole('cell', { name: PLAN }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Export: the browser receives the workbook of the plan.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /导出计划工作簿：/ })
        .first()
        .click(),
    ]);
    const exported = join(work, 'exported.xlsx');
    await download.saveAs(exported);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(exported) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(PLAN_SHEET)?.getCell('B2').value).toBe(PLAN);

    // A copy as another year's plan, with one error: the preview names the sheet and the cell.
    wb.getWorksheet(PLAN_SHEET)!.getCell('B2').value = 'browser-2022';
    wb.getWorksheet(PLAN_SHEET)!.getCell('B3').value = '二〇二二';
    const broken = join(work, 'broken.xlsx');
    writeFileSync(broken, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.locator('input[type=file]').setInputFiles(broken);
    await page.getByRole('button', { name: '预览' }).click();
    const errors = page.getByRole('region', { name: '工作簿错误' });
    await waitShowingPage(page, errors.getByText(/有 1 处错误/));
    await errors.getByRole('cell', { name: 'B3' }).waitFor();
    expect(await page.getByRole('button', { name: '导入' }).isDisabled()).toBe(true);

    wb.getWorksheet(PLAN_SHEET)!.getCell('B3').value = '2022';
    const fixed = join(work, 'browser-2022.xlsx');
    writeFileSync(fixed, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.locator('input[type=file]').setInputFiles(fixed);
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('region', { name: '导入预览' });
    await preview.getByText('预览：browser-2022').waitFor();
    // 3 units already there, the plan, 3 indicators and 9 targets new.
    await preview.getByText('新建 9 · 未变 0 · 已存在且不同 0 · 拒绝 0').waitFor();
    await preview.getByText('新建 0 · 未变 3 · 已存在且不同 0 · 拒绝 0').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'plans-preview-1280');
    const before = await t.infrastructure.eventStore.headPosition();
    expect(
      (
        await t.inject({
          method: 'GET',
          url: '/api/plans/browser-2022/workbook',
          headers: bearer(await t.adminToken()),
        })
      ).statusCode,
    ).toBe(404);

    await page.getByRole('button', { name: '导入' }).click();
    // The import answers once the read models have the new plan (the importer waits for them): slow under load.
    await page
      .getByRole('status')
      .getByText(/目标新建 9，未变 0，拒绝 0/)
      .waitFor({ timeout: 120_000 });
    expect(await t.infrastructure.eventStore.headPosition()).toBeGreaterThan(before);
    await eventually(async () =>
      expect(
        (
          await t.inject({
            method: 'GET',
            url: '/api/plans/browser-2022/workbook',
            headers: bearer(await t.adminToken()),
          })
        ).statusCode,
      ).toBe(200),
    );
  });

  it('shows indicator groups (指标组) in the plan’s indicator list and on the target page, with a 其中 quantity', async () => {
    const post = async (url: string, payload: object) => {
      const response = await t.inject({ method: 'POST', url, payload, headers: bearer(await t.adminToken()) });
      if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    };
    const code = 'browser-groups';
    await post('/api/plans', { code, year: 2021, title: '2021年指标组测试计划', documentNo: '测〔2021〕2号' });
    const indicator = { category: '经济发展', kind: 'cumulative', decomposition: 'decomposed' };
    await post(`/api/plans/${code}/indicators`, {
      ...indicator,
      code: 'I01',
      group: '工业投资',
      name: '总量',
      unitOfMeasure: '亿元',
    });
    await post(`/api/plans/${code}/indicators`, {
      ...indicator,
      code: 'I02',
      group: '农业经营主体',
      name: '新增家庭农场',
      unitOfMeasure: '个',
    });
    await post('/api/targets', {
      planCode: code,
      indicatorCode: 'I02',
      unitCode: 'anting',
      assessment: {
        total: '3',
        text: '3（其中流转面积 1200 亩）',
        also: [{ label: '流转面积', total: '1200', unitOfMeasure: '亩' }],
      },
    });
    page = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    ).newPage();
    page.setDefaultTimeout(20_000);
    const office = await t.createUser(['office']);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/plans`);
    const show = page.getByRole('button', { name: '查看计划指标：2021年指标组测试计划' });
    await show.click();
    expect(await show.getAttribute('aria-expanded')).toBe('true');
    // The group beside its indicators: a column, and a tag before the name.
    await page.getByRole('cell', { name: '工业投资', exact: true }).waitFor();
    await page.getByLabel('指标组：农业经营主体').waitFor();
    await page.getByRole('cell', { name: '农业经营主体 新增家庭农场' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'plans-indicators-1280');

    await page.goto(`${t.baseUrl}/targets/${code}.I02.anting`);
    await page.getByRole('heading', { name: /新增家庭农场/, level: 1 }).waitFor();
    await page.getByLabel('指标组：农业经营主体').waitFor();
    // The second quantity is data with its own unit, shown under the target.
    await page.getByText(/^其中流转面积 1,200 亩$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'target-group-also-1280');
  });

  it('fits a phone screen and is keyboard usable', async () => {
    page = await (
      await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
    ).newPage();
    page.setDefaultTimeout(20_000);
    const office = await t.createUser(['office']);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/plans`);
    await page.getByRole('heading', { name: '计划', level: 1 }).waitFor();
    await page.getByRole('cell', { name: PLAN }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'plans-390');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    // The preview button is reachable by keyboard and disabled until a file is chosen.
    const previewButton = page.getByRole('button', { name: '预览' });
    expect(await previewButton.isDisabled()).toBe(true);
  });

  it('is the office’s page: a unit user has no entry and is told so', async () => {
    page = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    ).newPage();
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    await page.waitForURL(/\/report$/);
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '计划' }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/plans`);
    await page.getByText('无权访问').first().waitFor();
  });
});
