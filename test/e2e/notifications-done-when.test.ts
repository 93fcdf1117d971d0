import { FixedClock } from '../../src/shared/clock';
import { seedPlan, targetId } from '../browser/support/seed-plan';
import { HttpReceiver, SmtpReceiver } from '../support/notification-receivers';
import { bearer, startTestApp, TestApp, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

/** A mail's text with quoted-printable soft breaks and `=3D` undone (enough to find a link in it). */
const unfolded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
/** Mails to the town's reporter that link to this warning (reminders and overdue warnings of the seeded plan come too). */
const mailsOf = (mails: Array<{ to: string[]; raw: string }>, warningId: string | undefined) =>
  mails.filter(
    (m) =>
      !!warningId &&
      m.to.includes('jiangqiao@example.cn') &&
      unfolded(m.raw).includes(`/warnings?warning=${encodeURIComponent(warningId)}`),
  );

type Item = { id: string; kind: string; title: string; warningId?: string; link: string };

/**
 * Issue #11's "done when", end to end on a fresh database: a red warning raised by the town's own
 * report reaches its reporter in the inbox, by email (a real SMTP server) and through a webhook
 * channel, once each; the office sees who was told. Prints how long each took after the report.
 */
describe.each(databaseKinds())(
  'notifications: a red warning from a report, told by inbox, email and webhook (%s)',
  (kind) => {
    let t: TestApp;
    let town: TestUser;
    const webhook = new HttpReceiver();
    const smtp = new SmtpReceiver();
    const now = new Date('2021-08-12T02:00:00Z');
    const clock = new FixedClock(now);

    beforeAll(async () => {
      await webhook.start();
      await smtp.start();
      t = await startTestApp(kind, {
        clock,
        config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, accessTokenTtlSeconds: 90 * 86400 },
      });
      await seedPlan(t, clock, now);
      town = await t.userWith(['unit'], 'jiangqiao');
      const headers = bearer(await t.adminToken());
      const channel = await t.inject({
        method: 'POST',
        url: '/api/notification-channels',
        headers,
        payload: { name: '督查室 Webhook', kind: 'webhook', target: webhook.url('/hook'), secret: 'done-when-secret' },
      });
      expect(channel.statusCode).toBe(201);
      const me = await t.inject({
        method: 'PATCH',
        url: '/api/users/me',
        headers: bearer(town.token),
        payload: { email: 'jiangqiao@example.cn' },
      });
      expect(me.statusCode).toBe(200);
    });
    afterAll(async () => {
      await t?.close();
      await webhook.stop();
      await smtp.stop();
    });

    it('arrives in the inbox, by email and by webhook, once each; the office sees who was told', async () => {
      const isRed = (title: string) => title.includes('红灯预警') && title.includes('固定资产投资');
      const reported = Date.now();
      const report = await t.inject({
        method: 'POST',
        url: `/api/targets/${targetId('I02', 'jiangqiao')}/progress`,
        headers: bearer(town.token),
        payload: { period: '2021-07', value: '39', narrative: '项目开工延迟' },
      });
      expect(report.statusCode).toBe(201);
      const seen: Record<string, number> = {};
      for (const until = Date.now() + 30_000; Object.keys(seen).length < 3 && Date.now() < until;) {
        {
          const { items } = (
            await t.inject({ method: 'GET', url: '/api/notifications?limit=50', headers: bearer(town.token) })
          ).json() as { items: Item[] };
          const redItem = items.find((i) => i.kind === 'warning_raised' && isRed(i.title));
          if (redItem) seen.inbox ??= Date.now() - reported;
          if (mailsOf(smtp.mails, redItem?.warningId).length) seen.email ??= Date.now() - reported;
          const hook = webhook.requests.find((r) => isRed((JSON.parse(r.body) as { title: string }).title));
          if (hook) seen.webhook ??= hook.at - reported;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(Object.keys(seen).sort()).toEqual(['email', 'inbox', 'webhook']);
      console.log(
        `done-when (${kind}): report → inbox ${seen.inbox} ms, → email ${seen.email} ms, → webhook ${seen.webhook} ms`,
      );
      // Once each, a little later too.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const { items } = (
        await t.inject({ method: 'GET', url: '/api/notifications?limit=50', headers: bearer(town.token) })
      ).json() as { items: Item[] };
      const red = items.filter((i) => i.kind === 'warning_raised' && isRed(i.title));
      expect(red).toHaveLength(1);
      expect(red[0].link).toBe(`/warnings?warning=${red[0].warningId}`);
      expect(mailsOf(smtp.mails, red[0].warningId)).toHaveLength(1);
      expect(webhook.requests.filter((r) => isRed((JSON.parse(r.body) as { title: string }).title))).toHaveLength(1);

      // 促进: the office sees who was told, when and how.
      const told = await t.inject({
        method: 'GET',
        url: `/api/warnings/${encodeURIComponent(red[0].warningId!)}/notifications`,
        headers: bearer(await t.adminToken()),
      });
      expect(told.statusCode).toBe(200);
      const body = JSON.stringify(told.json());
      expect(body).toContain(town.username);
      expect(body).toContain('jiangqiao@example.cn');
      expect(body).toContain('督查室 Webhook');
      expect(body).not.toContain('done-when-secret');
    });
  },
);
