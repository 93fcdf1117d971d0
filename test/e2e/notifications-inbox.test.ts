import { NotificationDispatcher } from '../../src/notifications/dispatcher/notification-dispatcher';
import { ReminderScheduler } from '../../src/notifications/reminders/reminder-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { eventually } from '../support/eventually';
import { bearer, openTestAppDatabase, startTestApp, TestApp, TestAppDatabase, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'nt-2021';
const WARNING = `${PLAN}.I02.anting.w1`;

type Item = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt?: string;
  source: { eventId: string; type: string };
  warningId?: string;
};

describe.each(databaseKinds())('notifications: inbox, rules, urging, reminders (%s)', (kind) => {
  let t: TestApp;
  let database: TestAppDatabase;
  const clock = new FixedClock(new Date('2021-04-05T02:00:00Z'));
  let anting: TestUser;
  let jiangqiao: TestUser;
  let leader: TestUser;
  let lead: TestUser;
  const asAdmin = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object, headers?: Record<string, string>) =>
    t.inject({ method: 'POST', url, payload, headers: headers ?? (await asAdmin()) });
  const get = async (url: string, headers?: Record<string, string>) =>
    t.inject({ method: 'GET', url, headers: headers ?? (await asAdmin()) });
  const inbox = async (user: TestUser, query = '') => {
    const response = await get(`/api/notifications${query}`, bearer(user.token));
    if (response.statusCode !== 200)
      throw new Error(`inbox of ${user.username}: ${response.statusCode} ${response.body}`);
    return (response.json() as { items: Item[] }).items;
  };
  const kinds = async (user: TestUser) => (await inbox(user)).map((i) => i.kind).sort();
  const waitForKind = (user: TestUser, k: string, count = 1) =>
    eventually(
      async () => {
        const items = (await inbox(user)).filter((i) => i.kind === k);
        return items.length >= count ? items : undefined;
      },
      15_000,
      `${k} in the inbox`,
    );

  beforeAll(async () => {
    database = await openTestAppDatabase(kind);
    t = await startTestApp(kind, { clock, database, config: { accessTokenTtlSeconds: 90 * 86400 } });
    for (const unit of [
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
      { code: 'finance', name: '区财政局', kind: 'department' },
    ])
      expect((await post('/api/units', unit)).statusCode).toBe(201);
    expect(
      (await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标', settings: { reportableFromDay: 1 } }))
        .statusCode,
    ).toBe(201);
    const indicator = await post(`/api/plans/${PLAN}/indicators`, {
      code: 'I02',
      category: '经济发展',
      name: '税收总收入',
      unitOfMeasure: '万元',
      kind: 'cumulative',
      leadUnitCode: 'finance',
    });
    expect(indicator.statusCode).toBe(201);
    for (const [unitCode, total] of [
      ['anting', '1760000'],
      ['jiangqiao', '1000000'],
    ]) {
      expect(
        (
          await post('/api/targets', {
            planCode: PLAN,
            indicatorCode: 'I02',
            unitCode,
            assessment: { total, unitOfMeasure: '万元' },
          })
        ).statusCode,
      ).toBe(201);
    }
    anting = await t.userWith(['unit'], 'anting');
    jiangqiao = await t.userWith(['unit'], 'jiangqiao');
    leader = await t.userWith(['leader']);
    lead = await t.userWith(['unit'], 'finance');
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('tells the unit’s reporters and the lead department of a red warning, and no other unit', async () => {
    expect(
      (await post(`/api/targets/${PLAN}.I02.anting/progress`, { period: '2021-03', value: '300000' })).statusCode,
    ).toBe(201);
    const [item] = await waitForKind(anting, 'warning_raised');
    expect(item).toMatchObject({
      warningId: WARNING,
      link: `/warnings?warning=${WARNING}`,
      source: { type: 'WarningRaised' },
    });
    expect(item.title).toContain('红灯预警');
    expect(item.title).toContain('安亭镇');
    expect(item.body).toContain('税收总收入');
    expect((await waitForKind(lead, 'warning_raised'))[0].warningId).toBe(WARNING);
    expect(await inbox(jiangqiao)).toEqual([]);
    expect((await inbox(leader)).filter((i) => i.kind === 'warning_raised')).toEqual([]); // leaders hear of escalations
    expect((await get('/api/notifications/unread-count', bearer(anting.token))).json()).toEqual({ count: 1 });
  });

  it('marks read for the owner only; the unread filter and count follow', async () => {
    const [item] = await inbox(anting);
    const foreign = await post(`/api/notifications/${item.id}/read`, {}, bearer(jiangqiao.token));
    expect(foreign.statusCode).toBe(404);
    const read = await post(`/api/notifications/${item.id}/read`, {}, bearer(anting.token));
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(clock.now().toISOString());
    expect((await get('/api/notifications/unread-count', bearer(anting.token))).json()).toEqual({ count: 0 });
    expect(await inbox(anting, '?unread=true')).toEqual([]);
    expect(await inbox(anting, '?unread=false')).toHaveLength(1);
    const bad = await get('/api/notifications?unread=maybe', bearer(anting.token));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await post('/api/notifications/not-a-uuid/read', {}, bearer(anting.token))).statusCode).toBe(400);
  });

  it('urges the unit (an event, a notification) and tells the leaders when the reply deadline passes unanswered', async () => {
    const refused = await post(`/api/warnings/${WARNING}/urgings`, { message: '请说明' }, bearer(anting.token));
    expect(refused.statusCode).toBe(403);
    expect((await post(`/api/warnings/${WARNING}/urgings`, { message: '' })).statusCode).toBe(400);
    expect(
      (await post(`/api/warnings/${WARNING}/urgings`, { message: 'x', replyBy: '2020-01-01T00:00:00Z' })).statusCode,
    ).toBe(400);
    expect((await post(`/api/warnings/${PLAN}.I02.anting.w9/urgings`, { message: 'x' })).statusCode).toBe(404);

    const replyBy = new Date(clock.now().getTime() + 24 * 3600_000).toISOString();
    const urged = await post(`/api/warnings/${WARNING}/urgings`, { message: '请于明日前报送整改措施', replyBy });
    expect(urged.statusCode).toBe(201);
    expect(urged.json()).toMatchObject({ id: `${WARNING}.u1`, warningId: WARNING, unitCode: 'anting', replyBy });
    const [urging] = await waitForKind(anting, 'urging');
    expect(urging.title).toContain('催办');
    expect(urging.body).toContain('请于明日前报送整改措施');
    expect(await kinds(jiangqiao)).toEqual([]);

    const audit = await get(`/api/audit?streamId=urgings-${WARNING}`);
    if (audit.statusCode === 200) expect(JSON.stringify(audit.json())).toContain('WarningUrged');

    const scheduler = t.app.get(ReminderScheduler);
    await scheduler.tick();
    expect((await inbox(leader)).filter((i) => i.kind === 'urging_overdue')).toEqual([]);
    clock.advance(25 * 3600_000);
    await scheduler.tick();
    const [overdue] = await waitForKind(leader, 'urging_overdue');
    expect(overdue.title).toContain('催办逾期未复');
    await scheduler.tick();
    expect((await inbox(leader)).filter((i) => i.kind === 'urging_overdue')).toHaveLength(1);
  });

  it('shows the office who was told, when, and whether they read it', async () => {
    const told = await get(`/api/warnings/${WARNING}/notifications`);
    expect(told.statusCode).toBe(200);
    const body = told.json() as {
      notifications: Array<{ userId: string; kind: string; readAt?: string }>;
      urgings: Array<{ id: string; replyOverdueAt?: string }>;
    };
    const raisedTo = body.notifications.filter((n) => n.kind === 'warning_raised');
    expect(raisedTo.map((n) => n.userId).sort()).toEqual([anting.id, lead.id].sort());
    expect(raisedTo.find((n) => n.userId === anting.id)?.readAt).toBeDefined();
    expect(raisedTo.find((n) => n.userId === lead.id)?.readAt).toBeUndefined();
    expect(body.urgings).toEqual([
      expect.objectContaining({ id: `${WARNING}.u1`, replyOverdueAt: expect.any(String) }),
    ]);
    expect((await get(`/api/warnings/${WARNING}/notifications`, bearer(anting.token))).statusCode).toBe(403);
  });

  it('tells the leaders of an escalation (red two periods running) and the unit, in-app only, of the clearing', async () => {
    clock.set(new Date('2021-05-02T02:00:00Z'));
    expect(
      (await post(`/api/targets/${PLAN}.I02.anting/progress`, { period: '2021-04', value: '400000' })).statusCode,
    ).toBe(201);
    const [escalated] = await waitForKind(leader, 'warning_escalated');
    expect(escalated.title).toContain('预警升级');
    await waitForKind(anting, 'warning_escalated');
    expect(
      (
        await post(`/api/targets/${PLAN}.I02.anting/progress/2021-04/corrections`, {
          value: '700000',
          reason: '补报重点企业',
        })
      ).statusCode,
    ).toBe(200);
    await waitForKind(anting, 'warning_cleared');
    expect((await inbox(leader)).filter((i) => i.kind === 'warning_cleared')).toEqual([]);
  });

  it('reminds units that have not reported, on working days of the loaded calendar (a holiday and a make-up Saturday)', async () => {
    // As in 2021: 1–5 May off, Saturday 8 May a working day. April's report is due on Monday 10 May.
    const loaded = await t.inject({
      method: 'PUT',
      url: '/api/working-day-calendar/2021',
      headers: await asAdmin(),
      payload: { holidays: ['2021-05-03', '2021-05-04', '2021-05-05'], workdays: ['2021-04-25', '2021-05-08'] },
    });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json()).toMatchObject({ year: 2021, source: 'office', workdays: ['2021-04-25', '2021-05-08'] });
    const badDate = await t.inject({
      method: 'PUT',
      url: '/api/working-day-calendar/2021',
      headers: await asAdmin(),
      payload: { holidays: ['2022-01-01'], workdays: [] },
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('holidays');

    const scheduler = t.app.get(ReminderScheduler);
    const reminders = async (user: TestUser) =>
      (await inbox(user)).filter((i) => i.kind === 'report_reminder' && i.title.includes('2021-04'));
    clock.set(new Date('2021-05-05T02:00:00Z')); // a holiday: three working days before the 10th is the 6th
    await scheduler.tick();
    clock.set(new Date('2021-05-06T01:00:00Z')); // 09:00 in Shanghai
    await scheduler.tick();
    const [three] = await eventually(async () =>
      (await reminders(jiangqiao)).length === 1 ? reminders(jiangqiao) : undefined,
    );
    expect(three.title).toContain('2021-05-10');
    expect(three.body).toContain('还有 3 个工作日');
    expect(await reminders(anting)).toEqual([]); // Anting reported April

    clock.set(new Date('2021-05-07T01:00:00Z'));
    await scheduler.tick();
    clock.set(new Date('2021-05-08T01:00:00Z')); // the make-up Saturday: one working day before
    await scheduler.tick();
    const both = await eventually(async () => {
      const r = await reminders(jiangqiao);
      return r.length === 2 ? r : undefined;
    });
    expect(both.map((r) => r.body).some((b) => b.includes('还有 1 个工作日'))).toBe(true);

    clock.set(new Date('2021-05-10T09:00:00Z')); // the due day itself: no overdue notice yet
    await scheduler.tick();
    clock.set(new Date('2021-05-11T01:00:00Z'));
    await scheduler.tick();
    const [overdue] = await waitForKind(jiangqiao, 'report_overdue');
    expect(overdue.title).toContain('逾期提醒');
    expect((await inbox(anting)).filter((i) => i.kind === 'report_overdue')).toEqual([]);
  });

  it('neither loses nor repeats a notification across a restart', async () => {
    const users = [anting, jiangqiao, leader, lead];
    const before = await Promise.all(users.map(async (u) => (await inbox(u, '?limit=200')).map((i) => i.id).sort()));
    await t.close();
    t = await startTestApp(kind, { clock, database, config: { accessTokenTtlSeconds: 90 * 86400 } });
    for (const user of users) user.token = await t.login(user.username, user.password);
    const head = await t.logEnd();
    expect(await t.app.get(NotificationDispatcher).waitFor(head)).toBe(true);
    for (const [i, user] of users.entries()) {
      const after = await inbox(user, '?limit=200');
      expect(after.map((n) => n.id)).toEqual(expect.arrayContaining(before[i]));
      // Exactly one per (source event, recipient): the boot's own new deadlines add theirs, none twice.
      const sources = after.map((n) => `${n.source.eventId}/${n.kind}`);
      expect(new Set(sources).size).toBe(sources.length);
    }
    // The deadlines recorded at this boot (January to April, missing) reach Jiangqiao once each.
    const overdueWarnings = await eventually(async () => {
      const raised = (await inbox(jiangqiao, '?limit=200')).filter((n) => n.kind === 'warning_raised');
      return raised.length === 4 ? raised : undefined;
    });
    expect(overdueWarnings.every((n) => n.title.includes('逾期预警'))).toBe(true);
  });
});
