import { v4 as uuidv4 } from 'uuid';
import { NotificationDispatcher } from '../../src/notifications/dispatcher/notification-dispatcher';
import { QuarantineAlarm } from '../../src/notifications/quarantine-alarm/quarantine-alarm';
import { ReminderScheduler } from '../../src/notifications/reminders/reminder-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { eventually } from '../support/eventually';
import { bearer, startTestApp, TestApp, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'nr-2021';
const WARNING = `${PLAN}.I02.anting.w1`;

type Item = { id: string; kind: string; title: string; body: string; readAt?: string; warningId?: string };

describe.each(databaseKinds())('notifications: replies to urgings, mark all read, quarantine alarm (%s)', (kind) => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2021-04-05T02:00:00Z'));
  let anting: TestUser;
  let jiangqiao: TestUser;
  let office: TestUser;
  let leader: TestUser;
  const asAdmin = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object, headers?: Record<string, string>) =>
    t.inject({ method: 'POST', url, payload, headers: headers ?? (await asAdmin()) });
  const get = async (url: string, headers?: Record<string, string>) =>
    t.inject({ method: 'GET', url, headers: headers ?? (await asAdmin()) });
  const inbox = async (user: TestUser) => {
    const response = await get('/api/notifications?limit=200', bearer(user.token));
    if (response.statusCode !== 200)
      throw new Error(`inbox of ${user.username}: ${response.statusCode} ${response.body}`);
    return (response.json() as { items: Item[] }).items;
  };
  const settle = async () => expect(await t.app.get(NotificationDispatcher).waitFor(await t.logEnd())).toBe(true);

  beforeAll(async () => {
    t = await startTestApp(kind, { clock, config: { accessTokenTtlSeconds: 90 * 86400 } });
    for (const unit of [
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
    ])
      expect((await post('/api/units', unit)).statusCode).toBe(201);
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
            assessment: { total: '1760000', unitOfMeasure: '万元' },
          })
        ).statusCode,
      ).toBe(201);
    }
    anting = await t.userWith(['unit'], 'anting');
    jiangqiao = await t.userWith(['unit'], 'jiangqiao');
    office = await t.userWith(['office']);
    leader = await t.userWith(['leader']);
    expect(
      (await post(`/api/targets/${PLAN}.I02.anting/progress`, { period: '2021-03', value: '300000' })).statusCode,
    ).toBe(201);
    await eventually(
      async () => ((await inbox(anting)).some((i) => i.kind === 'warning_raised') ? true : undefined),
      15_000,
      'the red warning in the inbox',
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the unit (and only the unit) reply to an urging: the office sees the reply, and no escalation follows', async () => {
    const replyBy = new Date(clock.now().getTime() + 24 * 3600_000).toISOString();
    expect((await post(`/api/warnings/${WARNING}/urgings`, { message: '请说明滞后原因', replyBy })).statusCode).toBe(
      201,
    );
    const urgingId = `${WARNING}.u1`;
    const url = `/api/warnings/${WARNING}/urgings/${urgingId}/replies`;

    // Reading the urgings: the unit and the office; another unit is told the warning does not exist.
    expect(
      (
        (await get(`/api/warnings/${WARNING}/urgings`, bearer(anting.token))).json() as { items: Array<{ id: string }> }
      ).items.map((u) => u.id),
    ).toEqual([urgingId]);
    expect((await get(`/api/warnings/${WARNING}/urgings`, bearer(jiangqiao.token))).statusCode).toBe(404);

    expect((await post(url, { message: '不是我单位' }, bearer(jiangqiao.token))).statusCode).toBe(403);
    expect((await post(url, { message: '督查室代答' }, bearer(office.token))).statusCode).toBe(403);
    const empty = await post(url, { message: '' }, bearer(anting.token));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: 'message' })]);
    expect(
      (
        await post(
          `/api/warnings/${WARNING}/urgings/${WARNING}.u7/replies`,
          { message: '无此催办' },
          bearer(anting.token),
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await post(`/api/warnings/${WARNING}/urgings/other.u1/replies`, { message: '无此催办' }, bearer(anting.token)))
        .statusCode,
    ).toBe(404);

    const replied = await post(url, { message: '已召开专题会，下周报送整改方案' }, bearer(anting.token));
    expect(replied.statusCode).toBe(201);
    expect(replied.json()).toMatchObject({
      id: urgingId,
      reply: '已召开专题会，下周报送整改方案',
      repliedBy: anting.username,
      repliedAt: clock.now().toISOString(),
    });
    expect((await post(url, { message: '再答一次' }, bearer(anting.token))).statusCode).toBe(409);

    // The reply is an event of the urging's stream (the audit trail), and the office is told of it.
    const stream = await t.infrastructure.eventStore.readStream(`urgings-${WARNING}`);
    expect(stream.map((e) => e.type)).toEqual(['WarningUrged', 'UrgingReplied']);
    await eventually(
      async () => ((await inbox(office)).some((i) => i.kind === 'urging_replied') ? true : undefined),
      15_000,
      'urging_replied for the office',
    );
    expect((await inbox(anting)).filter((i) => i.kind === 'urging_replied')).toEqual([]);
    const told = (await get(`/api/warnings/${WARNING}/notifications`)).json() as {
      urgings: Array<{ id: string; reply?: string; repliedAt?: string }>;
    };
    expect(told.urgings).toEqual([
      expect.objectContaining({ id: urgingId, reply: '已召开专题会，下周报送整改方案', repliedAt: expect.any(String) }),
    ]);

    // The deadline passes, answered: the leaders are not told.
    clock.advance(25 * 3600_000);
    await t.app.get(ReminderScheduler).tick();
    await settle();
    expect((await inbox(leader)).filter((i) => i.kind === 'urging_overdue')).toEqual([]);
  });

  it('marks all of the caller’s notifications read, and nobody else’s', async () => {
    expect((await post(`/api/warnings/${WARNING}/urgings`, { message: '请加快进度' })).statusCode).toBe(201);
    await eventually(
      async () => ((await inbox(anting)).filter((i) => i.kind === 'urging').length === 2 ? true : undefined),
      15_000,
      'the second urging',
    );
    const officeUnread = (await get('/api/notifications/unread-count', bearer(office.token))).json().count as number;
    expect(officeUnread).toBeGreaterThan(0);
    const unread = (await inbox(anting)).filter((i) => !i.readAt).length;
    expect(unread).toBeGreaterThanOrEqual(3);
    const all = await post('/api/notifications/read-all', {}, bearer(anting.token));
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ marked: unread });
    expect((await get('/api/notifications/unread-count', bearer(anting.token))).json()).toEqual({ count: 0 });
    expect((await inbox(anting)).every((i) => i.readAt === clock.now().toISOString())).toBe(true);
    expect((await get('/api/notifications/unread-count', bearer(office.token))).json()).toEqual({
      count: officeUnread,
    });
    expect((await post('/api/notifications/read-all', {}, bearer(anting.token))).json()).toEqual({ marked: 0 });
  });

  it('alarms the office when a follower quarantines an event, once per quarantining', async () => {
    const before = (await inbox(office)).filter((i) => i.kind === 'follower_quarantined');
    expect(before).toEqual([]);
    // A target without an indicator, written past every validation (as a bug or a migration might).
    await t.infrastructure.eventStore.append(
      'target-poison.I02.nobody',
      [
        {
          id: uuidv4(),
          type: 'TargetAssigned',
          data: { targetId: 'poison.I02.nobody' },
          schemaVersion: 1,
          metadata: {
            actor: { id: 'test', username: 'test', displayName: 'test' },
            commandId: uuidv4(),
            correlationId: uuidv4(),
            causationId: uuidv4(),
            recordedAt: clock.now().toISOString(),
          },
        },
      ],
      'no_stream',
    );
    const quarantined = await eventually(
      async () => {
        const items = ((await get('/api/quarantine')).json() as { items: Array<{ follower: string; type: string }> })
          .items;
        return items.some((i) => i.follower === 'targets') ? items : undefined;
      },
      15_000,
      'the poison event in quarantine',
    );
    const alarm = t.app.get(QuarantineAlarm);
    expect(await alarm.tick()).toBe(quarantined.length);
    const alarms = (await inbox(office)).filter((i) => i.kind === 'follower_quarantined');
    const followers = [...new Set(quarantined.map((q) => q.follower))];
    expect(alarms).toHaveLength(followers.length);
    expect(alarms.find((a) => a.title.includes('targets'))?.body).toContain('TargetAssigned');
    expect((await inbox(leader)).filter((i) => i.kind === 'follower_quarantined')).toEqual([]);
    expect((await inbox(anting)).filter((i) => i.kind === 'follower_quarantined')).toEqual([]);
    // Looking again alarms of nothing new.
    expect(await alarm.tick()).toBe(0);
    expect((await inbox(office)).filter((i) => i.kind === 'follower_quarantined')).toHaveLength(followers.length);
  });
});
