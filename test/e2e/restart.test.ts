import { applicationClock } from '../../src/config/application-clock';
import { loadConfig } from '../../src/config/load-config';
import { openInfrastructure } from '../../src/database/infrastructure';
import { bearer, openTestAppDatabase, startTestApp, TestApp, TestAppDatabase } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jd-2021';
const CLOCK_START = '2021-10-08T09:00:00+08:00';
const TARGET = `${PLAN}.I02.anting`;

/**
 * Issue 14, "Time": a simulated clock (CLOCK_START, the demo) restarted at its start recorded events
 * before earlier ones, and an unset JWT_SECRET ended every login with the process. Boot, write,
 * restart, write: times only increase, `asOf` between the writes answers the first, the token lives on.
 */
describe.each(databaseKinds())('restarting the server (%s)', (kind) => {
  let database: TestAppDatabase;
  let t: TestApp | undefined;
  const config = { clockStart: CLOCK_START, jwtSecret: undefined };

  /** As src/main.ts does: the clock from the configuration and the log's last recorded time. */
  const boot = async () => {
    const settings = Object.assign(loadConfig({ NODE_ENV: 'test' }), config, database.settings, {
      migrateOnBoot: true,
    });
    const infrastructure = await openInfrastructure(settings);
    const last = await infrastructure.eventStore.lastRecordedAt().finally(() => infrastructure.close());
    return startTestApp(kind, { database, config, clock: applicationClock(settings, kind, last) });
  };
  const post = async (app: TestApp, url: string, payload: object, token?: string) =>
    app.inject({ method: 'POST', url, payload, headers: bearer(token ?? (await app.adminToken())) });

  beforeAll(async () => {
    database = await openTestAppDatabase(kind);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('records later events after earlier ones, answers asOf between them, and keeps logins', async () => {
    t = await boot();
    const first = t;
    expect((await post(first, '/api/units', { code: 'anting', name: '安亭镇', kind: 'town' })).statusCode).toBe(201);
    expect((await post(first, '/api/plans', { code: PLAN, year: 2021, title: '2021年目标' })).statusCode).toBe(201);
    const indicator = {
      code: 'I02',
      category: '经济发展',
      name: '税收总收入',
      unitOfMeasure: '亿元',
      kind: 'cumulative',
    };
    expect((await post(first, `/api/plans/${PLAN}/indicators`, indicator)).statusCode).toBe(201);
    expect(
      (
        await post(first, '/api/targets', {
          planCode: PLAN,
          indicatorCode: 'I02',
          unitCode: 'anting',
          assessment: { total: '120' },
        })
      ).statusCode,
    ).toBe(201);
    expect((await post(first, `/api/targets/${TARGET}/progress`, { period: '2021-08', value: '80' })).statusCode).toBe(
      201,
    );
    const token = await first.adminToken();
    await first.close();

    t = await boot();
    const second = t;
    // The token of the first process still opens the second (JWT secret kept in the data directory).
    expect((await second.inject({ method: 'GET', url: '/api/units', headers: bearer(token) })).statusCode).toBe(200);
    expect(
      (await post(second, `/api/targets/${TARGET}/progress`, { period: '2021-09', value: '95' }, token)).statusCode,
    ).toBe(201);

    const history = (
      await second.inject({ method: 'GET', url: `/api/targets/${TARGET}/history`, headers: bearer(token) })
    ).json() as Array<{ type: string; recordedAt: string }>;
    const times = history.map((h) => Date.parse(h.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const [august, september] = history
      .filter((h) => h.type === 'ProgressReported')
      .map((h) => Date.parse(h.recordedAt));
    expect(september).toBeGreaterThan(august);
    const log = await second.infrastructure.eventStore.readLog({ limit: 10_000 });
    const logTimes = log.map((e) => Date.parse(e.metadata.recordedAt));
    expect(logTimes).toEqual([...logTimes].sort((a, b) => a - b));

    const between = new Date(Math.floor((august + september) / 2)).toISOString();
    const asOf = (
      await second.inject({
        method: 'GET',
        url: `/api/completion?planCode=${PLAN}&asOf=${encodeURIComponent(between)}`,
        headers: bearer(token),
      })
    ).json();
    expect(asOf).toEqual([expect.objectContaining({ targetId: TARGET, period: '2021-08', value: '80' })]);
    const now = (
      await second.inject({ method: 'GET', url: `/api/completion?planCode=${PLAN}`, headers: bearer(token) })
    ).json();
    expect(now).toEqual([expect.objectContaining({ targetId: TARGET, period: '2021-09', value: '95' })]);
  });
});
