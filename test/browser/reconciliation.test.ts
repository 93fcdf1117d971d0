import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/shared/clock';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, SEED_START, seedPlan } from './support/seed-plan';
import { eventually, logIn } from './support/session';

interface Line {
  indicatorCode: string;
  districtTarget: string | null;
  sumOfUnitTargets: string;
  difference: string | null;
}

describe.each(databaseKinds())('分解核对 reconciliation page in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  const now = new Date('2021-07-20T02:00:00Z');
  const clock = new FixedClock(SEED_START);

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind, { clock });
    await seedPlan(t, clock, now);
    // The district's own targets: I01 above the units' 3 × 120 (a shortfall of 40), I02 equal to 3 × 80, I03 below 3 × 3000.
    const post = async (url: string, payload: object) => {
      const response = await t.inject({ method: 'POST', url, payload, headers: bearer(await t.adminToken()) });
      expect(response.statusCode).toBe(201);
    };
    await post('/api/units', { code: 'district', name: '嘉定区', kind: 'district' });
    for (const [indicatorCode, total] of [
      ['I01', '400'],
      ['I02', '240'],
      ['I03', '8000'],
    ]) {
      await post('/api/targets', { planCode: PLAN, indicatorCode, unitCode: 'district', assessment: { total } });
    }
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

  it('shows the district target against the sum of unit targets, the seeded shortfall marked in colour and words, and filters to shortfalls', async () => {
    const answer = (await (
      await t.inject({ method: 'GET', url: `/api/plans/${PLAN}/reconciliation`, headers: bearer(await t.adminToken()) })
    ).json()) as { lines: Line[] };
    const byCode = new Map(answer.lines.map((l) => [l.indicatorCode, l]));
    expect(byCode.get('I01')?.difference).toBe('-40');
    const leader = await t.createUser(['leader']);
    await logIn(page, t.baseUrl, leader.username, leader.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '分解核对' }).click();
    await page.getByRole('heading', { name: /分解核对/ }).waitFor();
    const row = (code: string) => page.locator(`tr[data-row-key="${code}"]`);
    await eventually(async () => expect(await page.locator('tr[data-row-key]').count()).toBe(answer.lines.length));
    // The shortfall: highlighted row and the word 缺口 with its size in the indicator's unit.
    expect(await row('I01').getAttribute('class')).toContain('reconciliation-shortfall');
    expect(await row('I01').textContent()).toContain('缺口 40.00 亿元');
    expect(await row('I01').textContent()).toContain('400.00 亿元');
    expect(await row('I01').textContent()).toContain('360.00 亿元');
    expect(await row('I02').textContent()).toContain('持平');
    expect(await row('I02').getAttribute('class')).not.toContain('reconciliation-shortfall');
    expect(await row('I03').textContent()).toContain('超出 1,000 个');
    await page.getByText('3 个指标，其中 1 个有缺口').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reconciliation-1280');

    await page.getByRole('switch', { name: '只看缺口' }).click();
    await page.waitForURL(/shortfalls=1/);
    await eventually(async () =>
      expect(
        await page.locator('tr[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key'))),
      ).toEqual(['I01']),
    );
    // The filter is in the URL: a reload keeps it.
    await page.reload();
    await eventually(async () => expect(await page.locator('tr[data-row-key]').count()).toBe(1));
    expect(await seriousViolations(page)).toEqual([]);
  });
});
