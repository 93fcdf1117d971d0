import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jd-2021';

/** Polls until `check` returns a value (the reactor and projections work asynchronously). */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(databaseKinds())('completion, warnings, dashboard and time travel (%s)', (kind) => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2021-04-05T02:00:00Z'));
  // The admin token is fetched per request: the test moves the clock past its expiry.
  const asAdmin = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object, headers?: Record<string, string>) =>
    t.inject({ method: 'POST', url, payload, headers: headers ?? (await asAdmin()) });
  const get = async (url: string, headers?: Record<string, string>) =>
    t.inject({ method: 'GET', url, headers: headers ?? (await asAdmin()) });
  type Warning = {
    id: string;
    kind: string;
    level: string;
    state: string;
    period: string;
    unitCode: string;
    history: Array<{ type: string }>;
  };
  // Every state: the list shows open warnings only unless asked (issue 14).
  const warnings = async (query = '') =>
    (await get(`/api/warnings?planCode=${PLAN}&state=all${query}`)).json() as Warning[];

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    for (const unit of [
      { code: 'jiading', name: '嘉定区', kind: 'district' },
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
    ]) {
      expect((await post('/api/units', unit)).statusCode).toBe(201);
    }
    expect((await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标' })).statusCode).toBe(201);
    expect(
      (
        await post(`/api/plans/${PLAN}/indicators`, {
          code: 'I02',
          category: '经济发展',
          name: '税收总收入',
          unitOfMeasure: '亿元',
          kind: 'cumulative',
        })
      ).statusCode,
    ).toBe(201);
    for (const [unitCode, total, unitOfMeasure] of [
      ['jiading', '760', '亿元'],
      ['anting', '1760000', '万元'],
      ['jiangqiao', '1000000', '万元'],
    ]) {
      const assigned = await post('/api/targets', {
        planCode: PLAN,
        indicatorCode: 'I02',
        unitCode,
        assessment: { total, unitOfMeasure },
      });
      expect(assigned.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reconciles the district target with the sum of unit targets in one unit of measure', async () => {
    const response = await get(`/api/plans/${PLAN}/reconciliation`);
    expect(response.statusCode).toBe(200);
    expect(response.json().lines).toEqual([
      expect.objectContaining({
        indicatorCode: 'I02',
        unitOfMeasure: '亿元',
        districtTarget: '760',
        sumOfUnitTargets: '276',
        difference: '-484',
        unitTargets: 2,
      }),
    ]);
  });

  it('reconciles as of a past moment from the log', async () => {
    const head = (await t.infrastructure.eventStore.headPosition()).toString();
    const live = (await get(`/api/plans/${PLAN}/reconciliation`)).json();
    expect(live.asOf).toBeNull();
    const atHead = (await get(`/api/plans/${PLAN}/reconciliation?asOf=${head}`)).json();
    expect(atHead).toEqual({ ...live, asOf: head });
    // Before any target was assigned (the suite's clock starts at 2021-04-05 10:00 Shanghai): nothing to reconcile.
    const before = (await get(`/api/plans/${PLAN}/reconciliation?asOf=2021-04-01T00:00:00Z`)).json();
    expect(before.lines.filter((l: { unitTargets: number }) => l.unitTargets > 0)).toEqual([]);
    expect(before.lines).not.toEqual(live.lines);
    const refused = await get(`/api/plans/${PLAN}/reconciliation?asOf=yesterday`);
    expect(refused.statusCode).toBe(400);
    expect((refused.json().errors as Array<{ field: string }>).map((e) => e.field)).toContain('asOf');
  });

  it('shows a lagging report as red at once and raises a warning with the rule values', async () => {
    const report = await post(`/api/targets/${PLAN}.I02.anting/progress`, { period: '2021-03', value: '300000' });
    expect(report.statusCode).toBe(201);
    const rows = (await get(`/api/completion?planCode=${PLAN}&unitCode=anting`)).json();
    // 300000 / 1760000 = 0.1705 against a pace of 0.25: ratio 0.682 < 0.85 → red.
    expect(rows).toEqual([
      expect.objectContaining({
        targetId: `${PLAN}.I02.anting`,
        period: '2021-03',
        expectedPace: '0.25',
        status: 'red',
      }),
    ]);
    expect(rows[0].paceRatio.startsWith('0.6818')).toBe(true);

    const [warning] = await eventually(async () => {
      const list = await warnings('&unitCode=anting');
      return list.length ? list : undefined;
    });
    expect(warning).toMatchObject({
      id: `${PLAN}.I02.anting.w1`,
      kind: 'status',
      level: 'red',
      state: 'raised',
      period: '2021-03',
    });
    expect((warning as unknown as { ruleValues: Record<string, string> }).ruleValues).toMatchObject({
      paceGreen: '0.95',
      paceYellow: '0.85',
    });
  });

  it('lets the unit acknowledge its warning, not another unit’s reporter', async () => {
    const other = await t.userWith(['unit'], 'jiangqiao');
    const refused = await post(
      `/api/warnings/${PLAN}.I02.anting.w1/acknowledgements`,
      { explanation: 'x', measures: 'y' },
      bearer(other.token),
    );
    expect(refused.statusCode).toBe(403);
    const reporter = await t.userWith(['unit'], 'anting');
    const ack = await post(
      `/api/warnings/${PLAN}.I02.anting.w1/acknowledgements`,
      { explanation: '一季度重点企业停产', measures: '二季度加快复产' },
      bearer(reporter.token),
    );
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({
      state: 'acknowledged',
      acknowledgement: { explanation: '一季度重点企业停产', measures: '二季度加快复产' },
    });
  });

  let beforeCorrection: string;
  it('clears the warning when a correction brings the target back on pace, keeping its history', async () => {
    beforeCorrection = (await t.infrastructure.eventStore.headPosition()).toString();
    const corrected = await post(`/api/targets/${PLAN}.I02.anting/progress/2021-03/corrections`, {
      value: '440000',
      reason: '漏报一家重点企业',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().latest.status).toBe('green');
    const cleared = await eventually(async () => {
      const [w] = await warnings('&unitCode=anting');
      return w?.state === 'cleared' ? w : undefined;
    });
    expect(cleared.history.map((h) => h.type)).toEqual(['WarningRaised', 'WarningAcknowledged', 'WarningCleared']);
  });

  it('raises overdue warnings when a report deadline passes, reproducibly from deadline events', async () => {
    const scheduler = t.app.get(DeadlineScheduler);
    expect(await scheduler.tick()).toBe(2); // 2021-01 and 2021-02 were due by 2021-03-10; March is due by 2021-04-10.
    clock.set(new Date('2021-04-11T00:30:00+08:00'));
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);

    const overdue = await eventually(async () => {
      const list = (await warnings('&unitCode=jiangqiao')).filter((w) => w.kind === 'overdue');
      return list.length === 3 ? list : undefined;
    });
    expect(overdue.map((w) => w.period).sort()).toEqual(['2021-01', '2021-02', '2021-03']);
    // Anting's March report (year to date) was in before the January and February deadlines were recorded.
    expect((await warnings('&unitCode=anting')).filter((w) => w.kind === 'overdue')).toEqual([]);
    const rows = (await get(`/api/completion?planCode=${PLAN}&period=2021-03`)).json();
    expect(rows.map((r: { unitCode: string; status: string }) => [r.unitCode, r.status])).toEqual([
      ['anting', 'green'],
      ['jiading', 'overdue'],
      ['jiangqiao', 'overdue'],
    ]);

    const report = await post(`/api/targets/${PLAN}.I02.jiangqiao/progress`, { period: '2021-03', value: '250000' });
    expect(report.statusCode).toBe(201);
    await eventually(async () => {
      const open = (await warnings('&unitCode=jiangqiao')).filter((w) => w.kind === 'overdue' && w.state !== 'cleared');
      return open.length === 0 ? true : undefined;
    });
  });

  it('shows the dashboard now and as it was before the correction', async () => {
    const now = (await get(`/api/dashboard?planCode=${PLAN}`)).json();
    expect(now.totals).toMatchObject({ total: 3, green: 2, overdue: 1 }); // jiangqiao: 250000 of 1000000 is exactly on pace
    expect(now.byCategory).toEqual([{ category: '经济发展', counts: expect.objectContaining({ total: 3 }) }]);

    // The live dashboard (SQL over the read model) and the folded one agree at the head of the log.
    const head = (await t.infrastructure.eventStore.headPosition()).toString();
    const folded = (await get(`/api/dashboard?planCode=${PLAN}&asOf=${head}`)).json();
    expect({ ...folded, asOf: null }).toEqual(now);

    const then = (await get(`/api/dashboard?planCode=${PLAN}&asOf=${beforeCorrection}`)).json();
    expect(then.totals).toMatchObject({ total: 3, red: 1, not_started: 2, green: 0 });
    expect(then.lagging.map((r: { targetId: string }) => r.targetId)).toEqual([`${PLAN}.I02.anting`]);
    expect(then.warnings).toMatchObject({ open: 1, red: 1 });

    const byTime = (await get(`/api/dashboard?planCode=${PLAN}&asOf=2021-01-01T00:00:00Z`)).json();
    expect(byTime.totals.total).toBe(0);
    expect((await get(`/api/dashboard?planCode=${PLAN}&asOf=yesterday`)).statusCode).toBe(400);

    const warningsThen = (await get(`/api/warnings?planCode=${PLAN}&asOf=${beforeCorrection}`)).json();
    expect(warningsThen.map((w: Warning) => [w.id, w.state])).toEqual([[`${PLAN}.I02.anting.w1`, 'acknowledged']]);
  });

  it('filters warnings by category and period on the server, before paging, and the audit trail by unit', async () => {
    const indicator = await post(`/api/plans/${PLAN}/indicators`, {
      code: 'I03',
      category: '社会民生',
      name: '新增就业岗位',
      unitOfMeasure: '人',
      kind: 'cumulative',
    });
    expect(indicator.statusCode).toBe(201);
    const assigned = await post('/api/targets', {
      planCode: PLAN,
      indicatorCode: 'I03',
      unitCode: 'anting',
      assessment: { total: '1000', unitOfMeasure: '人' },
    });
    expect(assigned.statusCode).toBe(201);
    expect(
      (await post(`/api/targets/${PLAN}.I03.anting/progress`, { period: '2021-03', value: '10' })).statusCode,
    ).toBe(201);
    const social = await eventually(async () => {
      const list = await warnings(`&category=${encodeURIComponent('社会民生')}`);
      return list.length ? list : undefined;
    });
    expect(social.map((w) => w.id)).toEqual([`${PLAN}.I03.anting.w1`]);
    const every = await warnings();
    const economic = await warnings(`&category=${encodeURIComponent('经济发展')}`);
    expect(economic.map((w) => w.id)).toEqual(every.filter((w) => w.id.includes('.I02.')).map((w) => w.id));
    expect(economic.length).toBeGreaterThan(0);

    const february = await warnings('&period=2021-02');
    expect(february.map((w) => w.id)).toEqual(every.filter((w) => w.period === '2021-02').map((w) => w.id));
    expect(february.length).toBe(2); // jiading's and jiangqiao's overdue February
    // Filtered before paging: page 1 of 1 is February's newest, its next page the other one.
    const first = await get(`/api/warnings?planCode=${PLAN}&state=all&period=2021-02&limit=1`);
    expect(first.json().map((w: Warning) => w.id)).toEqual([february[0].id]);
    const cursor = first.headers['x-next-cursor'] as string;
    expect(cursor).toBeTruthy();
    const second = await get(`/api/warnings?planCode=${PLAN}&state=all&period=2021-02&limit=1&cursor=${cursor}`);
    expect(second.json().map((w: Warning) => w.id)).toEqual([february[1].id]);
    expect(second.headers['x-next-cursor']).toBeUndefined();
    // As of a past position the same filters apply to the folded warnings.
    const then = (await get(`/api/warnings?planCode=${PLAN}&state=all&period=2021-03&asOf=${beforeCorrection}`)).json();
    expect(then.map((w: Warning) => w.id)).toEqual([`${PLAN}.I02.anting.w1`]);

    for (const [query, field] of [
      ['period=2021-13', 'period'],
      ['period=March', 'period'],
      [`category=${encodeURIComponent('无此类别')}`, 'category'],
      ['category=', 'category'],
    ]) {
      const refused = await get(`/api/warnings?planCode=${PLAN}&${query}`);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect((refused.json().errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    }

    // The audit trail of one unit: its targets' and warnings' streams and its own, paged by the API.
    type Entry = { streamId: string; position: string; data: { unitCode?: string; code?: string } };
    const concerns = (e: Entry, unit: string) =>
      new RegExp(`^(target|warnings)-[^.]+\\.[^.]+\\.${unit}$`).test(e.streamId) ||
      (!/^(target|warnings)-/.test(e.streamId) &&
        (e.data?.unitCode === unit || (e.streamId.startsWith('unit-') && e.data?.code === unit)));
    const trail = (await get('/api/audit?limit=500')).json().items as Entry[];
    const jiangqiao = (await get('/api/audit?unitCode=jiangqiao&limit=500')).json().items as Entry[];
    expect(jiangqiao.map((e) => e.position)).toEqual(
      trail.filter((e) => concerns(e, 'jiangqiao')).map((e) => e.position),
    );
    // The unit's own stream, its targets' and warnings', and its users' (a unit reporter's unitCode).
    expect([...new Set(jiangqiao.map((e) => e.streamId.replace(/^(\w+)-.*$/, '$1')))].sort()).toEqual([
      'target',
      'unit',
      'user',
      'warnings',
    ]);
    const paged = (await get('/api/audit?unitCode=jiangqiao&limit=2')).json();
    expect(paged.items.map((e: Entry) => e.position)).toEqual(jiangqiao.slice(0, 2).map((e) => e.position));
    expect(paged.nextBefore).toBe(jiangqiao[1].position);
    const refused = await get('/api/audit?unitCode=' + encodeURIComponent('江桥 镇'));
    expect(refused.statusCode).toBe(400);
    expect((refused.json().errors as Array<{ field: string }>).map((e) => e.field)).toContain('unitCode');
  });
});
