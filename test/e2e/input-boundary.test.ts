import { FixedClock } from '../../src/shared/clock';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jiading-2021';
const TARGET = `${PLAN}.I02.anting`;

/** Issue 15 defects 1, 2, 5 and 7: input the boundary refuses (400/415) before anything is recorded. */
describe.each(databaseKinds())('the input boundary (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let reporter: Record<string, string>;
  const clock = new FixedClock(new Date('2021-10-08T01:00:00Z'));

  const post = (url: string, payload: unknown, headers: Record<string, string> = admin) =>
    t.inject({ method: 'POST', url, payload: payload as object, headers });
  const raw = (method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = admin) =>
    t.inject({
      method,
      url,
      ...(payload !== undefined
        ? { payload, headers: { ...headers, 'content-type': 'application/json' } }
        : { headers }),
    });
  const logHead = () => t.logEnd();
  const fields = (response: { json(): unknown }) =>
    ((response.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

  /** Every refusal is a 4xx problem and appends nothing to the log. */
  async function refused(
    send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; json(): unknown }>,
    status = 400,
  ) {
    const before = await logHead();
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(await logHead()).toBe(before);
    return response;
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    admin = bearer(await t.adminToken());
    for (const unit of [
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'tax', name: '区税务局', kind: 'department' },
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
    expect(
      (
        await post('/api/targets', {
          planCode: PLAN,
          indicatorCode: 'I02',
          unitCode: 'anting',
          assessment: { total: '100' },
        })
      ).statusCode,
    ).toBe(201);
    reporter = bearer((await t.userWith(['unit'], 'anting')).token);
    expect(
      (await post(`/api/targets/${TARGET}/progress`, { period: '2021-08', value: '60' }, reporter)).statusCode,
    ).toBe(201);
    // The deadline scheduler appends the passed deadlines at boot: let the log settle before counting.
    for (let quiet = 0, head = await logHead(); quiet < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const next = await logHead();
      quiet = next === head ? quiet + 1 : 0;
      head = next;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '2021-9', '2021-13'])(
    'refuses a correction of period %s with 400 naming the period (defect 1)',
    async (period) => {
      const response = await refused(() =>
        post(`/api/targets/${TARGET}/progress/${period}/corrections`, { value: '50', reason: 'x' }, reporter),
      );
      expect(fields(response)).toEqual(['period']);
      expect((await t.inject({ method: 'GET', url: `/api/targets/${TARGET}`, headers: admin })).statusCode).toBe(200);
    },
  );

  it('refuses a 135,000-digit decimal and a figure with more than 20 digits before the point (defect 2)', async () => {
    await refused(() =>
      post(`/api/targets/${TARGET}/progress`, { period: '2021-09', value: `1${'0'.repeat(135_000)}` }, reporter),
    );
    const response = await refused(() =>
      post(`/api/targets/${TARGET}/progress`, { period: '2021-09', value: '123456789012345678901' }, reporter),
    );
    expect(fields(response)).toEqual(['value']);
  });

  it('refuses NUL in a body string, a query parameter, a path parameter and the login username (defect 5)', async () => {
    const body = await refused(() =>
      post(`/api/targets/${TARGET}/progress`, { period: '2021-09', value: '61', narrative: 'a\u0000b' }, reporter),
    );
    expect(fields(body)).toEqual(['narrative']);
    expect(fields(await refused(() => raw('GET', '/api/audit?actor=%00')))).toEqual(['actor']);
    expect(fields(await refused(() => raw('GET', '/api/targets/%00')))).toEqual(['id']);
    const login = await refused(() =>
      t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } }),
    );
    expect(fields(login)).toEqual(['username']);
  });

  it('refuses a lone surrogate in a body string and key (defect 5)', async () => {
    const body = await refused(() =>
      raw(
        'POST',
        `/api/targets/${TARGET}/progress`,
        '{"period":"2021-09","value":"61","narrative":"\\ud800"}',
        reporter,
      ),
    );
    expect(fields(body)).toEqual(['narrative']);
    await refused(() =>
      raw('POST', '/api/plans', '{"code":"p5","year":2021,"title":"t","thresholds":{"\\udc00":"1"}}'),
    );
    // Percent-encoded invalid UTF-8 in a query decodes to U+FFFD: an ordinary (unknown) name, never a 500.
    expect((await raw('GET', '/api/audit?actor=%ED%A0%80')).statusCode).toBe(200);
  });

  it('refuses JSON nested 5,000 deep with 400, also anonymously on the login route (defect 5)', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const login = await refused(() =>
      t.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: `{"username":${deep}}`,
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(fields(login)).toEqual(['body']);
    await refused(() => raw('POST', '/api/units', `{"code":"x","name":${`{"a":`.repeat(5000)}1${'}'.repeat(5000)}}`));
    const at33 = `{"code":"x","name":"n","kind":"town","extra":${'['.repeat(33)}${']'.repeat(33)}}`;
    expect(fields(await refused(() => raw('POST', '/api/units', at33)))).toEqual(['body']);
  });

  it('refuses impossible dates and huge numbers in queries (defects 5 and 7)', async () => {
    expect(fields(await refused(() => raw('GET', '/api/audit?before=99999999999999999999999')))).toEqual(['before']);
    expect(fields(await refused(() => raw('GET', '/api/audit?from=2021-02-30')))).toEqual(['from']);
    expect(
      fields(await refused(() => raw('GET', `/api/completion?planCode=${PLAN}&asOf=2021-02-30T00:00:00Z`))),
    ).toEqual(['asOf']);
    expect(fields(await refused(() => raw('GET', `/api/warnings?asOf=2021-02-30T00:00:00Z`)))).toEqual(['asOf']);
    expect((await raw('GET', `/api/completion?planCode=${PLAN}&asOf=2021-09-30T16:00:00Z`)).statusCode).toBe(200);
  });

  it('refuses form-urlencoded bodies on write routes with 415 (defect 7)', async () => {
    for (const url of ['/api/units', `/api/targets/${TARGET}/progress`, '/api/auth/login']) {
      await refused(
        () =>
          t.inject({
            method: 'POST',
            url,
            payload: 'code=x&name=y&kind=town',
            headers: { ...admin, 'content-type': 'application/x-www-form-urlencoded' },
          }),
        415,
      );
    }
  });

  it('refuses null for optional strings instead of storing it (defect 7)', async () => {
    const response = await refused(() =>
      post(`/api/targets/${TARGET}/progress`, { period: '2021-09', value: '61', narrative: null }, reporter),
    );
    expect(response.json()).toMatchObject({
      errors: [{ field: 'narrative', message: expect.stringContaining('null') }],
    });
    expect(
      fields(await refused(() => post('/api/plans', { code: 'p2', year: 2021, title: 't', issuer: null }))),
    ).toEqual(['issuer']);
  });

  it('refuses prototype keys anywhere in a body', async () => {
    const response = await refused(() =>
      raw('POST', '/api/plans', '{"code":"p3","year":2021,"title":"t","thresholds":{"constructor":{"x":1}}}'),
    );
    expect(fields(response)).toEqual(['thresholds.constructor']);
    await refused(() =>
      raw(
        'POST',
        '/api/plans',
        '{"code":"p3","year":2021,"title":"t","thresholds":{"constructor":{"prototype":{"x":1}}}}',
      ),
    );
    await refused(() => raw('POST', '/api/plans', '{"code":"p3","year":2021,"title":"t","__proto__":{"x":1}}'));
  });

  it('names the body when the JSON is malformed, and reports every failing field once, "required" for a missing one', async () => {
    const broken = await refused(() => raw('POST', '/api/plans', '{"code": '));
    expect(broken.json()).toMatchObject({ errors: [{ field: 'body', message: expect.stringContaining('JSON') }] });
    const missing = await refused(() => post('/api/plans', { code: 'p 4' }));
    const errors = (missing.json() as { errors: Array<{ field: string; message: string }> }).errors;
    expect(errors.map((e) => e.field).sort()).toEqual(['code', 'title', 'year']);
    expect(errors.find((e) => e.field === 'year')?.message).toContain('required');
    expect(errors.find((e) => e.field === 'title')?.message).toContain('required');
  });

  it('stores text NFC-normalized', async () => {
    expect((await post('/api/units', { code: 'nfc', name: 'Cafe\u0301 镇', kind: 'town' })).statusCode).toBe(201);
    const unit = await t.inject({ method: 'GET', url: '/api/units', headers: admin });
    expect((unit.json() as Array<{ code: string; name: string }>).find((u) => u.code === 'nfc')?.name).toBe(
      'Caf\u00e9 镇',
    );
  });
});
