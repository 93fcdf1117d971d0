import { AddressInfo } from 'node:net';
import { webDistBuilt } from '../../../src/web/web-dist';
import { startTestApp, TestApp, TestAppOptions } from '../../support/test-app';

export interface BrowserApp extends TestApp {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
}

/**
 * The whole application on a fresh database, listening on a real loopback port for the browser.
 * Needs the built workbench: `npm test` builds web/dist first (web/scripts/build-if-stale.js).
 */
export async function startBrowserApp(
  kind: 'embedded' | 'postgres',
  options: TestAppOptions = {},
  host = '127.0.0.1',
): Promise<BrowserApp> {
  if (!webDistBuilt()) throw new Error('web/dist is missing: run `npm run web:build` (npm test does it first)');
  const t = await startTestApp(kind, options);
  await t.app.listen(0, host);
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return Object.assign(t, { baseUrl: `http://${host}:${port}` });
}
