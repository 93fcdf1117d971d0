import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, ChildServer as Server, freePort } from '../support/child-server';
import { createPostgresTestDatabase, databaseKinds } from '../support/test-databases';

const PLAN = 'kill-2021';
const UNITS = ['u01', 'u02', 'u03', 'u04', 'u05', 'u06'];
const MONTHS = Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`);
const ADMIN = { username: 'admin', password: 'admin-password-for-kill-test' };

/** One report command: its Idempotency-Key makes a retry after a crash safe. */
interface Command {
  targetId: string;
  period: string;
  value: string;
  key: string;
}

const COMMANDS: Command[] = UNITS.flatMap((unit) =>
  MONTHS.map((period, i) => ({
    targetId: `${PLAN}.I01.${unit}`,
    period,
    value: String((i + 1) * 10),
    key: `kill-test/${unit}/${period}`,
  })),
);

async function login(server: Server): Promise<string> {
  const answer = await call(server, 'POST', '/api/auth/login', undefined, ADMIN);
  if (answer.status !== 200) throw new Error(`login: ${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as { accessToken: string }).accessToken;
}

describe.each(databaseKinds())('kill -9 under a load of reports (%s)', (kind) => {
  let server: Server;
  let dataDir: string;
  let dropDatabase = async () => undefined as void;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kill-test-'));
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      DEMO: 'false',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'kill-test-secret-that-is-long-enough-0123456789',
      // Late in the plan year, so every month may be reported.
      CLOCK_START: '2021-12-28T10:00:00+08:00',
      LOG_LEVEL: 'warn',
    };
    if (kind === 'postgres') {
      const db = await createPostgresTestDatabase(process.env.DATABASE_URL!);
      env.DATABASE_URL = db.url;
      dropDatabase = () => db.drop();
    }
    server = new Server(await freePort(), kind === 'postgres' ? env : { ...env, DATABASE_URL: '' });
    await server.start();
    const token = await login(server);
    const post = async (path: string, body: unknown) => {
      const answer = await call(server, 'POST', path, token, body);
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    };
    for (const code of UNITS) await post('/api/units', { code, name: `单位 ${code}`, kind: 'town' });
    await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标' });
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
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged report exactly once, and the read models equal a fold of the log', async () => {
    let token = await login(server);
    const acknowledged = new Set<string>();
    const send = async (command: Command) => {
      const answer = await call(
        server,
        'POST',
        `/api/targets/${command.targetId}/progress`,
        token,
        { period: command.period, value: command.value },
        {
          'idempotency-key': command.key,
        },
      );
      if (answer.status === 201) acknowledged.add(command.key);
      else throw new Error(`report ${command.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
    };

    // Four clients, each on its own units' commands in order; killed while they are at it.
    const queues = [0, 1, 2, 3].map((i) => COMMANDS.filter((_, n) => n % 4 === i));
    let killed = false;
    const clients = queues.map(async (queue) => {
      for (const command of queue) {
        if (killed) return;
        await send(command).catch(() => undefined);
      }
    });
    while (acknowledged.size < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    await server.kill9();
    await Promise.all(clients);
    const beforeCrash = new Set(acknowledged);

    await server.start();
    token = await login(server);
    // Every command again, with its key: the acknowledged ones must append nothing new.
    for (const command of COMMANDS) await send(command);
    expect(acknowledged.size).toBe(COMMANDS.length);

    for (const unit of UNITS) {
      const history = await call(server, 'GET', `/api/targets/${PLAN}.I01.${unit}/history`, token);
      expect(history.status).toBe(200);
      const reported = (history.body as Array<{ type: string; data: { period: string } }>)
        .filter((e) => e.type === 'ProgressReported')
        .map((e) => e.data.period);
      expect(reported.sort()).toEqual(MONTHS);
    }
    expect(beforeCrash.size).toBeGreaterThanOrEqual(20);

    // The live read model equals the log folded in memory at the head.
    const health = await call(server, 'GET', '/health');
    const head = (health.body as { details: { eventStore: { headPosition: string } } }).details.eventStore.headPosition;
    const live = await call(server, 'GET', `/api/completion?planCode=${PLAN}`, token);
    const folded = await call(server, 'GET', `/api/completion?planCode=${PLAN}&asOf=${head}`, token);
    expect(live.status).toBe(200);
    expect(folded.body).toEqual(live.body);
    expect(health.status).toBe(200);
  });
});
