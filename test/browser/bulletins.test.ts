import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import type { Browser, Page, Response } from 'playwright-core';
import { chromiumPath } from '../../src/bulletins/export/html-to-pdf';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, PHONE, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

const CONTENT_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html',
};

describe.each(databaseKinds())('通报 pages in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  let office: { username: string; password: string };
  const now = new Date('2021-08-12T02:00:00Z');
  const clock = new FixedClock(now);
  const api = async <T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> => {
    const response = await t.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: bearer(await t.adminToken()),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
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

  /** Clicks a download button; the API's answer (type, size) and the file the browser saved. */
  const download = async (
    name: string,
    format: string,
    timeout = 15_000,
  ): Promise<{ response: Response; bytes: Buffer; filename: string }> => {
    const answered = page.waitForResponse((r) => r.url().includes('/export') && r.url().includes(`format=${format}`), {
      timeout,
    });
    const saved = page.waitForEvent('download', { timeout });
    await page.getByRole('button', { name }).click();
    const response = await answered;
    const file = await saved;
    return { response, bytes: readFileSync((await file.path())!), filename: file.suggestedFilename() };
  };

  it('drafts the June bulletin, edits 下一步要求 and an exemption, issues it with a 文号, downloads every format, compares with now, withdraws it', async () => {
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '通报' }).click();
    await page.getByRole('heading', { name: '通报', level: 1 }).waitFor();
    await page.getByText('没有草稿').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A bad period is said beside the field; then the draft as of the end of 2021-08-12.
    await page.getByLabel('通报期（YYYY-MM）').fill('2021-6');
    await page.getByRole('button', { name: '起草' }).click();
    await eventually(async () =>
      expect(await page.locator('.ant-form-item-has-error').textContent()).toContain('YYYY-MM'),
    );
    await page.getByLabel('通报期（YYYY-MM）').fill('2021-06');
    await page.getByLabel(/数据截止日/).fill('2021-08-12');
    await page.getByRole('button', { name: '起草' }).click();
    await page.waitForURL(/\/bulletins\/[^/]+$/, { timeout: 60_000 });
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const drafted = await api<{
      summary: string;
      cutoff: string;
      rankings: Array<{ group: string; rows: Array<{ unitName: string; rank: number }> }>;
      blackList: Array<{ unitCode: string }>;
    }>('GET', `/api/bulletins/${id}`);
    expect(drafted.cutoff).toBe('2021-08-12T15:59:59.999Z');
    // The page shows the server's composition: the summary, the towns' ranking, 江桥镇 (red on 税收总收入) on the 黑榜.
    await page.getByText(drafted.summary).waitFor();
    expect(drafted.blackList.map((e) => e.unitCode)).toContain('jiangqiao');
    const ranking = page.getByRole('table', { name: '街镇排名' });
    for (const row of drafted.rankings[0].rows) {
      expect(
        await ranking.getByRole('row').filter({ hasText: row.unitName }).getByRole('cell').first().textContent(),
      ).toBe(String(row.rank));
    }
    // A first bulletin: no previous ranks, each unit is 新进.
    expect(await ranking.getByText('新进').count()).toBe(drafted.rankings[0].rows.length);
    const blackList = page.getByRole('table', { name: '黑榜' });
    await blackList.getByText('江桥镇').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'bulletin-draft-1280');

    // 下一步要求, then an exemption (unit + reason) that takes 江桥镇 off the 黑榜.
    await page.getByRole('textbox', { name: '下一步要求' }).fill('各单位对照序时进度，补齐短板。');
    await page.getByRole('button', { name: '保存下一步要求' }).click();
    await page.locator('.bulletin-remarks').filter({ hasText: '各单位对照序时进度，补齐短板。' }).waitFor();
    await page.getByRole('button', { name: '添加豁免' }).click();
    await page.getByRole('button', { name: '保存豁免' }).click();
    await eventually(async () =>
      expect(await page.locator('.ant-form-item-has-error').count()).toBeGreaterThanOrEqual(2),
    );
    // By keyboard, as the select allows: type to search, Enter takes the highlighted unit.
    await page.getByLabel('豁免单位 1').fill('江桥');
    await page.locator('.ant-select-item-option-active').filter({ hasText: '江桥镇' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('豁免理由 1').fill('受台风影响（不可抗力）');
    await page.getByRole('button', { name: '保存豁免' }).click();
    await eventually(async () => expect(await page.getByRole('table', { name: '黑榜' }).count()).toBe(0));
    const edited = await api<{
      remarks: string;
      exemptions: Array<{ unitCode: string; reason: string }>;
      blackList: unknown[];
    }>('GET', `/api/bulletins/${id}`);
    expect(edited.remarks).toBe('各单位对照序时进度，补齐短板。');
    expect(edited.exemptions).toEqual([{ unitCode: 'jiangqiao', reason: '受台风影响（不可抗力）' }]);
    expect(edited.blackList).toEqual([]);

    // Issue: the 文号 is required; then the state, 文号 and SHA-256 show, and the hash verifies.
    await page.getByRole('button', { name: '印发', exact: true }).click();
    await eventually(async () =>
      expect(await page.locator('.ant-form-item-has-error').textContent()).toContain('文号必填'),
    );
    await page.getByLabel('文号').fill('测督〔2021〕6号');
    await page.getByRole('button', { name: '印发', exact: true }).click();
    await page.locator('.ant-tag').filter({ hasText: '已印发' }).first().waitFor();
    const issued = await api<{ state: string; contentHash: string; documentNo: string }>('GET', `/api/bulletins/${id}`);
    expect(issued).toMatchObject({ state: 'issued', documentNo: '测督〔2021〕6号' });
    expect(issued.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await page.getByText(issued.contentHash).waitFor();
    expect(await page.getByRole('button', { name: '保存下一步要求' }).count()).toBe(0);
    await page.getByRole('button', { name: '校验哈希' }).click();
    await page.getByRole('status').filter({ hasText: '校验通过' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'bulletin-issued-1280');

    // Downloads: the right content type, non-empty, and each file readable.
    const docx = await download('下载 Word (.docx)', 'docx');
    expect(docx.response.headers()['content-type']).toContain(CONTENT_TYPES.docx);
    expect(docx.filename).toMatch(/\.docx$/);
    const documentXml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    expect(documentXml).toContain('测督〔2021〕6号');
    const xlsx = await download('下载 Excel (.xlsx)', 'xlsx');
    expect(xlsx.response.headers()['content-type']).toContain(CONTENT_TYPES.xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const cells = workbook.worksheets.flatMap((s) => s.getSheetValues().flat().map(String));
    expect(cells).toContain('安亭镇');
    if (chromiumPath()) {
      // Printing starts a Chromium of its own on the server: slow on a busy machine.
      const pdf = await download('下载 PDF', 'pdf', 120_000);
      expect(pdf.response.headers()['content-type']).toContain(CONTENT_TYPES.pdf);
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const opened = page.context().waitForEvent('page');
    const html = page.waitForResponse((r) => r.url().includes('format=html'));
    await page.getByRole('button', { name: '打印版 (HTML)' }).click();
    const htmlResponse = await html;
    expect(htmlResponse.headers()['content-type']).toContain(CONTENT_TYPES.html);
    // The printable page opens in its own tab (from a blob: the response body itself is not kept by the browser).
    const tab = await opened;
    await tab.waitForLoadState();
    expect(await tab.content()).toContain('测督〔2021〕6号');
    await tab.close();

    // A later correction never changes the issued bulletin; 与当前对比 shows it.
    await api('POST', `/api/targets/${targetId('I01', 'jiangqiao')}/progress/2021-06/corrections`, {
      value: '60',
      reason: '补录两家企业',
    });
    const after = await api<{ contentHash: string }>('GET', `/api/bulletins/${id}`);
    expect(after.contentHash).toBe(issued.contentHash);
    await page.getByRole('button', { name: '与当前对比' }).click();
    await page.getByRole('table').filter({ hasText: '江桥镇' }).filter({ hasText: '税收总收入' }).first().waitFor();

    // Withdrawn with a reason, never edited; the history tab lists it.
    await page.getByLabel('撤回理由').fill('数据有误，重新印发');
    await page.getByRole('button', { name: '撤回', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '数据有误，重新印发' }).waitFor();
    await page.getByRole('link', { name: '返回通报列表' }).click();
    await page.getByRole('tab', { name: /已撤回 \(1\)/ }).click();
    await page.getByRole('link', { name: /查看/ }).first().waitFor();
  });

  it('shows a bulletin at phone width without anything wider than the screen', async () => {
    const bulletin = await api<{ id: string }>('POST', '/api/bulletins', { planCode: PLAN, period: '2021-07' });
    await page.setViewportSize(PHONE);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/bulletins/${bulletin.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('heading', { name: '总体情况' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bulletin-draft-390');
    await page.goto(`${t.baseUrl}/bulletins`);
    await page.getByRole('heading', { name: '起草通报' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bulletins-390');
  });
});
