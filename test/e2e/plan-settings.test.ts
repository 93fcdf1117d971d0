import { FixedClock } from '../../src/shared/clock';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

/** Plan settings 计划设置: stored on the plan, answered complete with their defaults, obeyed by reports. */
describe.each(databaseKinds())('plan settings (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  // 2021-04-20 10:00 in Shanghai: April is the current, unfinished month.
  const clock = new FixedClock(new Date('2021-04-20T02:00:00Z'));
  const post = (url: string, payload: unknown) =>
    t.inject({ method: 'POST', url, payload: payload as object, headers: admin });
  const get = (url: string) => t.inject({ method: 'GET', url, headers: admin });

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    admin = bearer(await t.adminToken());
    expect((await post('/api/units', { code: 'anting', name: '安亭镇', kind: 'town' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function planWithTarget(code: string, settings?: object) {
    expect(
      (await post('/api/plans', { code, year: 2021, title: '计划', ...(settings ? { settings } : {}) })).statusCode,
    ).toBe(201);
    const indicator = {
      code: 'I02',
      category: '经济发展',
      name: '税收总收入',
      unitOfMeasure: '亿元',
      kind: 'cumulative',
    };
    expect((await post(`/api/plans/${code}/indicators`, indicator)).statusCode).toBe(201);
    expect(
      (
        await post('/api/targets', {
          planCode: code,
          indicatorCode: 'I02',
          unitCode: 'anting',
          assessment: { total: '100' },
        })
      ).statusCode,
    ).toBe(201);
    return `${code}.I02.anting`;
  }

  it('answers a plan without settings with the defaults', async () => {
    await planWithTarget('plain-2021');
    const plan = await get('/api/plans/plain-2021');
    expect(plan.statusCode).toBe(200);
    expect(plan.json().settings).toEqual({ reportableFromDay: 25, zeroTargetRequiresReport: false });
  });

  it('keeps given settings and fills the rest with defaults', async () => {
    await planWithTarget('early-2021', { reportableFromDay: 15 });
    expect((await get('/api/plans/early-2021')).json().settings).toEqual({
      reportableFromDay: 15,
      zeroTargetRequiresReport: false,
    });
    const listed = (await get('/api/plans')).json() as Array<{ code: string; settings: object }>;
    expect(listed.find((p) => p.code === 'early-2021')?.settings).toEqual({
      reportableFromDay: 15,
      zeroTargetRequiresReport: false,
    });
  });

  it('refuses bad settings naming each field', async () => {
    const response = await post('/api/plans', {
      code: 'bad-2021',
      year: 2021,
      title: '计划',
      settings: { reportableFromDay: 31, zeroTargetRequiresReport: 'yes' },
    });
    expect(response.statusCode).toBe(400);
    const fields = (response.json().errors as Array<{ field: string }>).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['settings.reportableFromDay', 'settings.zeroTargetRequiresReport']));
    expect((await get('/api/plans/bad-2021')).statusCode).toBe(404);
  });

  it('refuses the current month before day 25 by default, and follows the plan’s own day', async () => {
    const plain = await post('/api/targets/plain-2021.I02.anting/progress', { period: '2021-04', value: '30' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().errors).toEqual([
      expect.objectContaining({ field: 'period', message: expect.stringContaining('25') }),
    ]);
    expect(
      (await post('/api/targets/plain-2021.I02.anting/progress', { period: '2021-03', value: '25' })).statusCode,
    ).toBe(201);

    const early = await post('/api/targets/early-2021.I02.anting/progress', { period: '2021-04', value: '30' });
    expect(early.statusCode).toBe(201);
  });
});
