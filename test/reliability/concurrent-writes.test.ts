import { FixedClock } from '../../src/shared/clock';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jd-2021';
const TARGET = `${PLAN}.I02.anting`;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`);

describe.each(databaseKinds())('concurrent writes to one target all go through (%s)', (kind) => {
  let t: TestApp;
  // Late in the year, so every month of 2021 may be reported.
  const clock = new FixedClock(new Date('2021-12-28T02:00:00Z'));
  const asAdmin = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object) =>
    t.inject({ method: 'POST', url, payload, headers: await asAdmin() });

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    expect((await post('/api/units', { code: 'anting', name: '安亭镇', kind: 'town' })).statusCode).toBe(201);
    expect((await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标' })).statusCode).toBe(201);
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
    expect(
      (
        await post('/api/targets', {
          planCode: PLAN,
          indicatorCode: 'I02',
          unitCode: 'anting',
          assessment: { total: '1200', unitOfMeasure: '万元' },
        })
      ).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts 12 concurrent reports for 12 different months, each recorded once', async () => {
    const headers = await asAdmin();
    const answers = await Promise.all(
      MONTHS.map((period, i) =>
        t.inject({
          method: 'POST',
          url: `/api/targets/${TARGET}/progress`,
          headers,
          payload: { period, value: String((i + 1) * 100) },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(MONTHS.map(() => 201));
    const stream = await t.infrastructure.eventStore.readStream(`target-${TARGET}`);
    const reported = stream
      .filter((e) => e.type === 'ProgressReported')
      .map((e) => (e.data as { period: string }).period);
    expect(reported.sort()).toEqual(MONTHS);
  });

  it('accepts 20 concurrent corrections of reported months', async () => {
    const headers = await asAdmin();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.inject({
          method: 'POST',
          url: `/api/targets/${TARGET}/progress/${MONTHS[i % 12]}/corrections`,
          headers,
          payload: { value: String((i % 12) * 100 + 50 + i), reason: `更正 ${i}` },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 20 }, () => 200));
    const stream = await t.infrastructure.eventStore.readStream(`target-${TARGET}`);
    expect(stream.filter((e) => e.type === 'ProgressCorrected')).toHaveLength(20);
  });
});
