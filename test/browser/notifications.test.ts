import { createHmac } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { NotificationDispatcher } from '../../src/notifications/dispatcher/notification-dispatcher';
import { FixedClock } from '../../src/shared/clock';
import { eventually as until } from '../support/eventually';
import { HttpReceiver } from '../support/notification-receivers';
import { bearer, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { BrowserApp, startBrowserApp } from './support/browser-app';
import { DESKTOP, launchChromium, PHONE, seriousViolations } from './support/chromium';
import { screenshot } from './support/screenshots';
import { PLAN, seedPlan, targetId } from './support/seed-plan';
import { eventually, logIn } from './support/session';

type Item = { id: string; kind: string; title: string; readAt?: string; warningId?: string };
type Delivery = { id: string; channelId: string | null; state: string; attempts: number; sourceEventId: string };

/** Types a reply deadline (Beijing wall time) into a 催办 dialog's date-time picker (zh_CN calendar) and confirms it. */
async function pickReplyBy(page: Page, dialog: Locator, wallTime: string) {
  const field = dialog.getByLabel('回复期限');
  await field.click();
  const calendar = page.locator('.ant-picker-dropdown:visible');
  await calendar.getByRole('button', { name: '确定' }).waitFor();
  expect(await calendar.textContent()).toMatch(/一.*二.*三.*四.*五.*六.*日/);
  await field.fill(wallTime);
  // Confirm only once the calendar shows what was typed: on a busy machine it re-renders late, and a click
  // aimed at 确定 while the dropdown still moves lands on a minute cell (seen in CI: 17:00 became 17:03).
  const [date, time] = wallTime.split(' ');
  await calendar.locator(`.ant-picker-cell-selected[title="${date}"]`).waitFor();
  await eventually(async () =>
    expect(await calendar.locator('.ant-picker-time-panel-cell-selected').allInnerTexts()).toEqual(time.split(':')),
  );
  await calendar.getByRole('button', { name: '确定' }).click();
  expect(await field.inputValue()).toBe(wallTime);
}

describe.each(databaseKinds())(
  'notifications in Chromium: bell, inbox, channels, urging and reply, settings (%s)',
  (kind) => {
    let t: BrowserApp;
    let browser: Browser;
    let page: Page;
    let reporter: TestUser;
    let office: TestUser;
    const receiver = new HttpReceiver();
    const now = new Date('2021-08-12T02:00:00Z');
    const clock = new FixedClock(now);
    const api = async <T>(
      url: string,
      user?: TestUser,
      method: 'GET' | 'POST' = 'GET',
      payload?: object,
    ): Promise<T> => {
      const response = await t.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: bearer(user ? user.token : await t.adminToken()),
      });
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as T;
    };
    const inbox = async (user: TestUser) => (await api<{ items: Item[] }>('/api/notifications?limit=200', user)).items;
    const newPage = async (viewport: { width: number; height: number } = DESKTOP, phone = false) => {
      const p = await (
        await browser.newContext({
          viewport,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          ...(phone ? { isMobile: true, hasTouch: true } : {}),
        })
      ).newPage();
      p.setDefaultTimeout(15_000);
      return p;
    };

    beforeAll(async () => {
      browser = await launchChromium();
      await receiver.start();
      // One attempt: a delivery the receiver refuses is dead at once, for the office's retry.
      t = await startBrowserApp(kind, {
        clock,
        config: { notificationMaxAttempts: 1, notificationRetryBaseMs: 50, accessTokenTtlSeconds: 90 * 86400 },
      });
      await seedPlan(t, clock, now);
      // July's deadline is recorded before the users exist, so their inboxes hold only what the tests cause.
      await t.app.get(DeadlineScheduler).tick();
      expect(await t.app.get(NotificationDispatcher).waitFor(await t.logEnd(), 30_000)).toBe(true);
      reporter = await t.userWith(['unit'], 'jiangqiao');
      office = await t.userWith(['office']);
    });
    afterAll(async () => {
      await browser?.close();
      await receiver.stop();
      await t?.close();
    });
    beforeEach(async () => {
      page = await newPage();
    });
    afterEach(async () => {
      await page.context().close();
    });

    it('a red warning raised by a report lands in the town user’s inbox, with the bell’s count; read at desktop and phone width', async () => {
      // 江桥镇's 固定资产投资 at 39 of 80 by July: well behind the expected pace, a red warning.
      await api(`/api/targets/${targetId('I02', 'jiangqiao')}/progress`, undefined, 'POST', {
        period: '2021-07',
        value: '39',
        narrative: '项目开工延迟',
      });
      const isRed = (i: Item) =>
        i.kind === 'warning_raised' && i.title.includes('红灯预警') && i.title.includes('固定资产投资');
      const raised = await until(async () => (await inbox(reporter)).find(isRed), 15_000, 'the red warning');
      expect((await inbox(reporter)).filter(isRed)).toHaveLength(1);

      await logIn(page, t.baseUrl, reporter.username, reporter.password);
      // The bell says what the API counts (other warnings of 江桥镇, e.g. July's lateness, may join it).
      const bell = page.getByRole('button', { name: /^通知（\d+ 条未读）$/ });
      let unread = 0;
      await eventually(async () => {
        unread = (await api<{ count: number }>('/api/notifications/unread-count', reporter)).count;
        expect(unread).toBeGreaterThan(0);
        if ((await bell.getAttribute('aria-label')) !== `通知（${unread} 条未读）`) await page.reload();
        expect(await bell.getAttribute('aria-label')).toBe(`通知（${unread} 条未读）`);
      }, 20_000);
      await bell.click();
      await page.waitForURL(/\/inbox$/);
      await page.getByRole('heading', { name: '通知', level: 1 }).waitFor();
      const item = page.getByRole('listitem', { name: raised.title });
      await item.waitFor();
      expect(await item.textContent()).toContain('固定资产投资');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'inbox-1280');

      await item.getByRole('button', { name: `标为已读 ${raised.title}` }).click();
      await page.getByRole('button', { name: unread - 1 ? `通知（${unread - 1} 条未读）` : '通知' }).waitFor();
      expect((await inbox(reporter)).find((i) => i.id === raised.id)?.readAt).toBeDefined();
      // 查看 leads to the warning, open on the warnings page.
      await item.getByRole('link', { name: `查看 ${raised.title}` }).click();
      await page.waitForURL(
        (url) => url.pathname === '/warnings' && url.searchParams.get('warning') === raised.warningId,
      );

      const phone = await newPage(PHONE, true);
      try {
        await logIn(phone, t.baseUrl, reporter.username, reporter.password);
        await phone.goto(`${t.baseUrl}/inbox`);
        await phone.getByRole('listitem', { name: raised.title }).waitFor();
        expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
        expect(await seriousViolations(phone)).toEqual([]);
        await screenshot(phone, 'inbox-390');
        await phone.getByRole('button', { name: '全部标为已读' }).click();
        await phone.getByRole('button', { name: '通知', exact: true }).waitFor();
        expect((await api<{ count: number }>('/api/notifications/unread-count', reporter)).count).toBe(0);
      } finally {
        await phone.context().close();
      }
    });

    it('the office creates a webhook channel to a local receiver and test-sends (signed; the secret never shown); a refused delivery is dead and retried', async () => {
      const secret = 'whsec-浏览器-0123456789';
      await logIn(page, t.baseUrl, office.username, office.password);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '通知渠道' }).click();
      await page.waitForURL(/\/channels$/);
      await page.getByRole('heading', { name: '通知渠道', level: 1 }).waitFor();
      await page.getByRole('button', { name: '新建渠道' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('名称').fill('督查室 Webhook');
      await dialog.getByLabel('类型').click();
      await page.locator('.ant-select-item-option[title="通用 Webhook"]').click();
      await dialog.getByLabel('地址').fill(receiver.url('/hook'));
      await dialog.getByLabel('密钥').fill(secret);
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row', { name: /督查室 Webhook/ });
      await row.waitFor();
      expect(await row.textContent()).toContain('已设密钥');
      expect(await page.content()).not.toContain(secret);

      await row.getByRole('button', { name: '测试发送 督查室 Webhook' }).click();
      await page.getByText('测试消息已发送到 督查室 Webhook').waitFor();
      expect(receiver.requests).toHaveLength(1);
      const [test] = receiver.requests;
      const expected = createHmac('sha256', secret)
        .update(`${String(test.headers['x-timestamp'])}.${test.body}`)
        .digest('hex');
      expect(test.headers['x-signature']).toBe(`sha256=${expected}`);
      expect(JSON.parse(test.body).title).toContain('测试');
      expect(await seriousViolations(page)).toEqual([]);

      // The receiver is down (500): the next warning's delivery is dead after its one attempt.
      receiver.respond = () => ({ status: 500, body: 'down' });
      await api(`/api/targets/${targetId('I02', 'nanxiang')}/progress`, undefined, 'POST', {
        period: '2021-07',
        value: '5',
        narrative: '项目未开工',
      });
      const channelId = (await api<{ items: Array<{ id: string }> }>('/api/notification-channels')).items[0].id;
      const dead = await until(
        async () => {
          const items = (
            await api<{ items: Delivery[] }>(`/api/notification-deliveries?channelId=${channelId}&state=dead`)
          ).items;
          return items.length ? items : undefined;
        },
        20_000,
        'a dead delivery',
      );
      await page.getByRole('button', { name: '刷新' }).click();
      const deadRow = page.getByRole('row', { name: /已放弃/ }).first();
      await deadRow.waitFor();
      expect(await deadRow.textContent()).toContain('HTTP 500');
      await screenshot(page, 'channels-1280');

      receiver.respond = () => ({ status: 200, body: '{}' });
      await deadRow.getByRole('button', { name: /^重试 / }).click();
      await page.getByText('已重新排队发送').waitFor();
      await eventually(async () => {
        const items = (await api<{ items: Delivery[] }>(`/api/notification-deliveries?channelId=${channelId}`)).items;
        expect(items.filter((d) => dead.some((x) => x.id === d.id)).map((d) => d.state)).toEqual(
          dead.map(() => 'sent'),
        );
      }, 20_000);
      // Delivered once: one accepted request per dead delivery, after the test message.
      await eventually(async () => expect(receiver.requests.length).toBe(1 + dead.length), 5_000);
      const bodies = receiver.requests.slice(1).map((r) => JSON.parse(r.body) as { kind: string; title: string });
      expect(bodies.every((b) => b.kind === 'warning_raised')).toBe(true);
      expect(JSON.stringify((await api<{ items: unknown[] }>('/api/notification-channels')).items)).not.toContain(
        secret,
      );
    });

    it('the office urges from the target page, the unit replies from its inbox, and the office sees who was told and the reply', async () => {
      const warning = await until(
        async () => {
          const list = await api<Array<{ id: string; targetId: string; state: string }>>(
            `/api/warnings?planCode=${PLAN}&unitCode=jiangqiao`,
          );
          return list.find((w) => w.targetId === targetId('I02', 'jiangqiao') && w.state !== 'cleared');
        },
        15_000,
        'the open warning',
      );
      await logIn(page, t.baseUrl, office.username, office.password);
      await page.goto(`${t.baseUrl}/targets/${encodeURIComponent(warning.targetId)}`);
      await page.getByRole('heading', { name: /固定资产投资/ }).waitFor();
      await page.getByRole('button', { name: '催办 固定资产投资 江桥镇' }).click();
      const dialog = page.getByRole('dialog', { name: '催办 固定资产投资 江桥镇' });
      await dialog.getByRole('button', { name: '提交' }).click();
      await eventually(async () =>
        expect(await dialog.locator('.ant-form-item-has-error').textContent()).toContain('催办意见必填'),
      );
      await dialog.getByLabel('催办意见').fill('请于本周内说明固定资产投资滞后原因并报送整改措施');
      await pickReplyBy(page, dialog, '2021-08-20 17:00');
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: '提交' }).click();
      await page.getByText('已催办，单位已收到通知').waitFor();
      const [urging] = (
        await api<{ items: Array<{ id: string; replyBy?: string }> }>(`/api/warnings/${warning.id}/urgings`)
      ).items;
      expect(urging.replyBy).toBe('2021-08-20T09:00:00.000Z');

      // The unit sees it and replies.
      const unitPage = await newPage(PHONE, true);
      try {
        const urged = await until(
          async () => (await inbox(reporter)).find((i) => i.kind === 'urging'),
          15_000,
          'the urging in the inbox',
        );
        await logIn(unitPage, t.baseUrl, reporter.username, reporter.password);
        await unitPage.goto(`${t.baseUrl}/inbox`);
        const item = unitPage.getByRole('listitem', { name: urged.title });
        expect(await item.textContent()).toContain('请于本周内说明固定资产投资滞后原因');
        await item.getByRole('button', { name: `回复催办 ${urged.title}` }).click();
        const reply = unitPage.getByRole('dialog', { name: '回复催办' });
        await reply.getByLabel('回复内容').fill('项目土地手续已办结，八月底前开工，九月追回进度');
        expect(await seriousViolations(unitPage)).toEqual([]);
        await screenshot(unitPage, 'urging-reply-390');
        await reply.getByRole('button', { name: '提交' }).click();
        await unitPage.getByText('已回复催办').waitFor();
      } finally {
        await unitPage.context().close();
      }

      // Who was told, when, through which channel, read or not — and the reply.
      await page.reload();
      await page.getByText('通知记录').first().click();
      const told = page.getByRole('table', { name: `通知记录（谁、何时、经何渠道收到，是否已读） ${warning.id}` });
      await told.waitFor();
      const text = (await told.textContent()) ?? '';
      expect(text).toContain(reporter.username);
      expect(text).toContain('站内通知');
      expect(text).toContain('催办');
      await page.getByText(/回复：项目土地手续已办结/).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'warning-told-1280');

      // The same evidence, and 催办, in the warning's detail on the warnings page.
      await page.goto(`${t.baseUrl}/warnings?warning=${encodeURIComponent(warning.id)}`);
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('table', { name: `通知记录（谁、何时、经何渠道收到，是否已读） ${warning.id}` }).waitFor();
      await drawer.getByText(/回复：项目土地手续已办结/).waitFor();
      await drawer.getByRole('button', { name: '催办 固定资产投资 江桥镇' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'warning-detail-told-1280');
    });

    it('a user sets an email address and opts out of urgings by email; in-app stays', async () => {
      await logIn(page, t.baseUrl, reporter.username, reporter.password);
      await page.goto(`${t.baseUrl}/inbox`);
      await page.getByRole('link', { name: '通知设置' }).click();
      await page.getByRole('heading', { name: '通知设置', level: 1 }).waitFor();
      await page.getByLabel('邮箱').fill('not-an-address');
      await page.getByRole('button', { name: '保存' }).click();
      await eventually(async () =>
        expect(await page.locator('.ant-form-item-has-error').textContent()).toContain('email'),
      );
      await page.getByLabel('邮箱').fill('jiangqiao@jiading.test');
      await page.getByRole('checkbox', { name: '催办', exact: true }).check();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('通知设置已保存').waitFor();
      expect(await api('/api/users/me/notification-settings', reporter)).toEqual({
        email: 'jiangqiao@jiading.test',
        notificationPrefs: { emailOptOut: ['urging'] },
      });
      await screenshot(page, 'notification-settings-1280');
    });

    it('the office urges a unit on a missing report from the 报送情况 matrix: one urging per overdue indicator, with its reply deadline; the unit is told', async () => {
      // No one reported July: after its deadline (08-10) 安亭镇 has an overdue-report warning per indicator.
      const overdue = await until(
        async () => {
          const list = await api<Array<{ id: string; kind: string; period: string }>>(
            `/api/warnings?planCode=${PLAN}&unitCode=anting&limit=500`,
          );
          const found = list.filter((w) => w.kind === 'overdue' && w.period === '2021-07');
          return found.length ? found : undefined;
        },
        15_000,
        '安亭镇’s overdue July warnings',
      );
      const anting = await t.userWith(['unit'], 'anting');
      await logIn(page, t.baseUrl, office.username, office.password);
      await page.getByRole('heading', { name: /总览/ }).waitFor();
      const matrix = page.getByRole('region', { name: '报送情况' });
      const title = '催办 安亭镇 2021年7月 进度报送';
      await matrix.getByRole('button', { name: title }).click();
      const dialog = page.getByRole('dialog', { name: title });
      await dialog.getByText(`将就 ${overdue.length} 项逾期未报的指标催办该单位`, { exact: false }).waitFor();
      expect(await dialog.getByLabel('催办意见').inputValue()).toBe('2021年7月 进度逾期未报，请尽快报送并说明原因。');
      await dialog.getByLabel('催办意见').fill('七月进度逾期未报，请于周五下班前报送');
      await pickReplyBy(page, dialog, '2021-08-13 17:00');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'matrix-urge-1280');
      await dialog.getByRole('button', { name: '提交' }).click();
      await page.getByText(`已催办 ${overdue.length} 项，单位已收到通知`).waitFor();
      // One urging on each overdue warning, through the existing urging command.
      for (const w of overdue) {
        await eventually(async () => {
          const { items } = await api<{ items: Array<{ message: string; replyBy?: string }> }>(
            `/api/warnings/${w.id}/urgings`,
          );
          expect(items).toEqual([
            expect.objectContaining({
              message: '七月进度逾期未报，请于周五下班前报送',
              replyBy: '2021-08-13T09:00:00.000Z',
            }),
          ]);
        }, 15_000);
      }
      const urged = await until(
        async () => {
          const items = (await inbox(anting)).filter((i) => i.kind === 'urging');
          return items.length === overdue.length ? items : undefined;
        },
        15_000,
        'the urgings in 安亭镇’s inbox',
      );
      expect(urged.every((i) => i.title.startsWith('【催办】安亭镇'))).toBe(true);
      // Another unit's reporter is told nothing of it.
      expect((await inbox(reporter)).filter((i) => i.kind === 'urging' && i.title.includes('安亭镇'))).toEqual([]);

      // At phone width the cell's 催办 is there too.
      const phone = await newPage(PHONE, true);
      try {
        await logIn(phone, t.baseUrl, office.username, office.password);
        await phone.getByRole('region', { name: '报送情况' }).getByRole('button', { name: title }).waitFor();
        await screenshot(phone, 'matrix-urge-390');
      } finally {
        await phone.context().close();
      }
    });
  },
);
