import { FixedClock } from '../../src/shared/clock';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jiading-2021';
const TARGET = `${PLAN}.I02.anting`;

/** Issue 14 "Figures" and "Answers" on the write side, over HTTP. */
describe.each(databaseKinds())('figures and answers (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let reporter: Record<string, string>;
  const clock = new FixedClock(new Date('2021-10-08T01:00:00Z'));
  const post = (url: string, payload: unknown, headers: Record<string, string> = admin) =>
    t.inject({ method: 'POST', url, payload: payload as object, headers });
  const get = (url: string, headers: Record<string, string> = admin) => t.inject({ method: 'GET', url, headers });
  const fields = (response: { json(): unknown }) =>
    ((response.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
  const streamLength = async () => (await t.infrastructure.eventStore.readStream(`target-${TARGET}`)).length;

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    admin = bearer(await t.adminToken());
    for (const unit of [
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
    ]) {
      expect((await post('/api/units', unit)).statusCode).toBe(201);
    }
    expect((await post('/api/plans', { code: PLAN, year: 2021, title: '2021年嘉定区主要目标任务' })).statusCode).toBe(
      201,
    );
    const indicator = {
      code: 'I02',
      category: '经济发展',
      name: '税收总收入',
      unitOfMeasure: '亿元',
      kind: 'cumulative',
    };
    expect((await post(`/api/plans/${PLAN}/indicators`, indicator)).statusCode).toBe(201);
    const signed = {
      code: 'I09',
      category: '经济发展',
      name: '净流入',
      unitOfMeasure: '亿元',
      kind: 'level',
      allowNegative: true,
    };
    expect((await post(`/api/plans/${PLAN}/indicators`, signed)).statusCode).toBe(201);
    for (const [code, unitCode] of [
      ['I02', 'anting'],
      ['I02', 'jiangqiao'],
      ['I09', 'anting'],
    ]) {
      const target = {
        planCode: PLAN,
        indicatorCode: code,
        unitCode,
        assessment: { total: '1760000', unitOfMeasure: '万元' },
      };
      expect((await post('/api/targets', target)).statusCode).toBe(201);
    }
    reporter = bearer((await t.userWith(['unit'], 'anting')).token);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses negatives unless the indicator allows them, and more decimal places than the unit allows', async () => {
    const before = await streamLength();
    expect(fields(await post(`/api/targets/${TARGET}/progress`, { period: '2021-07', value: '-5' }, reporter))).toEqual(
      ['value'],
    );
    expect(
      fields(
        await post(`/api/targets/${TARGET}/progress`, { period: '2021-07', value: `12.${'1'.repeat(30)}` }, reporter),
      ),
    ).toEqual(['value']);
    const places = await post(`/api/targets/${TARGET}/progress`, { period: '2021-07', value: '12.11111' }, reporter);
    expect(places.statusCode).toBe(400);
    expect(places.json().errors[0].message).toContain('4');
    expect(await streamLength()).toBe(before);
    expect(
      (await post(`/api/targets/${PLAN}.I09.anting/progress`, { period: '2021-07', value: '-5' }, reporter)).statusCode,
    ).toBe(201);
  });

  it('answers a report with the target’s new status, slim', async () => {
    const response = await post(`/api/targets/${TARGET}/progress`, { period: '2021-08', value: '169000' }, reporter);
    expect(response.statusCode).toBe(201);
    const body = response.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['id', 'period', 'position', 'repeated', 'revision', 'status']);
    expect(body.status).toBe((await get(`/api/targets/${TARGET}`)).json().status);
    expect(JSON.stringify(body).length).toBeLessThan(300);
  });

  it('refuses a falling year-to-date value without confirmation and reason; marks it in history and audit when confirmed', async () => {
    const falling = await post(`/api/targets/${TARGET}/progress`, { period: '2021-09', value: '121200' }, reporter);
    expect(falling.statusCode).toBe(400);
    expect(falling.json()).toMatchObject({ comparedWith: '2021-08', comparedValue: '169000' });
    expect(fields(falling)).toEqual(['confirmDecrease', 'decreaseReason']);
    const confirmed = await post(
      `/api/targets/${TARGET}/progress`,
      { period: '2021-09', value: '121200', confirmDecrease: true, decreaseReason: '退税冲减' },
      reporter,
    );
    expect(confirmed.statusCode).toBe(201);
    const history = (await get(`/api/targets/${TARGET}/history`)).json() as Array<{
      type: string;
      data: Record<string, unknown>;
      reason?: string;
    }>;
    const entry = history.find((h) => h.type === 'ProgressReported' && h.data.period === '2021-09');
    expect(entry?.data.yearToDateDecrease).toEqual({
      comparedWith: '2021-08',
      comparedValue: '169000',
      reason: '退税冲减',
    });
    expect(entry?.reason).toBe('退税冲减');
    const audit = (await get(`/api/audit?type=ProgressReported&streamPrefix=target-${TARGET}`)).json() as
      { entries?: unknown[] } | unknown[];
    const rows = (
      Array.isArray(audit) ? audit : (audit.entries ?? (audit as { items?: unknown[] }).items ?? [])
    ) as Array<{ data: Record<string, unknown>; reason?: string }>;
    expect(rows.find((r) => r.data.period === '2021-09')).toMatchObject({
      reason: '退税冲减',
      data: { yearToDateDecrease: { reason: '退税冲减' } },
    });
  });

  it('refuses a bad value on an already reported period with 400 before 409, and a correction to −1', async () => {
    expect(
      (await post(`/api/targets/${TARGET}/progress`, { period: '2021-08', value: '-1' }, reporter)).statusCode,
    ).toBe(400);
    expect(
      (await post(`/api/targets/${TARGET}/progress`, { period: '2021-08', value: '170000' }, reporter)).statusCode,
    ).toBe(409);
    expect(
      fields(
        await post(`/api/targets/${TARGET}/progress/2021-08/corrections`, { value: '-1', reason: '更正' }, reporter),
      ),
    ).toEqual(['value']);
  });

  it('an adjustment changes only what it names: the unit of measure stays; a negative total is refused', async () => {
    const etag = (await get(`/api/targets/${PLAN}.I02.jiangqiao`)).headers.etag as string;
    const negative = await t.inject({
      method: 'POST',
      url: `/api/targets/${PLAN}.I02.jiangqiao/adjustments`,
      headers: { ...admin, 'if-match': etag },
      payload: { assessment: { total: '-5' }, reason: '调整', approvalDocument: '嘉府办〔2021〕15号' },
    });
    expect(fields(negative)).toEqual(['assessment.total']);
    const adjusted = await t.inject({
      method: 'POST',
      url: `/api/targets/${PLAN}.I02.jiangqiao/adjustments`,
      headers: { ...admin, 'if-match': etag },
      payload: { assessment: { total: '1400000' }, reason: '调整', approvalDocument: '嘉府办〔2021〕15号' },
    });
    expect(adjusted.statusCode).toBe(200);
    expect(adjusted.json()).toMatchObject({
      unitOfMeasure: '万元',
      assessment: { total: '1400000', unitOfMeasure: '万元' },
    });
  });

  it('refuses an Idempotency-Key reused with a different body (422 naming the key); the same body repeats', async () => {
    const headers = { ...admin, 'idempotency-key': 'form-42' };
    const url = `/api/targets/${PLAN}.I02.jiangqiao/progress`;
    expect((await post(url, { period: '2021-07', value: '100000' }, headers)).statusCode).toBe(201);
    const again = await post(url, { period: '2021-07', value: '100000' }, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().repeated).toBe(true);
    const other = await post(url, { period: '2021-07', value: '999' }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ idempotencyKey: 'form-42', errors: [{ field: 'Idempotency-Key' }] });
    expect(other.json().detail).toContain('form-42');
  });

  it('refuses a unit reporter filtering on another unit (403) instead of answering its own rows', async () => {
    for (const path of ['/api/targets', '/api/warnings', `/api/completion?planCode=${PLAN}&`]) {
      const url = path.includes('?') ? path : `${path}?`;
      expect((await get(`${url}unitCode=jiangqiao`, reporter)).statusCode).toBe(403);
      expect((await get(`${url}unitCode=anting`, reporter)).statusCode).toBe(200);
    }
  });
});
