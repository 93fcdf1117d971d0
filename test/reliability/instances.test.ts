import { Client } from 'pg';
import { FixedClock } from '../../src/shared/clock';
import { bearer, openTestAppDatabase, startTestApp, TestApp, TestAppDatabase } from '../support/test-app';

const PLAN = 'multi-2021';
const UNITS = ['u1', 'u2', 'u3'];
const runOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;

type Follower = { name: string; state: string };

/** Two instances of the service on one PostgreSQL (a city running many districts behind a load balancer). */
runOnPostgres('two instances on one database (postgres)', () => {
  let database: TestAppDatabase;
  let a: TestApp;
  let b: TestApp;
  const clock = new FixedClock(new Date('2021-12-28T02:00:00Z'));
  const post = async (t: TestApp, url: string, payload: object) =>
    t.inject({ method: 'POST', url, payload, headers: bearer(await t.adminToken()) });
  const get = async (t: TestApp, url: string) =>
    t.inject({ method: 'GET', url, headers: bearer(await t.adminToken()) });
  const followers = async (t: TestApp) =>
    (await t.inject({ method: 'GET', url: '/health' })).json().details.followers.followers as Follower[];

  /** Each follower is led by exactly one of the instances; the other stands by. */
  async function expectOneLeaderEach(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [fa, fb] = [await followers(a), await followers(b)];
      const ok = fa.every((f) => {
        const other = fb.find((g) => g.name === f.name)!;
        return [f.state, other.state].sort().join('/') === 'following/standby';
      });
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`leaders: ${JSON.stringify({ a: fa, b: fb })}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    database = await openTestAppDatabase('postgres');
    a = await startTestApp('postgres', { database, clock });
    b = await startTestApp('postgres', { database, clock });
    for (const code of UNITS)
      expect((await post(a, '/api/units', { code, name: `单位 ${code}`, kind: 'town' })).statusCode).toBe(201);
    expect((await post(a, '/api/plans', { code: PLAN, year: 2021, title: '2021年目标' })).statusCode).toBe(201);
    expect(
      (
        await post(b, `/api/plans/${PLAN}/indicators`, {
          code: 'I01',
          category: '经济发展',
          name: '测试指标',
          unitOfMeasure: '万元',
          kind: 'cumulative',
        })
      ).statusCode,
    ).toBe(201);
    for (const unitCode of UNITS) {
      expect(
        (
          await post(a, '/api/targets', {
            planCode: PLAN,
            indicatorCode: 'I01',
            unitCode,
            assessment: { total: '120', unitOfMeasure: '万元' },
          })
        ).statusCode,
      ).toBe(201);
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('runs each follower once: one instance leads it, the other stands by', async () => {
    await expectOneLeaderEach();
  });

  it('reads a write on either instance back on the other at once, warnings included', async () => {
    const onB = await post(b, `/api/targets/${PLAN}.I01.u1/progress`, { period: '2021-11', value: '10' });
    expect(onB.statusCode).toBe(201);
    const readOnA = (await get(a, `/api/completion?planCode=${PLAN}`)).json() as Array<{
      targetId: string;
      period: string;
      value: string;
      status: string;
    }>;
    expect(readOnA.find((r) => r.targetId === `${PLAN}.I01.u1`)).toMatchObject({
      period: '2021-11',
      value: '10',
      status: 'red',
    });
    const warnings = (await get(a, `/api/warnings?planCode=${PLAN}`)).json();
    const list = (Array.isArray(warnings) ? warnings : warnings.items) as Array<{ targetId: string; level: string }>;
    expect(list.some((w) => w.targetId === `${PLAN}.I01.u1` && w.level === 'red')).toBe(true);

    const onA = await post(a, `/api/targets/${PLAN}.I01.u2/progress`, { period: '2021-11', value: '110' });
    expect(onA.statusCode).toBe(201);
    const readOnB = (await get(b, `/api/completion?planCode=${PLAN}`)).json() as Array<{
      targetId: string;
      value: string;
    }>;
    expect(readOnB.find((r) => r.targetId === `${PLAN}.I01.u2`)).toMatchObject({ value: '110' });
  });

  it('hands every follower over when the leader dies, applying each event once', async () => {
    // The leader's session (the one holding the advisory locks) ends, as when its instance is killed.
    const admin = new Client({ connectionString: database.settings.databaseUrl });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
    } finally {
      await admin.end();
    }
    await expectOneLeaderEach();
    for (const [t, unit, value] of [
      [a, 'u3', '50'],
      [b, 'u1', '20'],
    ] as const) {
      const period = unit === 'u1' ? '2021-12' : '2021-11';
      expect((await post(t, `/api/targets/${PLAN}.I01.${unit}/progress`, { period, value })).statusCode).toBe(201);
    }
    // Both instances show the same, and it equals the log folded in memory.
    const head = (await a.inject({ method: 'GET', url: '/health' })).json().details.eventStore.headPosition as string;
    const liveA = (await get(a, `/api/completion?planCode=${PLAN}`)).json();
    const liveB = (await get(b, `/api/completion?planCode=${PLAN}`)).json();
    const folded = (await get(a, `/api/completion?planCode=${PLAN}&asOf=${head}`)).json();
    expect(liveA).toEqual(folded);
    expect(liveB).toEqual(folded);
    expect(liveA.find((r: { targetId: string }) => r.targetId === `${PLAN}.I01.u3`)).toMatchObject({ value: '50' });
  });
});
