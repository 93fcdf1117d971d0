import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { FixedClock } from '../../src/shared/clock';
import { WarningsReactor } from '../../src/warnings/reactor/warnings-reactor';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jd-2021';

/**
 * Issue 14, "Statuses must agree": one status model behind /api/targets, /api/completion, the dashboard
 * and the warnings. 江桥镇 reports I02 up to July and misses August; on 10-08 September is not yet due.
 */
describe.each(databaseKinds())('one status model (%s)', (kind) => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2021-01-26T10:00:00+08:00'));
  const headers = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object) =>
    t.inject({ method: 'POST', url, payload, headers: await headers() });
  const get = async (url: string) => {
    const response = await t.inject({ method: 'GET', url, headers: await headers() });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const settle = async () => {
    const head = await t.logEnd();
    expect(await t.app.get(WarningsReactor).waitFor(head, 30_000)).toBe(true);
  };
  /** Reports each month on the 26th of that month (every plan accepts a month from then on). */
  const reportMonths = async (unitCode: string, months: number[], yearToDate: (m: number) => string) => {
    for (const m of months) {
      clock.set(new Date(`2021-${String(m).padStart(2, '0')}-26T10:00:00+08:00`));
      const period = `2021-${String(m).padStart(2, '0')}`;
      const response = await post(`/api/targets/${PLAN}.I02.${unitCode}/progress`, { period, value: yearToDate(m) });
      expect(response.statusCode).toBe(201);
    }
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    for (const unit of [
      { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
      { code: 'anting', name: '安亭镇', kind: 'town' },
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
    expect(
      (
        await post(`/api/plans/${PLAN}/indicators`, {
          code: 'I36',
          category: '生态环境',
          name: '公园绿地',
          unitOfMeasure: '公顷',
          kind: 'cumulative',
        })
      ).statusCode,
    ).toBe(201);
    for (const unitCode of ['jiangqiao', 'anting']) {
      expect(
        (await post('/api/targets', { planCode: PLAN, indicatorCode: 'I02', unitCode, assessment: { total: '120' } }))
          .statusCode,
      ).toBe(201);
    }
    // A sub-district with no park to build: 公园绿地 0.
    expect(
      (
        await post('/api/targets', {
          planCode: PLAN,
          indicatorCode: 'I36',
          unitCode: 'jiangqiao',
          assessment: { total: '0' },
        })
      ).statusCode,
    ).toBe(201);
    await reportMonths('jiangqiao', [1, 2, 3, 4, 5, 6, 7], (m) => String(m * 10.5));
    await reportMonths('anting', [1, 2, 3, 4, 5, 6, 7, 8], (m) => String(m * 10.5));
    clock.set(new Date('2021-10-08T09:00:00+08:00'));
    await t.app.get(DeadlineScheduler).tick(); // deadlines of January to August (September's is 10-10)
    await settle();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows 江桥镇 I02 overdue in completion as on the target (its last report, July, was green)', async () => {
    const target = await get(`/api/targets/${PLAN}.I02.jiangqiao`);
    expect(target.status).toBe('overdue');
    const [row] = await get(`/api/completion?planCode=${PLAN}&indicatorCode=I02&unitCode=jiangqiao`);
    expect(row).toMatchObject({ targetId: `${PLAN}.I02.jiangqiao`, period: '2021-07', status: 'overdue' });
    const august = await get(`/api/completion?planCode=${PLAN}&indicatorCode=I02&period=2021-08`);
    expect(august.map((r: { unitCode: string; status: string }) => [r.unitCode, r.status])).toEqual([
      ['anting', 'green'],
      ['jiangqiao', 'overdue'],
    ]);
    const warnings = await get(`/api/warnings?planCode=${PLAN}&unitCode=jiangqiao`);
    const list = (Array.isArray(warnings) ? warnings : warnings.items) as Array<{
      kind: string;
      period: string;
      indicatorCode: string;
    }>;
    expect(list.filter((w) => w.kind === 'overdue').map((w) => [w.indicatorCode, w.period])).toEqual([
      ['I02', '2021-08'],
    ]);
  });

  it('says not_due, not not_started, for a month whose report is not due yet', async () => {
    const rows = await get(`/api/completion?planCode=${PLAN}&indicatorCode=I02&period=2021-09`);
    expect(rows.map((r: { unitCode: string; status: string }) => [r.unitCode, r.status])).toEqual([
      ['anting', 'not_due'],
      ['jiangqiao', 'not_due'],
    ]);
  });

  it('needs no report from a target of 0: completed, never overdue, no warning', async () => {
    const zero = await get(`/api/targets/${PLAN}.I36.jiangqiao`);
    expect(zero.status).toBe('completed');
    const [row] = await get(`/api/completion?planCode=${PLAN}&indicatorCode=I36&period=2021-08`);
    expect(row.status).toBe('completed');
    const warnings = await get(`/api/warnings?planCode=${PLAN}&unitCode=jiangqiao`);
    const list = (Array.isArray(warnings) ? warnings : warnings.items) as Array<{ indicatorCode: string }>;
    expect(list.filter((w) => w.indicatorCode === 'I36')).toEqual([]);
  });

  it('counts the dashboard from the same statuses, live and as of now', async () => {
    const targets = (await get(`/api/targets?planCode=${PLAN}`)) as Array<{ status: string }>;
    const byStatus = (statuses: string[]) =>
      Object.fromEntries(['completed', 'green', 'overdue'].map((s) => [s, statuses.filter((x) => x === s).length]));
    const expected = byStatus(targets.map((x) => x.status));
    expect(expected).toEqual({ completed: 1, green: 1, overdue: 1 });
    const live = await get(`/api/dashboard?planCode=${PLAN}`);
    expect(live.totals).toMatchObject({ total: 3, ...expected });
    const asOf = await get(`/api/dashboard?planCode=${PLAN}&asOf=${encodeURIComponent(clock.now().toISOString())}`);
    expect(asOf.totals).toEqual(live.totals);
    const completion = (await get(`/api/completion?planCode=${PLAN}`)) as Array<{ status: string }>;
    expect(byStatus(completion.map((r) => r.status))).toEqual(expected);
  });

  it('documents the status model in the OpenAPI document', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/docs-json' })).json();
    for (const path of ['/api/completion', '/api/dashboard']) {
      expect(doc.paths[path].get.description).toEqual(expect.stringContaining('`not_due` 未到期'));
    }
  });
});
