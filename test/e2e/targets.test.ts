import { FixedClock } from '../../src/shared/clock';
import { EventStore } from '../../src/event-store/event-store.port';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jiading-2021';
const TARGET = `${PLAN}.I02.anting`;

describe.each(databaseKinds())('targets over HTTP (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  const clock = new FixedClock(new Date('2021-04-05T02:00:00Z'));

  const post = (url: string, payload: unknown, headers: Record<string, string> = admin) =>
    t.inject({ method: 'POST', url, payload: payload as object, headers });
  const get = (url: string, headers: Record<string, string> = admin) => t.inject({ method: 'GET', url, headers });
  const streamLength = async (stream: string) => {
    const store: EventStore = t.infrastructure.eventStore;
    return (await store.readStream(stream).catch(() => [])).length;
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    admin = bearer(await t.adminToken());
    for (const unit of [
      { code: 'jiading', name: '嘉定区', kind: 'district' },
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
      { code: 'tax', name: '区税务局', kind: 'department' },
    ]) {
      expect((await post('/api/units', unit)).statusCode).toBe(201);
    }
    const plan = await post('/api/plans', {
      code: PLAN,
      year: 2021,
      title: '2021年嘉定区主要目标任务',
      documentNo: '嘉府发〔2021〕1号',
    });
    expect(plan.statusCode).toBe(201);
    const indicator = await post(`/api/plans/${PLAN}/indicators`, {
      code: 'I02',
      category: '经济发展',
      name: '税收总收入',
      unitOfMeasure: '亿元',
      kind: 'cumulative',
      leadUnitCode: 'tax',
      decomposition: 'decomposed',
    });
    expect(indicator.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('assigns a target in 万元 under an indicator in 亿元 and reads it back with its ETag', async () => {
    const response = await post('/api/targets', {
      planCode: PLAN,
      indicatorCode: 'I02',
      unitCode: 'anting',
      assessment: { total: '1760000', unitOfMeasure: '万元' },
      work: { total: '1800000', unitOfMeasure: '万元' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: TARGET, revision: '0' });
    expect(response.headers.etag).toBe('"0"');

    const read = await get(`/api/targets/${TARGET}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.json()).toMatchObject({
      id: TARGET,
      indicatorName: '税收总收入',
      unitCode: 'anting',
      unitOfMeasure: '万元',
      assessment: { total: '1760000' },
      status: 'not_started',
      revision: '0',
    });
  });

  it('refuses a second target for the same plan, indicator and unit with 409, appending nothing', async () => {
    const response = await post('/api/targets', {
      planCode: PLAN,
      indicatorCode: 'I02',
      unitCode: 'anting',
      assessment: { total: '1' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await streamLength(`target-${TARGET}`)).toBe(1);
  });

  it('answers bad input with 400 problem+json naming field and rule, unknown references with 404', async () => {
    const unknownUnit = await post('/api/targets', {
      planCode: PLAN,
      indicatorCode: 'I02',
      unitCode: 'jiangqiao',
      assessment: { total: '5', unitOfMeasure: '斤' },
    });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().errors).toEqual([
      { field: 'assessment.unitOfMeasure', message: expect.stringContaining('斤') },
    ]);

    const notDecimal = await post('/api/targets', {
      planCode: PLAN,
      indicatorCode: 'I02',
      unitCode: 'jiangqiao',
      assessment: { total: 760 },
      extra: true,
    });
    expect(notDecimal.statusCode).toBe(400);
    expect(
      notDecimal
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['assessment.total', 'extra']);

    const noPlan = await post('/api/targets', {
      planCode: 'nope',
      indicatorCode: 'I02',
      unitCode: 'jiangqiao',
      assessment: { total: '1' },
    });
    expect(noPlan.statusCode).toBe(404);
    expect((await get('/api/targets/nope.I02.anting')).statusCode).toBe(404);
    expect(await streamLength(`target-${PLAN}.I02.jiangqiao`)).toBe(0);

    const badJson = await t.inject({
      method: 'POST',
      url: '/api/targets',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"planCode":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.headers['content-type']).toContain('application/problem+json');
  });

  it('adjusts with If-Match, reason and approval document; a stale revision is 412, a missing reason 400', async () => {
    const change = {
      assessment: { total: '1700000', unitOfMeasure: '万元' },
      reason: '受疫情影响调整',
      approvalDocument: '嘉府办〔2021〕15号',
    };
    expect((await post(`/api/targets/${TARGET}/adjustments`, change, { ...admin, 'if-match': '"7"' })).statusCode).toBe(
      412,
    );
    expect((await post(`/api/targets/${TARGET}/adjustments`, change)).statusCode).toBe(428);
    const missing = await post(
      `/api/targets/${TARGET}/adjustments`,
      { assessment: change.assessment, approvalDocument: 'x' },
      { ...admin, 'if-match': '"0"' },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('reason');
    expect(await streamLength(`target-${TARGET}`)).toBe(1);

    const ok = await post(`/api/targets/${TARGET}/adjustments`, change, { ...admin, 'if-match': '"0"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"1"');
    expect(ok.json().assessment.total).toBe('1700000');
  });

  it('takes a progress report, refuses a second one for the period with 409, and makes an Idempotency-Key retry harmless', async () => {
    const report = {
      period: '2021-03',
      value: '400000',
      narrative: '一季度税收平稳',
      problems: '无',
      nextSteps: '继续',
    };
    const first = await post(`/api/targets/${TARGET}/progress`, report, { ...admin, 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    const retry = await post(`/api/targets/${TARGET}/progress`, report, { ...admin, 'idempotency-key': 'k-1' });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toMatchObject({ revision: first.json().revision, repeated: true });

    const again = await post(`/api/targets/${TARGET}/progress`, report);
    expect(again.statusCode).toBe(409);
    expect(again.json().correctionUrl).toBe(`/api/targets/${TARGET}/progress/2021-03/corrections`);
    expect(await streamLength(`target-${TARGET}`)).toBe(3);

    const future = await post(`/api/targets/${TARGET}/progress`, { ...report, period: '2021-05' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('period');

    const target = (await get(`/api/targets/${TARGET}`)).json();
    // 400000 / 1700000 = 0.2353 against a pace of 3/12 = 0.25: paceRatio 0.941 → yellow.
    expect(target.latest).toMatchObject({ period: '2021-03', value: '400000', expectedPace: '0.25', status: 'yellow' });
    expect(target.latest.completion.startsWith('0.2352941176')).toBe(true);
  });

  it('corrects a reported period with a reason', async () => {
    const response = await post(`/api/targets/${TARGET}/progress/2021-03/corrections`, {
      value: '410000',
      reason: '统计口径更正',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().latest.value).toBe('410000');
    const noReason = await post(`/api/targets/${TARGET}/progress/2021-03/corrections`, { value: '1' });
    expect(noReason.statusCode).toBe(400);
    const unreported = await post(`/api/targets/${TARGET}/progress/2021-02/corrections`, { value: '1', reason: 'x' });
    expect(unreported.statusCode).toBe(404);
  });

  it('shows who changed what, when, why and under which document', async () => {
    const history = (await get(`/api/targets/${TARGET}/history`)).json();
    expect(history.map((h: { type: string }) => h.type)).toEqual([
      'TargetAssigned',
      'TargetAdjusted',
      'ProgressReported',
      'ProgressCorrected',
    ]);
    expect(history[1]).toMatchObject({
      revision: '1',
      actor: { username: 'admin' },
      reason: '受疫情影响调整',
      approvalDocument: '嘉府办〔2021〕15号',
      recordedAt: '2021-04-05T02:00:00.000Z',
      changes: [{ field: 'assessment.total', before: '1760000', after: '1700000' }],
    });
    expect(history[3]).toMatchObject({
      reason: '统计口径更正',
      changes: [{ field: 'reports.2021-03.value', before: '400000', after: '410000' }],
    });
    expect(typeof history[0].actor.displayName).toBe('string');
  });

  it('lists the audit trail across streams, newest first, with filters and paging', async () => {
    const page = (await get('/api/audit?type=TargetAdjusted')).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      streamId: `target-${TARGET}`,
      actor: { username: 'admin' },
      documentRef: '嘉府办〔2021〕15号',
    });

    const first = (await get(`/api/audit?streamPrefix=target-${PLAN}.&limit=2`)).json();
    expect(first.items.map((i: { type: string }) => i.type)).toEqual(['ProgressCorrected', 'ProgressReported']);
    const second = (await get(`/api/audit?streamPrefix=target-${PLAN}.&limit=2&before=${first.nextBefore}`)).json();
    expect(second.items.map((i: { type: string }) => i.type)).toEqual(['TargetAdjusted', 'TargetAssigned']);
    expect(second.nextBefore).toBeUndefined();
  });

  it('appends exactly one event when 20 reports for the same period race', async () => {
    const created = await post('/api/targets', {
      planCode: PLAN,
      indicatorCode: 'I02',
      unitCode: 'jiangqiao',
      assessment: { total: '1000000', unitOfMeasure: '万元' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`/api/targets/${id}/progress`, { period: '2021-02', value: String(100000 + i) }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const events = await t.infrastructure.eventStore.readStream(`target-${id}`);
    expect(events.filter((e) => e.type === 'ProgressReported')).toHaveLength(1);
  });

  it('lets a unit reporter report for its own unit only, and a leader write nothing', async () => {
    const reporter = await t.userWith(['unit'], 'jiangqiao');
    const before = await streamLength(`target-${TARGET}`);
    const foreign = await post(
      `/api/targets/${TARGET}/progress`,
      { period: '2021-01', value: '1' },
      bearer(reporter.token),
    );
    expect(foreign.statusCode).toBe(403);
    expect(await streamLength(`target-${TARGET}`)).toBe(before);
    const own = await post(
      `/api/targets/${PLAN}.I02.jiangqiao/progress`,
      { period: '2021-01', value: '50000' },
      bearer(reporter.token),
    );
    expect(own.statusCode).toBe(201);
    const ownList = (await get('/api/targets', bearer(reporter.token))).json();
    expect(ownList.map((x: { unitCode: string }) => x.unitCode)).toEqual(['jiangqiao']);

    const leader = await t.userWith(['leader']);
    expect(
      (
        await post(
          '/api/targets',
          { planCode: PLAN, indicatorCode: 'I02', unitCode: 'tax', assessment: { total: '1' } },
          bearer(leader.token),
        )
      ).statusCode,
    ).toBe(403);
    expect((await get(`/api/targets/${TARGET}`, bearer(leader.token))).statusCode).toBe(200);
  });

  it('withdraws a target with reason and document, after which reports are refused', async () => {
    const withdrawn = await post(`/api/targets/${PLAN}.I02.jiangqiao/withdrawal`, {
      reason: '区划调整',
      document: '嘉府〔2021〕30号',
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().lifecycle).toBe('withdrawn');
    const report = await post(`/api/targets/${PLAN}.I02.jiangqiao/progress`, { period: '2021-03', value: '1' });
    expect(report.statusCode).toBe(409);
  });
});
