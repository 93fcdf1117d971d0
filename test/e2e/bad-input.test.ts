import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Whatever a client sends, the answer is a 4xx problem+json naming what is wrong, never a 500. */
describe('bad input', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(process.env.DATABASE_URL ? 'postgres' : 'embedded');
    admin = bearer(await t.adminToken());
  });
  afterAll(async () => {
    await t?.close();
  });

  const bodies: Array<[string, string]> = [
    ['an array', '[1,2,3]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['a number', '42'],
    ['broken JSON', '{"code": '],
    ['nested wrong types', '{"code":{"a":1},"name":["x"],"kind":7,"year":"2021","assessment":"760","period":2021}'],
    ['a huge number', '{"year": 1e309, "code": "x"}'],
    ['prototype pollution', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'],
  ];
  const routes = [
    '/api/units',
    '/api/plans',
    '/api/plans/p/indicators',
    '/api/targets',
    '/api/targets/p.i.u/adjustments',
    '/api/targets/p.i.u/progress',
    '/api/targets/p.i.u/progress/2021-01/corrections',
    '/api/warnings/x.w1/acknowledgements',
    '/api/users',
    '/api/auth/login',
  ];

  it.each(routes)('POST %s answers every malformed body with a 4xx problem', async (url) => {
    for (const [, payload] of bodies) {
      const response = await t.inject({
        method: 'POST',
        url,
        payload,
        headers: { ...admin, 'content-type': 'application/json', 'if-match': '"0"' },
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        type: expect.any(String),
        title: expect.any(String),
        status: response.statusCode,
      });
    }
  });

  it('names the field and the rule in validation errors', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/plans',
      headers: admin,
      payload: { code: 'p 1', year: 'x', title: '' },
    });
    expect(response.statusCode).toBe(400);
    const fields = (response.json().errors as Array<{ field: string; message: string }>).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['code', 'year', 'title']));
  });

  it('answers bad query parameters and unknown paths with 4xx', async () => {
    for (const url of [
      '/api/completion?period=2021-13',
      '/api/completion?asOf=not-a-time',
      '/api/dashboard',
      '/api/dashboard?planCode=nope',
      '/api/warnings?level=purple',
      '/api/audit?limit=0',
      '/api/audit?before=abc',
      '/api/targets?unknown=1',
      '/api/targets/%E2%80%A8',
      '/api/plans/nope/reconciliation',
    ]) {
      const response = await t.inject({ method: 'GET', url, headers: admin });
      expect([400, 404]).toContain(response.statusCode);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses a wrong content type and an oversized body', async () => {
    const text = await t.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...admin, 'content-type': 'text/plain' },
      payload: 'code=x',
    });
    expect([400, 415]).toContain(text.statusCode);
    expect(text.headers['content-type']).toContain('application/problem+json');
    const big = await t.inject({
      method: 'POST',
      url: '/api/units',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'x', name: 'y'.repeat(3 * 1024 * 1024), kind: 'town' }),
    });
    expect(big.statusCode).toBe(413);
  });
});
