import { createHmac } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { RecordedEvent } from '../../src/event-store/event-store.port';
import { FixedClock } from '../../src/shared/clock';
import { CapturedLogs, captureLogs } from '../support/capture-logs';
import { databaseKinds } from '../support/test-databases';
import { TEST_ADMIN, TestApp, TestUser, bearer, startTestApp } from '../support/test-app';

const T0 = new Date('2021-03-10T00:00:00.000Z');
const TTL = 3600;

describe.each(databaseKinds())('identity over HTTP (%s)', (kind) => {
  const clock = new FixedClock(T0);
  const passwords = new Set<string>([TEST_ADMIN.password]);
  const responses: string[] = [];
  let t: TestApp;
  let logs: CapturedLogs;

  /** Every answer is kept, to prove afterwards that none carried a secret. */
  const call = async (options: InjectOptions): Promise<LightMyRequestResponse> => {
    const response = await t.inject(options);
    responses.push(JSON.stringify(response.headers) + response.body);
    return response;
  };
  const login = (username: string, password: string, remoteAddress?: string) =>
    call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  const as = (token: string) => bearer(token);
  const newUser = async (roles: string[], unitCode?: string): Promise<TestUser> => {
    const user = await t.userWith(roles, unitCode);
    passwords.add(user.password);
    return user;
  };
  const events = async (): Promise<RecordedEvent[]> => t.infrastructure.eventStore.readLog({ limit: 100_000 });

  beforeAll(async () => {
    logs = captureLogs();
    t = await startTestApp(kind, { clock, config: { logLevel: 'debug', accessTokenTtlSeconds: TTL } });
  });
  afterAll(async () => {
    await t?.close();
    logs?.restore();
  });

  describe('login', () => {
    it('answers a token, its lifetime and the user (no secrets)', async () => {
      const response = await login(TEST_ADMIN.username, TEST_ADMIN.password);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toEqual({
        accessToken: expect.any(String),
        expiresIn: TTL,
        user: {
          id: expect.any(String),
          username: 'admin',
          displayName: expect.any(String),
          roles: ['office'],
          unitCode: null,
        },
      });
      const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims).toEqual({ sub: body.user.id, iat: T0.getTime() / 1000, exp: T0.getTime() / 1000 + TTL });
      expect(JSON.parse(Buffer.from(body.accessToken.split('.')[0], 'base64url').toString()).alg).toBe('HS256');
    });

    it('treats the username case-insensitively', async () => {
      expect((await login(' ADMIN ', TEST_ADMIN.password)).statusCode).toBe(200);
    });

    it('gives the same 401 for a wrong password and for a user that does not exist', async () => {
      const wrongPassword = await login(TEST_ADMIN.username, 'not-the-password');
      const noSuchUser = await login('nobody-here', 'not-the-password');
      expect(wrongPassword.statusCode).toBe(401);
      expect(noSuchUser.statusCode).toBe(401);
      expect(wrongPassword.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(wrongPassword.json()).toEqual(noSuchUser.json());
      expect(wrongPassword.json().detail).toBe('用户名或密码错误 / Wrong username or password');
    });

    it('rejects a malformed body with 400 (unknown fields included)', async () => {
      const extra = await call({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'x', remember: true },
      });
      expect(extra.statusCode).toBe(400);
      expect(extra.json().errors).toEqual([expect.objectContaining({ field: 'remember' })]);
      expect((await call({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } })).statusCode).toBe(
        400,
      );
    });
  });

  describe('access tokens', () => {
    const me = (headers: Record<string, string> = {}) => call({ method: 'GET', url: '/api/users/me', headers });
    const problemType = (response: LightMyRequestResponse) => String(response.json().type).split('/').pop();

    it('lets a valid token in', async () => {
      const response = await me(as(await t.adminToken()));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ username: 'admin', roles: ['office'] });
    });

    it('refuses a missing or non-Bearer authorization with 401 problem+json', async () => {
      for (const headers of [{}, { authorization: 'Basic YWRtaW46YWRtaW4=' }, { authorization: 'Bearer' }] as Array<
        Record<string, string>
      >) {
        const response = await me(headers);
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(problemType(response)).toBe('missing-token');
      }
    });

    it('refuses garbage, a tampered payload, a foreign signature and alg "none"', async () => {
      const token = await t.adminToken();
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-7000-8000-000000000000' })).toString(
        'base64url',
      );
      const foreign = createHmac('sha256', 'another-secret-of-at-least-32-characters!')
        .update(`${header}.${payload}`)
        .digest('base64url');
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
      for (const bad of [
        'not-a-token',
        `${header}.${forged}.${signature}`,
        `${header}.${payload}.${flipped}`,
        `${header}.${payload}.${foreign}`,
        `${none}.${payload}.`,
      ]) {
        const response = await me(as(bad));
        expect(response.statusCode).toBe(401);
        expect(problemType(response)).toBe('invalid-token');
      }
    });

    it('refuses an expired token (time from the injected clock)', async () => {
      const token = (await login(TEST_ADMIN.username, TEST_ADMIN.password)).json().accessToken as string;
      clock.advance((TTL - 1) * 1000);
      expect((await me(as(token))).statusCode).toBe(200);
      clock.advance(1000);
      const expired = await me(as(token));
      expect(expired.statusCode).toBe(401);
      expect(problemType(expired)).toBe('token-expired');
    });
  });

  describe('user management', () => {
    it('refuses a reporter for a unit that is not in the catalog, naming the field', async () => {
      const response = await call({
        method: 'POST',
        url: '/api/users',
        headers: as(await t.adminToken()),
        payload: {
          username: 'nobody',
          password: 'nobody-password-1',
          displayName: '无',
          roles: ['unit'],
          unitCode: 'NO-SUCH',
        },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'unitCode', message: expect.stringContaining('NO-SUCH') }]);
      const created = await call({
        method: 'POST',
        url: '/api/units',
        headers: as(await t.adminToken()),
        payload: { code: 'JX-01', name: '嘉兴路街道', kind: 'subdistrict' },
      });
      expect(created.statusCode).toBe(201);
    });

    it('creates a user: 201 with Location, no secrets, and an audited event without the password', async () => {
      const password = 'zhang-san-secret-1';
      passwords.add(password);
      const response = await call({
        method: 'POST',
        url: '/api/users',
        headers: as(await t.adminToken()),
        payload: { username: 'Zhang.San', password, displayName: '张三', roles: ['unit'], unitCode: 'JX-01' },
      });
      expect(response.statusCode).toBe(201);
      const user = response.json();
      expect(user).toEqual({
        id: expect.any(String),
        username: 'zhang.san',
        displayName: '张三',
        roles: ['unit'],
        unitCode: 'JX-01',
        disabled: false,
        revision: '0',
      });
      expect(response.headers.location).toBe(`/api/users/${user.id}`);

      const created = (await events()).find((e) => e.streamId === `user-${user.id}`)!;
      expect(created.type).toBe('UserCreated');
      expect(created.metadata.actor).toEqual({
        id: expect.any(String),
        username: 'admin',
        displayName: expect.any(String),
      });
      expect(created.metadata.recordedAt).toBe(clock.now().toISOString());

      const list = await call({ method: 'GET', url: '/api/users', headers: as(await t.adminToken()) });
      expect(list.json()).toContainEqual(user);
      expect((await login('zhang.san', password)).statusCode).toBe(200);
    });

    it('refuses a username already taken, in any case, with 409', async () => {
      const response = await call({
        method: 'POST',
        url: '/api/users',
        headers: as(await t.adminToken()),
        payload: { username: 'ZHANG.SAN', password: 'another-password', displayName: '张三二', roles: ['leader'] },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().type).toMatch(/username-taken$/);
    });

    it('lets exactly one of two simultaneous creations of a username win', async () => {
      const headers = as(await t.adminToken());
      const payload = { username: 'twin', password: 'twin-password-1', displayName: '双胞胎', roles: ['leader'] };
      passwords.add(payload.password);
      const answers = await Promise.all(
        [1, 2].map(() => call({ method: 'POST', url: '/api/users', headers, payload })),
      );
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const created = (await events()).filter(
        (e) => e.type === 'UserCreated' && (e.data as { username: string }).username === 'twin',
      );
      expect(created).toHaveLength(1);
    });

    it.each([
      ['a unit role without a unitCode', { roles: ['unit'] }, 'unitCode'],
      ['an unknown role', { roles: ['root'] }, 'roles'],
      ['a short password', { roles: ['leader'], password: 'short' }, 'password'],
      ['an unknown field', { roles: ['leader'], admin: true }, 'admin'],
      ['a unitCode for a leader', { roles: ['leader'], unitCode: 'JX-01' }, 'unitCode'],
    ])('refuses %s with 400 naming the field', async (_name, overrides, field) => {
      const payload = {
        username: `u-${field}-${Math.random().toString(36).slice(2, 7)}`,
        password: 'long-enough-pw',
        displayName: 'X',
        ...overrides,
      };
      const response = await call({ method: 'POST', url: '/api/users', headers: as(await t.adminToken()), payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('disabling a user stops their token at once and their logins; enabling restores them', async () => {
      const reporter = await newUser(['unit'], 'JX-02');
      const admin = as(await t.adminToken());
      const disabled = await call({
        method: 'POST',
        url: `/api/users/${reporter.id}/disable`,
        headers: admin,
        payload: { reason: '人员调离' },
      });
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json()).toMatchObject({ disabled: true, revision: '1' });

      const refused = await call({ method: 'GET', url: '/api/users/me', headers: as(reporter.token) });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().type).toMatch(/user-disabled$/);
      expect((await login(reporter.username, reporter.password)).statusCode).toBe(401);
      const event = (await events()).filter((e) => e.streamId === `user-${reporter.id}`).at(-1)!;
      expect([event.type, event.metadata.reason]).toEqual(['UserDisabled', '人员调离']);

      expect((await call({ method: 'POST', url: `/api/users/${reporter.id}/enable`, headers: admin })).statusCode).toBe(
        200,
      );
      expect((await login(reporter.username, reporter.password)).statusCode).toBe(200);
    });

    it('a role change applies to existing tokens at once', async () => {
      const leader = await newUser(['leader']);
      expect((await call({ method: 'GET', url: '/api/users', headers: as(leader.token) })).statusCode).toBe(403);
      const changed = await call({
        method: 'PATCH',
        url: `/api/users/${leader.id}/roles`,
        headers: as(await t.adminToken()),
        payload: { roles: ['leader', 'auditor'] },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ roles: ['leader', 'auditor'], unitCode: null });
      expect((await call({ method: 'GET', url: '/api/users', headers: as(leader.token) })).statusCode).toBe(200);
      expect((await call({ method: 'GET', url: '/api/users/me', headers: as(leader.token) })).json().roles).toEqual([
        'leader',
        'auditor',
      ]);
    });

    it('refuses an administrator disabling themselves or dropping their own office role (403)', async () => {
      const admin = as(await t.adminToken());
      const { id } = (await call({ method: 'GET', url: '/api/users/me', headers: admin })).json();
      expect((await call({ method: 'POST', url: `/api/users/${id}/disable`, headers: admin })).statusCode).toBe(403);
      const demote = await call({
        method: 'PATCH',
        url: `/api/users/${id}/roles`,
        headers: admin,
        payload: { roles: ['leader'] },
      });
      expect(demote.statusCode).toBe(403);
    });

    it('answers 404 for an unknown user and 400 for an id that is not a UUID', async () => {
      const admin = as(await t.adminToken());
      expect(
        (await call({ method: 'GET', url: '/api/users/01a2017b-303d-7698-a8a9-b36c6e955b42', headers: admin }))
          .statusCode,
      ).toBe(404);
      expect(
        (await call({ method: 'POST', url: '/api/users/01a2017b-303d-7698-a8a9-b36c6e955b42/disable', headers: admin }))
          .statusCode,
      ).toBe(404);
      expect((await call({ method: 'GET', url: '/api/users/nope', headers: admin })).statusCode).toBe(400);
    });
  });

  describe('passwords', () => {
    it('the office resets a password: the old one and sessions issued before stop working', async () => {
      const user = await newUser(['leader']);
      clock.advance(1000);
      const newPassword = 'reset-by-the-office';
      passwords.add(newPassword);
      const reset = await call({
        method: 'POST',
        url: `/api/users/${user.id}/password`,
        headers: as(await t.adminToken()),
        payload: { newPassword },
      });
      expect(reset.statusCode).toBe(204);
      expect((await login(user.username, user.password)).statusCode).toBe(401);
      expect((await login(user.username, newPassword)).statusCode).toBe(200);
      const old = await call({ method: 'GET', url: '/api/users/me', headers: as(user.token) });
      expect(old.statusCode).toBe(401);
      expect(old.json().type).toMatch(/session-revoked$/);
      const event = (await events()).filter((e) => e.streamId === `user-${user.id}`).at(-1)!;
      expect(event.type).toBe('UserPasswordReset');
      expect(event.data).toEqual({ userId: user.id, at: clock.now().toISOString(), by: 'administrator' });
    });

    it('a user changes their own password only with the current one', async () => {
      const user = await newUser(['auditor']);
      const url = `/api/users/${user.id}/password`;
      const newPassword = 'my-own-new-password';
      passwords.add(newPassword);
      const missing = await call({ method: 'POST', url, headers: as(user.token), payload: { newPassword } });
      expect([missing.statusCode, missing.json().errors[0].field]).toEqual([400, 'currentPassword']);
      const wrong = await call({
        method: 'POST',
        url,
        headers: as(user.token),
        payload: { newPassword, currentPassword: 'wrong-one' },
      });
      expect([wrong.statusCode, wrong.json().type]).toEqual([400, expect.stringMatching(/wrong-current-password$/)]);
      const ok = await call({
        method: 'POST',
        url,
        headers: as(user.token),
        payload: { newPassword, currentPassword: user.password },
      });
      expect(ok.statusCode).toBe(204);
      expect((await login(user.username, newPassword)).statusCode).toBe(200);
      const event = (await events()).filter((e) => e.streamId === `user-${user.id}`).at(-1)!;
      expect([event.data, event.metadata.actor.id]).toEqual([expect.objectContaining({ by: 'self' }), user.id]);
    });

    it('nobody but the office sets another user\u2019s password', async () => {
      const [auditor, other] = [await newUser(['auditor']), await newUser(['leader'])];
      const response = await call({
        method: 'POST',
        url: `/api/users/${other.id}/password`,
        headers: as(auditor.token),
        payload: { newPassword: 'hijacked-password', currentPassword: auditor.password },
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('lockout and throttling', () => {
    // Own client address, so these many attempts do not use up the rate limit of the other tests.
    const from = '10.0.0.1';
    it('locks a username for 15 minutes after 5 consecutive failures, even for the right password', async () => {
      const user = await newUser(['leader']);
      for (let i = 0; i < 5; i++) expect((await login(user.username, `wrong-${i}`, from)).statusCode).toBe(401);
      const locked = await login(user.username, user.password, from);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('900');
      clock.advance(14 * 60 * 1000);
      expect((await login(user.username, user.password, from)).statusCode).toBe(429);
      clock.advance(60 * 1000);
      expect((await login(user.username, user.password, from)).statusCode).toBe(200);
    });

    it('locks a username that does not exist the same way (the answer tells nothing)', async () => {
      for (let i = 0; i < 5; i++) expect((await login('ghost-user', `wrong-${i}`, from)).statusCode).toBe(401);
      const locked = await login('ghost-user', 'anything', from);
      expect([locked.statusCode, locked.headers['retry-after']]).toEqual([429, '900']);
      clock.advance(15 * 60 * 1000);
    });

    it('a successful login resets the count of failures', async () => {
      const user = await newUser(['leader']);
      for (let i = 0; i < 4; i++) await login(user.username, 'wrong', from);
      expect((await login(user.username, user.password, from)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) await login(user.username, 'wrong', from);
      expect((await login(user.username, user.password, from)).statusCode).toBe(200);
    });

    it('throttles the login route per client address (429)', async () => {
      const address = '10.9.8.7';
      const answers: number[] = [];
      for (let i = 0; i < 61; i++) {
        const response = await call({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: address });
        answers.push(response.statusCode);
      }
      expect(answers.slice(0, 60).every((s) => s === 400)).toBe(true);
      expect(answers[60]).toBe(429);
      expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, '10.9.8.6')).statusCode).toBe(200);
    });
  });

  describe('security headers and public routes', () => {
    it('sends helmet\u2019s headers and keeps CORS off', async () => {
      const response = await call({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('documents bearer security and the login route in OpenAPI', async () => {
      const response = await call({ method: 'GET', url: '/api/docs-json' });
      expect(response.statusCode).toBe(200);
      const doc = response.json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/auth/login', '/api/users', '/api/users/{id}/roles']),
      );
      expect(doc.components.securitySchemes.bearer).toBeDefined();
    });
  });

  describe('secrets', () => {
    it('no password or hash is in the event store', async () => {
      const log = JSON.stringify(await events(), (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      );
      expect(log).toContain('UserCreated');
      for (const password of passwords) expect(log).not.toContain(password);
      expect(log.toLowerCase()).not.toContain('argon2');
    });

    it('no password or hash is in any response', () => {
      const all = responses.join('\n');
      expect(responses.length).toBeGreaterThan(50);
      for (const password of passwords) expect(all).not.toContain(password);
      expect(all.toLowerCase()).not.toContain('argon2');
    });

    it('no password, hash or token is in the logs (debug level)', async () => {
      const token = (await login(TEST_ADMIN.username, TEST_ADMIN.password)).json().accessToken as string;
      await call({ method: 'GET', url: '/api/users/me', headers: as(token) });
      const text = logs.text();
      expect(text).toContain('failed login');
      expect(text).toContain('request completed');
      for (const password of passwords) expect(text).not.toContain(password);
      expect(text.toLowerCase()).not.toContain('argon2');
      expect(text).not.toContain(token);
    });
  });
});
