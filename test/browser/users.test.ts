import type { Browser, Page } from 'playwright-core';
import { bearer } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, PHONE, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { eventually, logIn } from './support/session';

interface ApiUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitCode: string | null;
  disabled: boolean;
}

describe.each(databaseKinds())('用户管理 in Chromium (%s)', (kind) => {
  let t: BrowserApp;
  let browser: Browser;
  let page: Page;
  let office: { username: string; password: string };
  const users = async () =>
    (await t.inject({ method: 'GET', url: '/api/users', headers: bearer(await t.adminToken()) })).json() as ApiUser[];
  const loginStatus = async (username: string, password: string) =>
    (await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startBrowserApp(kind);
    await t.inject({
      method: 'POST',
      url: '/api/units',
      headers: bearer(await t.adminToken()),
      payload: { code: 'anting', name: '安亭镇', kind: 'town' },
    });
    office = await t.createUser(['office']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await (
      await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    ).newPage();
    page.setDefaultTimeout(15_000);
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('creates a user with role and unit (the API’s field errors beside the fields), disables and enables it, resets its password', async () => {
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    // The list is the API's: every user's username appears in the table.
    const listed = await users();
    await eventually(async () => {
      const text = await page.getByRole('table').last().textContent();
      for (const user of listed) expect(text).toContain(user.username);
    });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    // A username the API refuses (a space is not allowed): its message beside 用户名; what was typed stays.
    await dialog.getByLabel('用户名').fill('wang wu');
    await dialog.getByLabel('姓名').fill('王五');
    await dialog.getByLabel('初始密码').fill('initial-password-1');
    await dialog.getByRole('checkbox', { name: '填报员' }).check();
    // The unit by keyboard, as a user types into the searchable select.
    await dialog.getByLabel('所属单位').fill('安亭');
    await page.locator('.ant-select-item-option', { hasText: '安亭镇' }).waitFor();
    await dialog.getByLabel('所属单位').press('Enter');
    await dialog.getByRole('button', { name: '创建用户' }).click();
    await eventually(async () => {
      const item = dialog.locator('.ant-form-item-has-error');
      expect(await item.count()).toBe(1);
      expect(await item.textContent()).toContain('用户名须为 3–64 个字母');
    });
    expect(await dialog.getByLabel('姓名').inputValue()).toBe('王五');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-create-error-1280');

    await dialog.getByLabel('用户名').fill('wang.wu');
    await dialog.getByRole('button', { name: '创建用户' }).click();
    await dialog.waitFor({ state: 'detached' });
    let created: ApiUser | undefined;
    await eventually(async () => {
      created = (await users()).find((u) => u.username === 'wang.wu');
      expect(created).toMatchObject({ displayName: '王五', roles: ['unit'], unitCode: 'anting', disabled: false });
    });
    const row = page.getByRole('row').filter({ hasText: 'wang.wu' });
    await eventually(async () => expect(await row.textContent()).toMatch(/王五.*填报员.*安亭镇.*启用中/));
    expect(await loginStatus('wang.wu', 'initial-password-1')).toBe(200);

    // 停用 with a reason: the state says so and the login is refused.
    await row.getByRole('button', { name: '停用 wang.wu' }).click();
    const disable = page.getByRole('dialog', { name: '停用用户 王五' });
    await disable.getByLabel('原因（记入审计，可不填）').fill('人员调离');
    await disable.getByRole('button', { name: '停用' }).click();
    await eventually(async () => expect(await row.textContent()).toContain('已停用'));
    expect((await users()).find((u) => u.username === 'wang.wu')?.disabled).toBe(true);
    expect(await loginStatus('wang.wu', 'initial-password-1')).not.toBe(200);

    await row.getByRole('button', { name: '启用 wang.wu' }).click();
    await page.getByRole('dialog', { name: '启用用户 王五' }).getByRole('button', { name: '启用' }).click();
    await eventually(async () => expect(await row.textContent()).toContain('启用中'));
    expect((await users()).find((u) => u.username === 'wang.wu')?.disabled).toBe(false);

    // 重置密码: too short is said beside the field; then the new one logs in and the old one no longer does.
    await row.getByRole('button', { name: '重置密码 wang.wu' }).click();
    const reset = page.getByRole('dialog', { name: '重置 王五 的密码' });
    await reset.getByLabel('新密码').fill('short');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await eventually(async () =>
      expect(await reset.locator('.ant-form-item-has-error').textContent()).toContain('密码长度须为 8–128'),
    );
    await reset.getByLabel('新密码').fill('new-password-of-wang');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await reset.waitFor({ state: 'detached' });
    expect(await loginStatus('wang.wu', 'new-password-of-wang')).toBe(200);
    expect(await loginStatus('wang.wu', 'initial-password-1')).toBe(401);

    // Filters: by role and by text; an empty result says why.
    await page.getByLabel('按用户名或姓名查找').fill('nobody-by-this-name');
    await page.getByLabel('按用户名或姓名查找').press('Enter');
    await page.getByText('没有符合条件的用户').waitFor();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await eventually(async () => expect(await row.count()).toBe(1));
  });

  it('shows a login locked by wrong passwords and lifts it with 解除锁定', async () => {
    const locked = await t.createUser(['unit'], 'anting');
    for (let i = 0; i < 5; i++) expect(await loginStatus(locked.username, 'wrong-password')).toBe(401);
    expect(await loginStatus(locked.username, locked.password)).not.toBe(200);
    await logIn(page, t.baseUrl, office.username, office.password);
    await page.goto(`${t.baseUrl}/users?q=${encodeURIComponent(locked.username)}`);
    const row = page.getByRole('row').filter({ hasText: locked.username });
    await eventually(async () =>
      expect(await row.textContent()).toMatch(/已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（输错 5 次）/),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-1280');
    await row.getByRole('button', { name: `解除锁定 ${locked.username}` }).click();
    await eventually(async () => expect(await row.textContent()).toContain('未锁定'));
    const { id } = (await users()).find((u) => u.username === locked.username)!;
    const lockout = await t.inject({
      method: 'GET',
      url: `/api/users/${id}/lockout`,
      headers: bearer(await t.adminToken()),
    });
    expect(lockout.json()).toMatchObject({ locked: false });
    expect(await loginStatus(locked.username, locked.password)).toBe(200);
  });

  it('is for the office: a unit reporter has no entry and is told 无权访问; usable at phone width', async () => {
    const reporter = await t.createUser(['unit'], 'anting');
    await logIn(page, t.baseUrl, reporter.username, reporter.password);
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用户管理' }).count()).toBe(
      0,
    );
    await page.goto(`${t.baseUrl}/users`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();

    const phone = await (
      await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
    ).newPage();
    try {
      await logIn(phone, t.baseUrl, office.username, office.password);
      await phone.goto(`${t.baseUrl}/users`);
      await phone.getByRole('heading', { name: '用户管理' }).waitFor();
      await phone.getByRole('button', { name: '新建用户' }).waitFor();
      expect(await seriousViolations(phone)).toEqual([]);
      await screenshot(phone, 'users-390');
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await phone.context().close();
    }
  });
});
