import { FixedClock } from '../../src/shared/clock';
import { WarningsReactor } from '../../src/warnings/reactor/warnings-reactor';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jd-2021';

/** Issue 14, "Answers": names beside codes, display values per unit of measure, a paged warnings list, a ceiling's numbers. */
describe.each(databaseKinds())('display-ready read answers (%s)', (kind) => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2021-03-26T10:00:00+08:00'));
  const headers = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object) =>
    t.inject({ method: 'POST', url, payload, headers: await headers() });
  const get = async (url: string) => t.inject({ method: 'GET', url, headers: await headers() });
  const settle = async () => expect(await t.app.get(WarningsReactor).waitFor(await t.logEnd(), 30_000)).toBe(true);
  type Warning = {
    id: string;
    unitCode: string;
    unitName: string;
    indicatorCode: string;
    indicatorName: string;
    state: string;
    reason: string;
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    for (const unit of [
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
    expect(
      (
        await post(`/api/plans/${PLAN}/indicators`, {
          code: 'I40',
          category: '生态环境',
          name: '能源消费总量',
          unitOfMeasure: '万吨标准煤',
          kind: 'ceiling',
        })
      ).statusCode,
    ).toBe(201);
    for (const unitCode of ['anting', 'jiangqiao']) {
      expect(
        (await post('/api/targets', { planCode: PLAN, indicatorCode: 'I02', unitCode, assessment: { total: '120' } }))
          .statusCode,
      ).toBe(201);
      expect(
        (await post('/api/targets', { planCode: PLAN, indicatorCode: 'I40', unitCode, assessment: { total: '310' } }))
          .statusCode,
      ).toBe(201);
    }
    // 12.3456 / 120 = 10.288 % against a pace of 25 %: red.
    expect(
      (await post(`/api/targets/${PLAN}.I02.anting/progress`, { period: '2021-03', value: '12.3456' })).statusCode,
    ).toBe(201);
    expect(
      (await post(`/api/targets/${PLAN}.I02.jiangqiao/progress`, { period: '2021-03', value: '10' })).statusCode,
    ).toBe(201);
    expect(
      (await post(`/api/targets/${PLAN}.I40.anting/progress`, { period: '2021-03', value: '332' })).statusCode,
    ).toBe(201);
    expect(
      (await post(`/api/targets/${PLAN}.I40.jiangqiao/progress`, { period: '2021-03', value: '330' })).statusCode,
    ).toBe(201);
    await settle();
    // Jiangqiao's figure was a typo: back under the cap, its warning clears.
    const corrected = await post(`/api/targets/${PLAN}.I40.jiangqiao/progress/2021-03/corrections`, {
      value: '100',
      reason: '录入错误',
    });
    expect(corrected.statusCode).toBe(200);
    await settle();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('puts names beside codes and display values beside exact figures in completion', async () => {
    const rows = (await get(`/api/completion?planCode=${PLAN}&indicatorCode=I02&unitCode=anting`)).json();
    expect(rows).toEqual([
      expect.objectContaining({
        unitCode: 'anting',
        unitName: '安亭镇',
        indicatorName: '税收总收入',
        value: '12.3456',
        unitOfMeasure: '亿元',
        status: 'red',
        display: expect.objectContaining({
          value: '12.35',
          completion: '10.3%',
          expectedPace: '25.0%',
          paceRatio: '0.412',
        }),
      }),
    ]);
    expect(rows[0].completion.startsWith('0.10288')).toBe(true); // exact in the data
  });

  it('names units on the dashboard and in its lagging list', async () => {
    const dashboard = (await get(`/api/dashboard?planCode=${PLAN}`)).json();
    expect(dashboard.byUnit).toEqual(
      expect.arrayContaining([expect.objectContaining({ unitCode: 'anting', unitName: '安亭镇' })]),
    );
    expect(dashboard.lagging[0]).toMatchObject({ unitName: expect.any(String), display: expect.any(Object) });
  });

  it('lists open warnings by default, with names, and a ceiling warning that gives its numbers', async () => {
    const open = (await get(`/api/warnings?planCode=${PLAN}`)).json() as Warning[];
    expect(open.every((w) => w.state !== 'cleared')).toBe(true);
    const ceiling = open.find((w) => w.indicatorCode === 'I40' && w.unitCode === 'anting');
    expect(ceiling).toMatchObject({ unitName: '安亭镇', indicatorName: '能源消费总量' });
    expect(ceiling!.reason).toContain('332 万吨标准煤 against a cap of 310 万吨标准煤');
    const all = (await get(`/api/warnings?planCode=${PLAN}&state=all`)).json() as Warning[];
    expect(all.length).toBe(open.length + 1);
    expect(all.find((w) => w.indicatorCode === 'I40' && w.unitCode === 'jiangqiao')?.state).toBe('cleared');
  });

  it('pages the warnings list with a cursor', async () => {
    const all = (await get(`/api/warnings?planCode=${PLAN}&state=all`)).json() as Warning[];
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let url: string | undefined = `/api/warnings?planCode=${PLAN}&state=all&limit=2`;
    while (url) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const page = response.json() as Warning[];
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((w) => w.id));
      const link = response.headers.link as string | undefined;
      url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
      if (url) expect(url).toContain(`cursor=${response.headers['x-next-cursor'] as string}`);
    }
    expect(seen).toEqual(all.map((w) => w.id));
    const bad = await get(`/api/warnings?planCode=${PLAN}&cursor=bm90LWEtY3Vyc29y`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});
