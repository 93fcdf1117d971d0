import { DataSource } from 'typeorm';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { PLAN, SEED_START, seedPlan } from '../browser/support/seed-plan';
import { eventually } from '../support/eventually';
import { bearer, startTestApp, TestApp, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

type Urged = { urgings: Array<{ id: string; warningId: string; indicatorCode: string }>; replyBy?: string };

/**
 * 催办 on a month's missing reports (the 报送情况 matrix) is one command: every open overdue-report
 * warning of the unit and month is urged, or — when anything fails halfway — none is.
 */
describe.each(databaseKinds())('notifications: urging a unit on a month’s missing reports (%s)', (kind) => {
  let t: TestApp;
  let anting: TestUser;
  let nanxiang: TestUser;
  const now = new Date('2021-08-12T02:00:00Z');
  const clock = new FixedClock(SEED_START);
  const urge = async (payload: object, headers?: Record<string, string>) =>
    t.inject({
      method: 'POST',
      url: `/api/plans/${PLAN}/report-urgings`,
      payload,
      headers: headers ?? bearer(await t.adminToken()),
    });
  const overdueOf = async (unitCode: string) => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/warnings?planCode=${PLAN}&unitCode=${unitCode}&period=2021-07&limit=500`,
      headers: bearer(await t.adminToken()),
    });
    return (response.json() as Array<{ id: string; kind: string; state: string }>).filter(
      (w) => w.kind === 'overdue' && w.state !== 'cleared',
    );
  };
  const urgingsOf = async (warningId: string) =>
    (
      (
        await t.inject({
          method: 'GET',
          url: `/api/warnings/${warningId}/urgings`,
          headers: bearer(await t.adminToken()),
        })
      ).json() as { items: Array<{ id: string; message: string; replyBy?: string }> }
    ).items;
  const inboxUrgings = async (user: TestUser) =>
    (
      (await t.inject({ method: 'GET', url: '/api/notifications?limit=100', headers: bearer(user.token) })).json() as {
        items: Array<{ kind: string; title: string }>;
      }
    ).items.filter((i) => i.kind === 'urging');

  beforeAll(async () => {
    t = await startTestApp(kind, { clock, config: { accessTokenTtlSeconds: 90 * 86400 } });
    await seedPlan(t, clock, now);
    // July's deadline (08-10) has passed and nobody reported July: an overdue-report warning per indicator.
    await t.app.get(DeadlineScheduler).tick();
    await eventually(async () => ((await overdueOf('anting')).length === 3 ? true : undefined), 30_000);
    await eventually(async () => ((await overdueOf('nanxiang')).length === 3 ? true : undefined), 30_000);
    anting = await t.userWith(['unit'], 'anting');
    nanxiang = await t.userWith(['unit'], 'nanxiang');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('urges the unit on every overdue indicator of the month in one command; the unit is told, no other unit', async () => {
    const response = await urge({
      unitCode: 'anting',
      period: '2021-07',
      message: '七月进度逾期未报，请于周五前报送',
      replyBy: '2021-08-13T17:00:00+08:00',
    });
    expect(response.statusCode).toBe(201);
    const answer = response.json() as Urged;
    const overdue = await overdueOf('anting');
    expect(answer.urgings.map((u) => u.warningId).sort()).toEqual(overdue.map((w) => w.id).sort());
    expect(answer.urgings.map((u) => u.indicatorCode)).toEqual(['I01', 'I02', 'I03']);
    expect(answer.replyBy).toBe('2021-08-13T09:00:00.000Z');
    for (const w of overdue) {
      expect(await urgingsOf(w.id)).toEqual([
        expect.objectContaining({ message: '七月进度逾期未报，请于周五前报送', replyBy: '2021-08-13T09:00:00.000Z' }),
      ]);
    }
    // One correlation for the batch in the log: the audit trail shows it as one act.
    const events = await t.infrastructure.eventStore.readLog({ limit: 100_000, types: ['WarningUrged'] });
    expect(new Set(events.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(events).toHaveLength(3);
    const told = await eventually(async () => {
      const items = await inboxUrgings(anting);
      return items.length === 3 ? items : undefined;
    });
    expect(told.every((i) => i.title.startsWith('【催办】安亭镇'))).toBe(true);
    expect(await inboxUrgings(nanxiang)).toEqual([]);
  });

  it('answers a clear refusal: bad input names the field, a month with nothing overdue is a 409, a reporter a 403', async () => {
    const bad = await urge({ unitCode: 'anting', period: '2021-13', message: '请报送' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('period');
    const past = await urge({
      unitCode: 'anting',
      period: '2021-07',
      message: '请报送',
      replyBy: '2021-08-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    const nothing = await urge({ unitCode: 'anting', period: '2021-09', message: '请报送' });
    expect(nothing.statusCode).toBe(409);
    expect(String(nothing.json().type)).toMatch(/nothing-to-urge$/);
    expect(
      (await urge({ unitCode: 'anting', period: '2021-07', message: '请报送' }, bearer(anting.token))).statusCode,
    ).toBe(403);
  });

  it('writes none of the urgings when one fails halfway, and all of them when asked again', async () => {
    const overdue = await overdueOf('nanxiang');
    const second = [...overdue].sort((a, b) => a.id.localeCompare(b.id))[1];
    const db = t.app.get(DataSource);
    // The store refuses the second warning's urging (as a database failure would, mid-batch).
    await db.query(`
      CREATE FUNCTION test_refuse_urging() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.stream_id = 'urgings-${second.id}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER test_refuse_urging BEFORE INSERT ON es_events FOR EACH ROW EXECUTE FUNCTION test_refuse_urging()`,
    );
    try {
      const failed = await urge({ unitCode: 'nanxiang', period: '2021-07', message: '请尽快报送' });
      expect(failed.statusCode).toBeGreaterThanOrEqual(500);
      for (const w of overdue) expect(await urgingsOf(w.id)).toEqual([]);
      const urged = await t.infrastructure.eventStore.readLog({ limit: 100_000, types: ['WarningUrged'] });
      expect(urged.filter((e) => (e.data as { unitCode: string }).unitCode === 'nanxiang')).toEqual([]);
    } finally {
      await db.query(`DROP TRIGGER test_refuse_urging ON es_events`);
      await db.query(`DROP FUNCTION test_refuse_urging()`);
    }
    const again = await urge({ unitCode: 'nanxiang', period: '2021-07', message: '请尽快报送' });
    expect(again.statusCode).toBe(201);
    expect((again.json() as Urged).urgings).toHaveLength(3);
    for (const w of overdue) expect((await urgingsOf(w.id)).map((u) => u.message)).toEqual(['请尽快报送']);
    const told = await eventually(async () => {
      const items = await inboxUrgings(nanxiang);
      return items.length === 3 ? items : undefined;
    });
    expect(told).toHaveLength(3);
  });
});
