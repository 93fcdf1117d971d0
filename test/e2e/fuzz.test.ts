import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

type Schema = { $ref?: string; properties?: Record<string, Schema>; type?: string };
type Operation = {
  summary?: string;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header' }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** Bad values for a path or query parameter (already percent-encoded). */
const PARAMETER_VALUES = [
  '%00',
  '__proto__',
  'constructor',
  '2021-02-30',
  '2021-02-30T00:00:00Z',
  '9'.repeat(30),
  'x'.repeat(600),
  '%E2%80%A8',
  '-1',
];

/** Bad members for each property of a request body. */
const MEMBER_VALUES: unknown[] = [
  '\u0000',
  '\ud800',
  12345,
  null,
  true,
  `1${'0'.repeat(200)}`,
  '-5',
  '1.123456789',
  { __proto__: 1 },
  ['x'],
  'x'.repeat(30_000),
];

/** Whole bodies no route accepts. */
const BODIES = [
  '[]',
  '"text"',
  'null',
  '{',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `{"a":${deep(5000)}}`,
  '{"a":1e999}',
];

/**
 * The fuzz part of the reliability suite (issue 15): every route of the OpenAPI document, as each role
 * and anonymously, with wrong types, NUL, lone surrogates, deep JSON, huge bodies, prototype keys,
 * impossible dates and huge numbers in body, query and path. No answer is a 5xx and no refusal
 * appends anything to the event store. A fixed set of cases, Fastify injection only.
 */
describe.each(databaseKinds())('fuzz every route of the OpenAPI document (%s)', (kind) => {
  let t: TestApp;
  let document: Document;
  const identities: Array<[string, Record<string, string>]> = [['anonymous', {}]];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const office = bearer(await t.adminToken());
    identities.push(['office', office]);
    for (const [role, unit] of [
      ['unit', 'anting'],
      ['leader', undefined],
      ['auditor', undefined],
      ['verifier', 'statistics'],
    ] as const) {
      identities.push([role, bearer((await t.userWith([role], unit)).token)]);
    }
    const response = await t.inject({ method: 'GET', url: '/api/docs-json' });
    expect(response.statusCode).toBe(200);
    document = response.json() as Document;
  });
  afterAll(async () => {
    await t?.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] })),
    );

  it('documents every route: a summary, its success answer and its problem answers', () => {
    const missing: string[] = [];
    for (const { path, method, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary?.trim()) missing.push(`${name}: summary`);
      const statuses = Object.keys(operation.responses ?? {});
      if (!statuses.some((s) => /^2\d\d$/.test(s))) missing.push(`${name}: a 2xx response`);
      for (const status of ['400', '500']) {
        const problem = operation.responses?.[status]?.content?.['application/problem+json']?.schema?.$ref;
        if (problem !== '#/components/schemas/ProblemDetails') missing.push(`${name}: ${status} problem response`);
      }
      for (const status of statuses.filter((s) => !s.startsWith('2'))) {
        if (!operation.responses?.[status]?.description) missing.push(`${name}: ${status} description`);
      }
    }
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThan(30);
    expect(document.components.schemas.ProblemDetails).toBeDefined();
  });

  function requestSchema(operation: Operation): Schema | undefined {
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    return schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema;
  }

  function cases(path: string, operation: Operation): Array<{ url: string; payload?: string }> {
    const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const withPath = (value: string) => pathParams.reduce((url, name) => url.replace(`{${name}}`, value), path);
    const plain = withPath('fuzz-1');
    const result: Array<{ url: string; payload?: string }> = [];
    for (const value of pathParams.length ? PARAMETER_VALUES : []) result.push({ url: withPath(value) });
    for (const name of queryParams)
      for (const value of PARAMETER_VALUES) result.push({ url: `${plain}?${name}=${value}` });
    result.push({ url: `${plain}?__proto__=1&constructor=2` });
    const schema = requestSchema(operation);
    if (operation.requestBody) {
      for (const body of BODIES) result.push({ url: plain, payload: body });
      for (const property of Object.keys(schema?.properties ?? {})) {
        for (const value of MEMBER_VALUES) result.push({ url: plain, payload: JSON.stringify({ [property]: value }) });
      }
    }
    return result;
  }

  it('answers no case with a 5xx, and no refusal appends to the event store', async () => {
    const store = t.infrastructure.eventStore;
    const failures: string[] = [];
    let count = 0;
    for (const { path, method, operation } of operations()) {
      const before = await store.headPosition();
      let accepted = false; // a fuzzed member can be a valid value (e.g. a boolean setting): then writes may append
      for (const [who, headers] of identities) {
        for (const { url, payload } of cases(path, operation)) {
          const response = await t.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: {
              ...headers,
              ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
              'if-match': '"0"',
            },
            ...(payload !== undefined ? { payload } : {}),
          });
          count++;
          if (response.statusCode >= 500)
            failures.push(
              `${who} ${method.toUpperCase()} ${url} ${payload?.slice(0, 80) ?? ''} → ${response.statusCode}`,
            );
          else if (response.statusCode < 400 && method !== 'get') accepted = true;
        }
      }
      // A form body, and a body over the size limit, as the office.
      if (operation.requestBody) {
        const office = identities[1][1];
        const form = await t.inject({
          method: method.toUpperCase() as 'POST',
          url: path.replace(/\{[^}]+\}/g, 'fuzz-1'),
          payload: 'a=1',
          headers: { ...office, 'content-type': 'application/x-www-form-urlencoded' },
        });
        if (form.statusCode !== 415) failures.push(`${method.toUpperCase()} ${path} form body → ${form.statusCode}`);
        const huge = await t.inject({
          method: method.toUpperCase() as 'POST',
          url: path.replace(/\{[^}]+\}/g, 'fuzz-1'),
          payload: JSON.stringify({ a: 'x'.repeat(3 * 1024 * 1024) }),
          headers: { ...office, 'content-type': 'application/json' },
        });
        if (huge.statusCode !== 413) failures.push(`${method.toUpperCase()} ${path} huge body → ${huge.statusCode}`);
        count += 2;
      }
      if (!accepted && (await store.headPosition()) !== before)
        failures.push(`${method.toUpperCase()} ${path}: the event store moved on refused requests`);
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(1000);
  }, 900_000);
});
