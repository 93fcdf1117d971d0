import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, PHONE, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Dashboard {
  totals: Record<string, number>;
}

describe.each(databaseKinds())('导入 page in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  const now = new Date('2021-08-12T02:00:00Z');
  const clock = new FixedClock(now);
  const api = async <T>(url: string): Promise<T> => {
    const response = await t.inject({ method: 'GET', url, headers: bearer(await t.adminToken()) });
    if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  };
  const reports = async (id: string) =>
    (await api<Array<{ type: string }>>(`/api/targets/${id}/history`)).filter(
      (e) => e.type === 'ProgressReported' || e.type === 'ProgressCorrected',
    ).length;

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
        viewport: DESKTOP,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      })
    ).newPage();
    page.setDefaultTimeout(15_000);
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('a town downloads its template, fills it (with a bad row), sees each row’s fate in the preview, applies it and the dashboard moves', async () => {
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    // The template from the reporting page's own button.
    await page.getByRole('heading', { name: '下载模板' }).waitFor();
    await page.getByLabel('报送期（YYYY-MM）').fill('2021-07');
    const saved = page.waitForEvent('download');
    const answered = page.waitForResponse((r) => r.url().includes('/progress-template'));
    await page.getByRole('button', { name: '下载 Excel 模板' }).click();
    expect((await answered).headers()['content-type']).toContain(XLSX);
    const download = await saved;
    expect(download.suggestedFilename()).toBe('安亭镇2021-07进度报送.xlsx');
    await screenshot(page, 'report-template-390');

    // Filled "in a spreadsheet program": July for I01 and I03, a word where I02's figure goes, June's I03 corrected, June's I01 unchanged.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('进度报送')!;
    const rowOf = (id: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === id) return r;
      throw new Error(`no row for ${id}`);
    };
    sheet.getCell(rowOf(targetId('I01', 'anting')), 8).value = 80;
    sheet.getCell(rowOf(targetId('I01', 'anting')), 10).value = '七月税收入库平稳';
    sheet.getCell(rowOf(targetId('I02', 'anting')), 8).value = '五十';
    sheet.getCell(rowOf(targetId('I03', 'anting')), 8).value = 1900;
    sheet.addRow([
      targetId('I03', 'anting'),
      'I03',
      '新增就业岗位',
      '个',
      '3000',
      null,
      '2021-06',
      1700,
      null,
      '补录六月数据',
    ]);
    sheet.addRow([targetId('I01', 'anting'), 'I01', '税收总收入', '亿元', '120', null, '2021-06', 70]);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());

    const before = await api<Dashboard>(`/api/dashboard?planCode=${PLAN}`);
    const reportsBefore = await reports(targetId('I01', 'anting'));

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '导入' }).click();
    await page.getByRole('heading', { name: 'Excel 导入进度' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByLabel('选择文件（.xlsx，不超过 10 MB）')
      .setInputFiles({ name: '安亭镇7月.xlsx', mimeType: XLSX, buffer: filled });
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('region', { name: '3. 预览并导入' });
    await page.getByRole('status').filter({ hasText: '新报送 2 · 更正 1 · 未变 1 · 拒绝 1' }).waitFor();
    const outcome = async (text: string) =>
      (await preview.getByRole('row').filter({ hasText: text }).allTextContents()).join('|');
    expect(await outcome(`${targetId('I02', 'anting')}`)).toContain('拒绝');
    expect(await outcome(`${targetId('I02', 'anting')}`)).toMatch(/value：「累计完成值」应为数字/);
    const rows = await preview.getByRole('row').allTextContents();
    expect(rows.filter((r) => r.includes('新报送'))).toHaveLength(2);
    expect(rows.filter((r) => r.includes('更正') && r.includes('2021年6月'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes('未变') && r.includes('2021年6月'))).toHaveLength(1);
    // A preview appends nothing.
    expect(await reports(targetId('I01', 'anting'))).toBe(reportsBefore);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'imports-preview-1280');

    await page.getByRole('button', { name: '确认导入' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '已导入：新报送 2 行，更正 1 行，未变 1 行，拒绝 1 行' })
      .waitFor();
    expect(await reports(targetId('I01', 'anting'))).toBe(reportsBefore + 1);
    // July is in for I01 and I03: the dashboard counts two fewer overdue targets.
    await eventually(async () => {
      const after = await api<Dashboard>(`/api/dashboard?planCode=${PLAN}`);
      expect(after.totals).not.toEqual(before.totals);
      expect(after.totals.overdue ?? 0).toBe((before.totals.overdue ?? 0) - 2);
    });
    // Applying it again appends nothing (the preview says every row is unchanged or refused).
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByRole('status').filter({ hasText: '新报送 0 · 更正 0 · 未变 4 · 拒绝 1' }).waitFor();

    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: 'Excel 导入进度' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'imports-390');
  });

  it('says a file that is not a workbook is refused, and writes nothing', async () => {
    const office = await t.createUser(['office']);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/imports`);
    await page.getByLabel('单位').waitFor();
    await page
      .getByLabel('选择文件（.xlsx，不超过 10 MB）')
      .setInputFiles({ name: 'notes.xlsx', mimeType: XLSX, buffer: Buffer.from('not a zip at all') });
    await page.getByRole('button', { name: '预览' }).click();
    await eventually(async () =>
      expect((await page.getByRole('alert').textContent()) ?? '').toMatch(/xlsx|工作簿|文件/),
    );
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
  });
});
