/**
 * npm run bench:web — the workbench in Chromium against the demo year on the embedded database.
 * Boots the app like `npm start` (the demo is loaded on the first run into BENCH_DATA_DIR, default
 * ./data-bench-web, and reused afterwards), then prints: navigation → dashboard counts visible (cold:
 * empty browser cache; warm: the same browser again), navigation → the target page's chart drawn, and
 * the gzip bytes of the JavaScript and CSS the first page loads.
 * With SCREENSHOTS=1 it also photographs the demo year for the README (docs/screenshots/demo-*.png):
 * the dashboard, a lagging target's page and a town reporter's 本单位填报, at 1280×800 and 390×844.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Browser, chromium, Page } from 'playwright-core';
import { createApp } from '../../src/app.factory';
import { applicationClock } from '../../src/config/application-clock';
import { loadConfig } from '../../src/config/load-config';
import { openInfrastructure } from '../../src/database/infrastructure';
import { loadDemoOnFirstBoot } from '../../src/seeding/demo/demo-boot';
import { WEB_ASSETS } from '../../src/web/web-dist';
import { CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE } from '../browser/support/chromium';
import { screenshot } from '../browser/support/screenshots';
import { DEMO_PASSWORD } from '../../src/seeding/demo/demo-users';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dataDir = resolve(process.env.BENCH_DATA_DIR ?? 'data-bench-web');
  const config = Object.assign(loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' }), {
    dataDir,
    databaseUrl: undefined,
    demo: true,
  });
  const infrastructure = await openInfrastructure(config);
  await loadDemoOnFirstBoot(config, infrastructure, { loadingServer: { port: 0, host: '127.0.0.1' } });
  const clock = applicationClock(config, infrastructure.databaseKind, await infrastructure.eventStore.lastRecordedAt());
  const app = await createApp({ config, infrastructure, clock });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const sessionOf = async (username: string) => {
      const answer = (await (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: DEMO_PASSWORD }),
        })
      ).json()) as { accessToken: string; expiresIn: number; user: unknown };
      return {
        login: answer,
        session: JSON.stringify({
          accessToken: answer.accessToken,
          expiresAt: Date.now() + answer.expiresIn * 1000,
          user: answer.user,
        }),
      };
    };
    const { login, session } = await sessionOf('demo-office');
    const plans = (await (
      await fetch(`${base}/api/plans`, { headers: { authorization: `Bearer ${login.accessToken}` } })
    ).json()) as Array<{ code: string }>;
    const dashboard = (await (
      await fetch(`${base}/api/dashboard?planCode=${plans[0].code}`, {
        headers: { authorization: `Bearer ${login.accessToken}` },
      })
    ).json()) as { lagging: Array<{ targetId: string; unitCode: string; completion: string | null }> };
    // A lagging target with a year-to-date completion, so its chart has bars to draw.
    const target = (dashboard.lagging.find((r) => r.completion !== null) ?? dashboard.lagging[0])?.targetId;

    const cold: number[] = [];
    const warm: number[] = [];
    const chart: number[] = [];
    let firstPage = { js: 0, css: 0 };
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(`localStorage.setItem('supervision.session', ${JSON.stringify(session)})`);
      const page = await context.newPage();
      const assets = new Set<string>();
      page.on('response', (r) => {
        if (/\/assets\/.+\.(js|css)$/.test(r.url())) assets.add(basename(new URL(r.url()).pathname));
      });
      const visible = async () => {
        const start = Date.now();
        await page.goto(`${base}/`);
        await page.getByRole('group', { name: '绿灯' }).getByText(/^\d+$/).waitFor({ timeout: 30_000 });
        return Date.now() - start;
      };
      cold.push(await visible());
      if (run === 0) {
        for (const name of assets) {
          const bytes = gzipSync(readFileSync(join(WEB_ASSETS, name)), { level: 6 }).length;
          if (name.endsWith('.js')) firstPage.js += bytes;
          else firstPage.css += bytes;
        }
      }
      warm.push(await visible());
      if (target) {
        const start = Date.now();
        await page.goto(`${base}/targets/${encodeURIComponent(target)}`);
        await page.getByRole('img', { name: '累计完成 vs 序时进度' }).locator('svg').waitFor({ timeout: 30_000 });
        chart.push(Date.now() - start);
      }
      await context.close();
    }
    firstPage = { js: Math.round(firstPage.js / 1024), css: Math.round(firstPage.css / 1024) };
    console.log(`\nWorkbench in Chromium (demo year, embedded database, ${RUNS} runs, median):`);
    console.log('| measurement | result | goal |\n|---|---|---|');
    console.log(`| navigation → dashboard counts visible, cold (empty cache) | ${median(cold)} ms | ≤ 2,000 ms |`);
    console.log(`| navigation → dashboard counts visible, warm | ${median(warm)} ms | ≤ 1,000 ms |`);
    console.log(
      `| navigation → target page chart drawn (warm) | ${chart.length ? `${median(chart)} ms` : 'no lagging target'} | |`,
    );
    console.log(`| first page JavaScript / CSS, gzip | ${firstPage.js} KB / ${firstPage.css} KB | JS ≤ 400 KB |`);
    if (process.env.SCREENSHOTS === '1' && target) {
      // A town whose target lags: its reporter (demo-<unit>) has work to show; departments have no demo reporter.
      let reporter: string | undefined;
      for (const row of dashboard.lagging) {
        const attempt = await sessionOf(`demo-${row.unitCode}`);
        if (attempt.login.accessToken) {
          reporter = attempt.session;
          break;
        }
      }
      if (reporter) await photograph(browser, base, session, reporter, target);
      else console.log('no lagging target of a unit with a demo reporter: no screenshots');
    }
  } finally {
    await browser.close();
    await app.close();
    await infrastructure.close();
  }
}

/** The README's screenshots of the demo year: what a user sees, at desktop and phone width. */
async function photograph(
  browser: Browser,
  base: string,
  office: string,
  reporter: string,
  target: string,
): Promise<void> {
  const shoot = async (
    session: string,
    viewport: { width: number; height: number },
    path: string,
    ready: (page: Page) => Promise<void>,
    name: string,
  ) => {
    const context = await browser.newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}),
    });
    await context.addInitScript(`localStorage.setItem('supervision.session', ${JSON.stringify(session)})`);
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await ready(page);
    // Let Ant Design's entrance transitions finish before the picture.
    await page.waitForTimeout(800);
    console.log(`screenshot ${await screenshot(page, name)}`);
    await context.close();
  };
  const dashboardReady = async (page: Page) => {
    await page.getByRole('group', { name: '绿灯' }).getByText(/^\d+$/).waitFor({ timeout: 60_000 });
    await page.getByRole('region', { name: '报送情况' }).waitFor({ timeout: 60_000 });
  };
  const targetReady = async (page: Page) => {
    await page.getByRole('img', { name: '累计完成 vs 序时进度' }).locator('svg').waitFor({ timeout: 60_000 });
  };
  const reportReady = async (page: Page) => {
    await page
      .getByRole('button', { name: /^填报 / })
      .first()
      .waitFor({ timeout: 60_000 });
    await page
      .getByText(/截止 \d{4}-\d{2}-\d{2}/)
      .first()
      .waitFor({ timeout: 60_000 });
  };
  const targetPath = `/targets/${encodeURIComponent(target)}`;
  for (const [viewport, suffix] of [
    [DESKTOP, '1280'],
    [PHONE, '390'],
  ] as const) {
    await shoot(office, viewport, '/', dashboardReady, `demo-dashboard-${suffix}`);
    await shoot(office, viewport, targetPath, targetReady, `demo-target-${suffix}`);
    await shoot(reporter, viewport, '/report', reportReady, `demo-report-${suffix}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
