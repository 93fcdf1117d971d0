import { eventually } from '../support/eventually';
import { HttpReceiver, SmtpReceiver } from '../support/notification-receivers';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';
import { raisedWarnings } from '../support/raised-warnings';

const BASE = 'https://duban.example.gov.cn/';
const MAILS = 12;

/** Every MIME part of a mail decoded (base64 or quoted-printable) and joined: enough to find its links. */
function decoded(raw: string): string {
  return raw
    .split(/\r?\n--[^\r\n]+\r?\n/)
    .map((part) => {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(head))
        return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head))
        return Buffer.from(
          body
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8');
      return part;
    })
    .join('\n');
}

/**
 * Email over one pool of SMTP connections (not one connection per message), and absolute links in
 * emails, robot messages and webhooks when PUBLIC_BASE_URL is set.
 */
describe.each(databaseKinds())('notifications: pooled email and absolute links (%s)', (kind) => {
  let t: TestApp;
  const smtp = new SmtpReceiver();
  const webhook = new HttpReceiver();
  const robot = new HttpReceiver();

  beforeAll(async () => {
    await Promise.all([smtp.start(), webhook.start(), robot.start()]);
    t = await startTestApp(kind, { config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicBaseUrl: BASE } });
    const admin = bearer(await t.adminToken());
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/units',
          headers: admin,
          payload: { code: 'anting', name: '安亭镇', kind: 'town' },
        })
      ).statusCode,
    ).toBe(201);
    for (const channel of [
      { name: '外部系统', kind: 'webhook', target: webhook.url('/hook'), secret: 'links-secret-0123456789' },
      { name: '督查群', kind: 'wecom', target: robot.url('/cgi-bin/webhook/send?key=k') },
    ]) {
      expect(
        (await t.inject({ method: 'POST', url: '/api/notification-channels', headers: admin, payload: channel }))
          .statusCode,
      ).toBe(201);
    }
    const reporter = await t.userWith(['unit'], 'anting');
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: '/api/users/me',
          headers: bearer(reporter.token),
          payload: { email: 'anting@jiading.test' },
        })
      ).statusCode,
    ).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([smtp.stop(), webhook.stop(), robot.stop()]);
  });

  it(`sends ${MAILS} warnings' emails over a few pooled connections, each once, with absolute links`, async () => {
    const warnings = raisedWarnings('mail', 'anting', MAILS);
    await t.infrastructure.eventStore.append('warnings-mail', warnings, 'no_stream');
    await eventually(
      async () => (smtp.mails.length >= MAILS && webhook.requests.length >= MAILS ? true : undefined),
      60_000,
    );

    // Each warning once, over at most as many connections as the email lane sends at once.
    const ids = smtp.mails.map((m) => /^X-Delivery-Id: (.*)$/im.exec(m.raw)?.[1].trim());
    expect(new Set(ids).size).toBe(MAILS);
    expect(smtp.mails).toHaveLength(MAILS);
    expect(smtp.connections).toBeLessThanOrEqual(4);
    for (let i = 0; i < MAILS; i++) {
      const link = `https://duban.example.gov.cn/warnings?warning=${encodeURIComponent(`mail.I${i}.anting.w1`)}`;
      const mail = smtp.mails.find((m) => decoded(m.raw).includes(link));
      expect(mail).toBeDefined();
      expect(decoded(mail!.raw)).toContain(`href="${link}"`);
    }
    // The webhook keeps the path in `link` (the contract) and adds the absolute `url`.
    const body = JSON.parse(webhook.requests[0].body) as { link: string; url: string };
    expect(body.link).toMatch(/^\/warnings\?warning=/);
    expect(body.url).toBe(`https://duban.example.gov.cn${body.link}`);
    // Robots link each message of a digest.
    await eventually(async () => (robot.requests.length ? true : undefined), 60_000);
    const content = JSON.parse(robot.requests[0].body).markdown.content as string;
    expect(content).toContain('(https://duban.example.gov.cn/warnings?warning=');
  });
});
