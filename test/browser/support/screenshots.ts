import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Screenshots from the browser tests: into docs/screenshots (committed, shown in the README) when
 * SCREENSHOTS=1, else into a temporary folder, so a normal run leaves the tree as it was.
 */
export const SCREENSHOT_DIR =
  process.env.SCREENSHOTS === '1'
    ? resolve(__dirname, '../../../docs/screenshots')
    : join(tmpdir(), 'workbench-screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
