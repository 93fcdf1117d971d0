import type { Locator, Page } from 'playwright-core';

/** Logs in through the login page as a user would: by the fields' labels and the button's name. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  // The password check (argon2) and the first page's bundle take a while on a busy machine: a longer wait, no sleep.
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** Retries an assertion until it holds (the page renders asynchronously) or `timeoutMs` passes, then throws its last error. */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Waits for a locator like `locator.waitFor()`; when it does not come, the error also says what the page showed
 * instead (the main area's text), so a failure on a busy CI machine can be read from the log alone.
 */
export async function waitShowingPage(page: Page, locator: Locator): Promise<void> {
  try {
    await locator.waitFor();
  } catch (error) {
    const shown = await page
      .locator('main')
      .innerText({ timeout: 2_000 })
      .catch(() => '(no main area)');
    throw new Error(`${(error as Error).message}\n— the page showed instead:\n${shown.slice(0, 3_000)}`);
  }
}
