import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, ChildServer, freePort } from '../support/child-server';
import { eventually } from '../support/eventually';
import { HttpReceiver } from '../support/notification-receivers';
import { createPostgresTestDatabase, databaseKinds } from '../support/test-databases';

const PLAN = 'nkill-2021';
const UNITS = ['u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u07', 'u08'];
const ADMIN = { username: 'admin', password: 'admin-password-for-kill-test' };
const SECRET = 'kill-test-webhook-secret-不可外泄';

interface Delivery {
  id: string;
  state: string;
  sourceEventId: string;
}

describe.each(databaseKinds())('notifications survive kill -9 between append and delivery (%s)', (kind) => {
  let server: ChildServer;
  let dataDir: string;
  let dropDatabase = async () => undefined as void;
  const receiver = new HttpReceiver();
  let receiverPort = 0;
  let token = '';
  let channelId = '';

  const login = async () => {
    const answer = await call(server, 'POST', '/api/auth/login', undefined, ADMIN);
    if (answer.status !== 200) throw new Error(`login: ${answer.status} ${JSON.stringify(answer.body)}`);
    token = (answer.body as { accessToken: string }).accessToken;
  };
  const post = async (path: string, body: unknown) => {
    const answer = await call(server, 'POST', path, token, body);
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'notification-kill-test-'));
    receiverPort = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      DEMO: 'false',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'notification-kill-test-secret-long-enough-0123456789',
      // Early in February: January may be reported and no deadline has passed yet.
      CLOCK_START: '2021-02-03T10:00:00+08:00',
      NOTIFICATION_RETRY_BASE_MS: '200',
      LOG_LEVEL: 'info',
    };
    if (kind === 'postgres') {
      const db = await createPostgresTestDatabase(process.env.DATABASE_URL!);
      env.DATABASE_URL = db.url;
      dropDatabase = () => db.drop();
    }
    server = new ChildServer(await freePort(), kind === 'postgres' ? env : { ...env, DATABASE_URL: '' });
    await server.start();
    await login();
    for (const code of UNITS) await post('/api/units', { code, name: `单位 ${code}`, kind: 'town' });
    await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标', settings: { reportableFromDay: 1 } });
    await post(`/api/plans/${PLAN}/indicators`, {
      code: 'I01',
      category: '经济发展',
      name: '测试指标',
      unitOfMeasure: '万元',
      kind: 'cumulative',
    });
    for (const unitCode of UNITS)
      await post('/api/targets', {
        planCode: PLAN,
        indicatorCode: 'I01',
        unitCode,
        assessment: { total: '120', unitOfMeasure: '万元' },
      });
    // The webhook's receiver is down for now: nothing can be delivered before the crash.
    const channel = await post('/api/notification-channels', {
      name: '督查室 Webhook',
      kind: 'webhook',
      target: `http://127.0.0.1:${receiverPort}/hook`,
      secret: SECRET,
    });
    channelId = (channel as { id: string }).id;
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    await receiver.stop();
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every warning once after the restart: one signed request per (event, channel), none lost, none twice', async () => {
    // Red reports for every unit, at once; killed the moment the last is acknowledged — the warnings are
    // appended (or about to be, by the reactor), their deliveries pending at best.
    const reports = await Promise.all(
      UNITS.map((unit) =>
        call(server, 'POST', `/api/targets/${PLAN}.I01.${unit}/progress`, token, { period: '2021-01', value: '1' }),
      ),
    );
    expect(reports.map((r) => r.status)).toEqual(UNITS.map(() => 201));
    await server.kill9();
    const logBeforeCrash = server.log;

    await receiver.start(receiverPort);
    await server.start();
    await login();

    // One warning per unit; one webhook delivery per warning, each sent.
    const warnings = await eventually(
      async () => {
        const answer = await call(server, 'GET', `/api/warnings?planCode=${PLAN}`, token);
        const list = answer.body as Array<{ id: string; unitCode: string }>;
        return list.length === UNITS.length ? list : undefined;
      },
      60_000,
      'a warning per unit',
    );
    expect(warnings.map((w) => w.unitCode).sort()).toEqual(UNITS);
    const deliveries = await eventually(
      async () => {
        const answer = await call(server, 'GET', `/api/notification-deliveries?channelId=${channelId}`, token);
        const items = (answer.body as { items: Delivery[] }).items;
        return items.length === UNITS.length && items.every((d) => d.state === 'sent') ? items : undefined;
      },
      60_000,
      'every delivery sent',
    );
    await eventually(
      async () => (receiver.requests.length >= UNITS.length ? true : undefined),
      30_000,
      'the receiver to have them all',
    );
    // Whatever might still come would be a repeat: give it the time a retry would take.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    expect(receiver.requests).toHaveLength(UNITS.length);
    const ids = receiver.requests.map((r) => String(r.headers['x-delivery-id']));
    expect(new Set(ids).size).toBe(UNITS.length);
    expect(ids.sort()).toEqual(deliveries.map((d) => d.id).sort());
    const bodies = receiver.requests.map(
      (r) => JSON.parse(r.body) as { kind: string; source: { eventId: string }; unit?: { code: string } },
    );
    expect(new Set(bodies.map((b) => b.source.eventId)).size).toBe(UNITS.length);
    expect(bodies.map((b) => b.unit?.code).sort()).toEqual(UNITS);
    expect(bodies.every((b) => b.kind === 'warning_raised')).toBe(true);
    for (const r of receiver.requests) {
      const signature = createHmac('sha256', SECRET)
        .update(`${String(r.headers['x-timestamp'])}.${r.body}`)
        .digest('hex');
      expect(r.headers['x-signature']).toBe(`sha256=${signature}`);
    }
    // The secret is in no log line, before or after the crash, nor in any answer.
    expect(logBeforeCrash + server.log).not.toContain(SECRET);
    const channels = await call(server, 'GET', '/api/notification-channels', token);
    expect(JSON.stringify(channels.body)).not.toContain(SECRET);
    const health = await call(server, 'GET', '/health');
    expect(health.status).toBe(200);
  }, 600_000);
});
