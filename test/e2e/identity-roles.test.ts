import type { InjectOptions } from 'fastify';
import { databaseKinds } from '../support/test-databases';
import { TestApp, TestUser, bearer, startTestApp } from '../support/test-app';

type Target = Omit<TestUser, 'token'>;
type Who = 'anonymous' | 'office' | 'unit' | 'verifier' | 'leader' | 'auditor';
const EVERYONE: Who[] = ['anonymous', 'office', 'unit', 'verifier', 'leader', 'auditor'];

/** A route, how to call it (against a fresh target user where it changes one), and who gets which status. */
interface RouteCase {
  route: string;
  request(target: Target): InjectOptions;
  allowed: Partial<Record<Who, number>>;
  /** Status for everyone logged in but not listed in `allowed`. */
  otherwise: number;
}

const ROUTES: RouteCase[] = [
  {
    route: 'GET /health',
    request: () => ({ method: 'GET', url: '/health' }),
    allowed: { anonymous: 200 },
    otherwise: 200,
  },
  {
    route: 'GET /api/users/me',
    request: () => ({ method: 'GET', url: '/api/users/me' }),
    allowed: { anonymous: 401 },
    otherwise: 200,
  },
  {
    route: 'GET /api/users',
    request: () => ({ method: 'GET', url: '/api/users' }),
    allowed: { anonymous: 401, office: 200, auditor: 200 },
    otherwise: 403,
  },
  {
    route: 'GET /api/users/:id',
    request: (target) => ({ method: 'GET', url: `/api/users/${target.id}` }),
    allowed: { anonymous: 401, office: 200, auditor: 200 },
    otherwise: 403,
  },
  {
    route: 'POST /api/users',
    request: () => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `new-${Math.random().toString(36).slice(2, 9)}`,
        password: 'a-good-password',
        displayName: '新用户',
        roles: ['leader'],
      },
    }),
    allowed: { anonymous: 401, office: 201 },
    otherwise: 403,
  },
  {
    route: 'PATCH /api/users/:id/roles',
    request: (target) => ({ method: 'PATCH', url: `/api/users/${target.id}/roles`, payload: { roles: ['auditor'] } }),
    allowed: { anonymous: 401, office: 200 },
    otherwise: 403,
  },
  {
    route: 'POST /api/users/:id/disable',
    request: (target) => ({ method: 'POST', url: `/api/users/${target.id}/disable` }),
    allowed: { anonymous: 401, office: 200 },
    otherwise: 403,
  },
  {
    route: 'POST /api/users/:id/enable',
    request: (target) => ({ method: 'POST', url: `/api/users/${target.id}/enable` }),
    allowed: { anonymous: 401, office: 200 },
    otherwise: 403,
  },
  {
    route: 'POST /api/users/:id/password (another user)',
    request: (target) => ({
      method: 'POST',
      url: `/api/users/${target.id}/password`,
      payload: { newPassword: 'set-by-someone' },
    }),
    allowed: { anonymous: 401, office: 204 },
    otherwise: 403,
  },
];

const MATRIX = ROUTES.flatMap((c) => EVERYONE.map((who) => [c.route, who, c.allowed[who] ?? c.otherwise, c] as const));

describe.each(databaseKinds())('role matrix (%s)', (kind) => {
  let t: TestApp;
  const users = {} as Record<Exclude<Who, 'anonymous'>, TestUser>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    users.office = await t.userWith(['office']);
    users.unit = await t.userWith(['unit'], 'JX-01');
    users.verifier = await t.userWith(['verifier'], 'TJJ');
    users.leader = await t.userWith(['leader']);
    users.auditor = await t.userWith(['auditor']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(MATRIX)('%s as %s → %i', async (_route, who, expected, routeCase) => {
    const target = await t.createUser(['leader']);
    const request = routeCase.request(target);
    const headers = who === 'anonymous' ? {} : bearer(users[who].token);
    const response = await t.inject({ ...request, headers: { ...headers, ...(request.headers ?? {}) } });
    expect(response.statusCode).toBe(expected);
    if (expected >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
