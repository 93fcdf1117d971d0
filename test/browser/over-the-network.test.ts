import { networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium } from './support/chromium';

/**
 * An intranet serves the product over plain HTTP to other machines. Chromium treats http://127.0.0.1
 * and http://localhost as secure contexts, so a CSP `upgrade-insecure-requests` goes unnoticed there —
 * from any other address it rewrites every script and style to https:// and the page stays blank (that
 * was /api/docs' defect). This suite listens on an address of this machine other than loopback (or on
 * 127.0.0.2 when there is none: still not "localhost" for the CSP upgrade, which Chromium skips only
 * for 127.0.0.1/localhost) and loads the workbench and the API docs through it.
 */
function nonLoopbackAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.2';
}

describe('over plain HTTP from another address (embedded)', () => {
  let t: BrowserApp;
  let browser: Browser;
  const host = nonLoopbackAddress();

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp('embedded', {}, host);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it(`sends no upgrade-insecure-requests and no HSTS, and the login page and /api/docs render at http://${host}`, async () => {
    const response = await fetch(`${t.baseUrl}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('strict-transport-security')).toBeNull();

    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const failed: string[] = [];
    // A request cut short by the next navigation is aborted, not refused: only real failures count.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED')
        failed.push(`${request.url()} ${request.failure()?.errorText}`);
    });
    await page.goto(`${t.baseUrl}/login`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.goto(`${t.baseUrl}/api/docs`);
    await page.locator('.swagger-ui .information-container').waitFor();
    expect(failed).toEqual([]);
    await context.close();
  });

  it('serves hashed assets with a year-long immutable cache and compressed, and index.html for deep links', async () => {
    const html = await (await fetch(`${t.baseUrl}/targets/some-id?asOf=2021-06-30T15:59:59.000Z`)).text();
    expect(html).toContain('<html lang="zh-CN">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${t.baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    const index = await fetch(`${t.baseUrl}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const api = await fetch(`${t.baseUrl}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${t.baseUrl}/assets/missing-file.js`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/health`)).headers.get('content-type')).toContain('json');
  });
});
