import { createHmac } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DeliveryWorker } from '../../src/notifications/deliveries/delivery-worker';
import { NotificationDispatcher } from '../../src/notifications/dispatcher/notification-dispatcher';
import { CapturedLogs, captureLogs } from '../support/capture-logs';
import { eventually } from '../support/eventually';
import { HttpReceiver, SmtpReceiver } from '../support/notification-receivers';
import { bearer, startTestApp, TestApp, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { raisedWarnings } from '../support/raised-warnings';

const PLAN = 'ch-2021';
const WEBHOOK_SECRET = 'webhook-secret-7f3a9c1e-never-shown';
const DINGTALK_SECRET = 'SEC-dingtalk-4b8e2d6a-never-shown';

type Delivery = {
  id: string;
  channelId: string | null;
  state: string;
  attempts: number;
  lastError?: string;
  recipient: string;
  kind: string;
  sentAt?: string;
};

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header line. */
function decodeHeader(value: string): string {
  return value.replace(/\s*=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
const subjectOf = (raw: string) =>
  decodeHeader(/^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1].replace(/\r?\n[ \t]/g, ' ') ?? '');

describe.each(databaseKinds())('notifications: channels and deliveries (%s)', (kind) => {
  let t: TestApp;
  let logs: CapturedLogs;
  const webhook = new HttpReceiver();
  const dingtalk = new HttpReceiver();
  const wecom = new HttpReceiver();
  const smtp = new SmtpReceiver();
  let reporter: TestUser;
  const channelIds: Record<string, string> = {};
  const asAdmin = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object, headers?: Record<string, string>) =>
    t.inject({ method: 'POST', url, payload, headers: headers ?? (await asAdmin()) });
  const get = async (url: string, headers?: Record<string, string>) =>
    t.inject({ method: 'GET', url, headers: headers ?? (await asAdmin()) });
  const patch = async (url: string, payload: object, headers?: Record<string, string>) =>
    t.inject({ method: 'PATCH', url, payload, headers: headers ?? (await asAdmin()) });
  const deliveries = async (query = '') =>
    ((await get(`/api/notification-deliveries${query}`)).json() as { items: Delivery[] }).items;
  const allResponses: string[] = [];

  beforeAll(async () => {
    await Promise.all([webhook.start(), dingtalk.start(), wecom.start(), smtp.start()]);
    logs = captureLogs();
    t = await startTestApp(kind, {
      config: {
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        mailFrom: '督查室 <duchashi@jiading.test>',
        notificationMaxAttempts: 3,
        notificationRetryBaseMs: 50,
        logLevel: 'info',
      },
    });
    for (const unit of [
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
    ]) {
      expect((await post('/api/units', unit)).statusCode).toBe(201);
    }
    expect(
      (await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标', settings: { reportableFromDay: 1 } }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await post(`/api/plans/${PLAN}/indicators`, {
          code: 'I02',
          category: '经济发展',
          name: '税收总收入',
          unitOfMeasure: '万元',
          kind: 'cumulative',
        })
      ).statusCode,
    ).toBe(201);
    for (const unitCode of ['anting', 'jiangqiao']) {
      expect(
        (
          await post('/api/targets', {
            planCode: PLAN,
            indicatorCode: 'I02',
            unitCode,
            assessment: { total: '1000000', unitOfMeasure: '万元' },
          })
        ).statusCode,
      ).toBe(201);
    }
    reporter = await t.userWith(['unit'], 'anting');
  });
  afterAll(async () => {
    await t?.close();
    logs?.restore();
    await Promise.all([webhook.stop(), dingtalk.stop(), wecom.stop(), smtp.stop()]);
  });

  it('lets the office create, list and change channels; the secret is write-only; bad input is a 400 naming the field', async () => {
    const created = await post('/api/notification-channels', {
      name: '外部系统 webhook',
      kind: 'webhook',
      target: webhook.url(),
      secret: WEBHOOK_SECRET,
      filter: { unitCodes: ['anting'] },
    });
    expect(created.statusCode).toBe(201);
    allResponses.push(created.body);
    expect(created.json()).toMatchObject({
      kind: 'webhook',
      target: webhook.url(),
      hasSecret: true,
      enabled: true,
      filter: { unitCodes: ['anting'] },
    });
    expect(created.json()).not.toHaveProperty('secret');
    channelIds.webhook = created.json().id;

    const ding = await post('/api/notification-channels', {
      name: '督查室钉钉群',
      kind: 'dingtalk',
      target: dingtalk.url('/robot/send?access_token=abc'),
      secret: DINGTALK_SECRET,
      filter: { levels: ['red'] },
    });
    expect(ding.statusCode).toBe(201);
    channelIds.dingtalk = ding.json().id;
    const wx = await post('/api/notification-channels', {
      name: '企业微信群',
      kind: 'wecom',
      target: wecom.url('/cgi-bin/webhook/send?key=k'),
      filter: { kinds: ['warning_raised'], unitCodes: ['anting'] },
    });
    expect(wx.statusCode).toBe(201);
    channelIds.wecom = wx.json().id;

    const list = await get('/api/notification-channels');
    allResponses.push(list.body);
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([
      channelIds.webhook,
      channelIds.dingtalk,
      channelIds.wecom,
    ]);
    const changed = await patch(`/api/notification-channels/${channelIds.webhook}`, { name: '外部系统' });
    expect(changed.json()).toMatchObject({ name: '外部系统', hasSecret: true });
    allResponses.push(changed.body);

    const badKind = await post('/api/notification-channels', { name: 'x', kind: 'fax', target: 'http://127.0.0.1/' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(badKind.json().errors)).toContain('kind');
    const badTarget = await post('/api/notification-channels', { name: 'x', kind: 'webhook', target: 'ftp://nowhere' });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().errors[0].field).toBe('target');
    expect(
      (await post('/api/notification-channels', { name: 'x', kind: 'email', target: 'not-an-address' })).statusCode,
    ).toBe(400);
    expect((await get('/api/notification-channels', bearer(reporter.token))).statusCode).toBe(403);
    expect((await get(`/api/notification-channels/${uuidv7()}`)).statusCode).toBe(404);
  });

  it('sends a test message to a channel on demand', async () => {
    const tested = await post(`/api/notification-channels/${channelIds.wecom}/test`, {});
    expect(tested.json()).toEqual({ ok: true });
    expect(JSON.parse(wecom.requests[0].body)).toMatchObject({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('测试') },
    });
    wecom.requests.length = 0;
  });

  it('lets users set their email and opt out of email per kind', async () => {
    const bad = await patch('/api/users/me', { email: 'nope' }, bearer(reporter.token));
    expect(bad.statusCode).toBe(400);
    const badKind = await patch(
      '/api/users/me',
      { notificationPrefs: { emailOptOut: ['everything'] } },
      bearer(reporter.token),
    );
    expect(badKind.statusCode).toBe(400);
    const set = await patch(
      '/api/users/me',
      { email: 'anting.reporter@jiading.test', notificationPrefs: { emailOptOut: ['warning_cleared'] } },
      bearer(reporter.token),
    );
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      id: reporter.id,
      email: 'anting.reporter@jiading.test',
      notificationPrefs: { emailOptOut: ['warning_cleared'] },
    });
    expect((await get('/api/users/me/notification-settings', bearer(reporter.token))).json()).toMatchObject({
      email: 'anting.reporter@jiading.test',
    });
  });

  it('delivers a red warning once by webhook (signed), DingTalk (加签), WeCom and email, and records each delivery', async () => {
    expect(
      (await post(`/api/targets/${PLAN}.I02.anting/progress`, { period: '2021-03', value: '100000' })).statusCode,
    ).toBe(201);
    await eventually(async () =>
      webhook.requests.length && dingtalk.requests.length && wecom.requests.length && smtp.mails.length
        ? true
        : undefined,
    );

    const [hook] = webhook.requests;
    const timestamp = hook.headers['x-timestamp'] as string;
    expect(hook.headers['x-signature']).toBe(
      `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${hook.body}`).digest('hex')}`,
    );
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      kind: 'warning_raised',
      link: `/warnings?warning=${PLAN}.I02.anting.w1`,
      source: { type: 'WarningRaised', eventId: expect.any(String) },
      target: { id: `${PLAN}.I02.anting` },
      unit: { code: 'anting', name: '安亭镇' },
      level: 'red',
    });
    expect(body.title).toContain('红灯预警');

    const [ding] = dingtalk.requests;
    const url = new URL(ding.url, 'http://127.0.0.1');
    const ts = url.searchParams.get('timestamp')!;
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('sign')).toBe(
      createHmac('sha256', DINGTALK_SECRET).update(`${ts}\n${DINGTALK_SECRET}`).digest('base64'),
    );
    expect(ding.url).toContain(`sign=${encodeURIComponent(url.searchParams.get('sign')!)}`);
    expect(JSON.parse(ding.body)).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: expect.stringContaining('红灯预警'), text: expect.stringContaining('安亭镇') },
    });

    const content = JSON.parse(wecom.requests[0].body).markdown.content as string;
    expect(content).toContain('税收总收入');

    const [mail] = smtp.mails;
    expect(mail.to).toEqual(['anting.reporter@jiading.test']);
    expect(mail.from).toBe('duchashi@jiading.test');
    expect(subjectOf(mail.raw)).toContain('【红灯预警】安亭镇');
    expect(mail.raw).toContain('text/plain');
    expect(mail.raw).toContain('text/html');

    const sent = await eventually(async () => {
      const items = await deliveries(`?sourceEventId=${body.source.eventId}`);
      return items.length === 4 && items.every((d) => d.state === 'sent') ? items : undefined;
    });
    expect(sent.map((d) => d.recipient).sort()).toEqual(
      ['anting.reporter@jiading.test', '企业微信群', '外部系统', '督查室钉钉群'].sort(),
    );
    expect(sent.every((d) => d.attempts === 1 && d.sentAt)).toBe(true);
    // Jiangqiao is not in the webhook's filter; nothing else arrives.
    await t.app.get(DeliveryWorker).drain();
    expect(webhook.requests).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it('retries a failing channel with back-off and delivers once it is back; dead after N attempts; the office retries', async () => {
    webhook.requests.length = 0;
    let failures = 0;
    webhook.respond = () => (++failures <= 2 ? { status: 500, body: 'down for maintenance' } : { status: 200 });
    // Correction to a still-red figure: a WarningUpdated (no notice); a report for April: red again → escalation.
    expect(
      (await post(`/api/targets/${PLAN}.I02.anting/progress`, { period: '2021-04', value: '150000' })).statusCode,
    ).toBe(201);
    const delivered = await eventually(async () => {
      const items = (await deliveries(`?channelId=${channelIds.webhook}`)).filter(
        (d) => d.kind === 'warning_escalated',
      );
      return items.length === 1 && items[0].state === 'sent' ? items[0] : undefined;
    });
    expect(delivered.attempts).toBe(3);
    expect(webhook.requests.filter((r) => JSON.parse(r.body).kind === 'warning_escalated')).toHaveLength(1);

    // A channel that never answers: dead after 3 attempts, with the error; retried by the office once it works.
    webhook.respond = () => ({ status: 200 });
    const down = new HttpReceiver();
    await down.start();
    const deadUrl = down.url('/gone');
    await down.stop();
    const broken = await post('/api/notification-channels', {
      name: '坏掉的 webhook',
      kind: 'webhook',
      target: deadUrl,
      secret: 'x'.repeat(20),
      filter: { unitCodes: ['jiangqiao'] },
    });
    expect(broken.statusCode).toBe(201);
    expect(
      (await post(`/api/targets/${PLAN}.I02.jiangqiao/progress`, { period: '2021-03', value: '100000' })).statusCode,
    ).toBe(201);
    const dead = await eventually(async () => {
      const [d] = await deliveries(`?channelId=${broken.json().id}`);
      return d?.state === 'dead' ? d : undefined;
    });
    expect(dead.attempts).toBe(3);
    expect(dead.lastError).toMatch(/network error|ECONNREFUSED/);
    expect((await deliveries('?state=dead')).map((d) => d.id)).toContain(dead.id);
    const notYet = await post(`/api/notification-deliveries/${dead.id}/retry`, {}, bearer(reporter.token));
    expect(notYet.statusCode).toBe(403);

    expect(
      (await patch(`/api/notification-channels/${broken.json().id}`, { target: webhook.url('/again') })).statusCode,
    ).toBe(200);
    const retried = await post(`/api/notification-deliveries/${dead.id}/retry`, {});
    expect(retried.statusCode).toBe(200);
    expect(retried.json().state).toBe('pending');
    await eventually(async () =>
      (await deliveries(`?channelId=${broken.json().id}`))[0].state === 'sent' ? true : undefined,
    );
    expect(webhook.requests.filter((r) => r.url === '/again')).toHaveLength(1);
    expect((await post(`/api/notification-deliveries/${dead.id}/retry`, {})).statusCode).toBe(409);
  });

  it('never sends a robot more than 20 messages a minute: a burst of 200 warnings arrives as digests, each warning once', async () => {
    const burstRobot = new HttpReceiver();
    await burstRobot.start();
    try {
      const robot = await post('/api/notification-channels', {
        name: '突发测试群',
        kind: 'dingtalk',
        target: burstRobot.url('/robot/send?access_token=burst'),
        filter: { unitCodes: ['burst'] },
      });
      expect(robot.statusCode).toBe(201);
      const store = t.infrastructure.eventStore;
      // The burst as the reactor would append it: 200 raised warnings at once.
      const burst = raisedWarnings('burst', 'burst', 200);
      await store.append('warnings-burst', burst, 'no_stream');
      const items = await eventually(
        async () => {
          const list = await deliveries(`?channelId=${robot.json().id}`);
          return list.length === 200 && list.every((d) => d.state === 'sent') ? list : undefined;
        },
        100_000,
        'all 200 burst deliveries sent',
      );
      expect(items).toHaveLength(200);
      // At most 20 in any minute (a sliding window over the arrivals), and digests rather than 200 messages.
      const times = burstRobot.requests.map((r) => r.at);
      for (const at of times) expect(times.filter((x) => x <= at && x > at - 60_000).length).toBeLessThanOrEqual(20);
      expect(burstRobot.requests.length).toBeLessThan(200);
      const text = burstRobot.requests.map((r) => JSON.parse(r.body).markdown.text as string).join('\n');
      for (let i = 0; i < 200; i++)
        expect(text.split(`burst · I${i}\n`).length + text.split(`burst · I${i}**`).length - 2).toBe(1);
    } finally {
      await burstRobot.stop();
    }
  }, 150_000);

  it('keeps channel secrets out of the log of events, the logs and every response', async () => {
    const head = await t.logEnd();
    expect(await t.app.get(NotificationDispatcher).waitFor(head)).toBe(true);
    const events = JSON.stringify(await t.infrastructure.eventStore.readLog({ limit: 100_000 }), (_k, v) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    const responses =
      allResponses.join('\n') +
      (await get('/api/notification-channels')).body +
      (await get('/api/notification-deliveries')).body;
    for (const secret of [WEBHOOK_SECRET, DINGTALK_SECRET]) {
      expect(events).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
      expect(responses).not.toContain(secret);
    }
  });
});
