import { RecordedEvent } from '../../src/event-store/event-store.port';
import { UsersService } from '../../src/identity';
import { PasswordHasher } from '../../src/identity/application/password-hasher';
import { FixedClock } from '../../src/shared/clock';
import { databaseKinds } from '../support/test-databases';
import { TestApp, TestAppDatabase, bearer, openTestAppDatabase, startTestApp } from '../support/test-app';

const SYSTEM = { id: 'system', username: 'system', displayName: '系统 / System' };
const clock = new FixedClock(new Date('2021-01-04T01:00:00.000Z'));

const userEvents = async (t: TestApp): Promise<RecordedEvent[]> =>
  (await t.infrastructure.eventStore.readLog({ limit: 10_000 })).filter((e) => e.streamId.startsWith('user-'));

const loginStatus = async (t: TestApp, username: string, password: string) =>
  (await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;

describe.each(databaseKinds())('administrator bootstrap (%s)', (kind) => {
  let database: TestAppDatabase;
  const boot = (adminPassword: string) =>
    startTestApp(kind, { database, clock, config: { adminUsername: 'chief', adminPassword } });

  beforeAll(async () => {
    database = await openTestAppDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates the office administrator on the first boot, as the system actor', async () => {
    const t = await boot('first-password-1');
    try {
      expect(await loginStatus(t, 'chief', 'first-password-1')).toBe(200);
      const events = await userEvents(t);
      expect(events.map((e) => e.type)).toEqual(['UserCreated']);
      expect(events[0].data).toMatchObject({ username: 'chief', roles: ['office'], unitCode: null });
      expect(events[0].metadata.actor).toEqual(SYSTEM);
      expect(events[0].metadata.reason).toContain('ADMIN_PASSWORD');
    } finally {
      await t.close();
    }
  });

  it('resets the password on a later boot with another ADMIN_PASSWORD', async () => {
    clock.advance(60_000);
    const t = await boot('second-password-2');
    try {
      expect(await loginStatus(t, 'chief', 'second-password-2')).toBe(200);
      expect(await loginStatus(t, 'chief', 'first-password-1')).toBe(401);
      const events = await userEvents(t);
      expect(events.map((e) => e.type)).toEqual(['UserCreated', 'UserPasswordReset']);
      expect(events[1].metadata.actor).toEqual(SYSTEM);
      expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toContain('second-password-2');
    } finally {
      await t.close();
    }
  });

  it('writes nothing when the administrator is already as configured', async () => {
    const t = await boot('second-password-2');
    try {
      expect((await userEvents(t)).length).toBe(2);
    } finally {
      await t.close();
    }
  });

  it('re-enables the administrator and restores the office role if someone took them away', async () => {
    let t = await boot('second-password-2');
    try {
      const deputy = await t.userWith(['office']);
      const admin = (
        await t.inject({ method: 'GET', url: '/api/users/me', headers: bearer(await t.adminToken()) })
      ).json();
      const as = bearer(deputy.token);
      expect(
        (
          await t.inject({
            method: 'PATCH',
            url: `/api/users/${admin.id}/roles`,
            headers: as,
            payload: { roles: ['leader'] },
          })
        ).statusCode,
      ).toBe(200);
      expect((await t.inject({ method: 'POST', url: `/api/users/${admin.id}/disable`, headers: as })).statusCode).toBe(
        200,
      );
      expect(await loginStatus(t, 'chief', 'second-password-2')).toBe(401);
    } finally {
      await t.close();
    }
    t = await boot('second-password-2');
    try {
      const token = await t.adminToken();
      const me = (await t.inject({ method: 'GET', url: '/api/users/me', headers: bearer(token) })).json();
      expect(me.roles).toEqual(['office', 'leader']);
    } finally {
      await t.close();
    }
  });
});

describe.each(databaseKinds())('UsersService.ensureUser and boot without an administrator (%s)', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { clock, config: { adminUsername: undefined, adminPassword: undefined } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates no user when ADMIN_USERNAME is not set', async () => {
    expect(await userEvents(t)).toEqual([]);
    expect(await loginStatus(t, 'admin', 'admin-password-for-tests')).toBe(401);
  });

  it('creates a missing user, then leaves it as it is', async () => {
    const users = t.app.get(UsersService);
    const input = {
      username: 'Demo.Unit',
      password: 'demo-password-1',
      displayName: '演示填报员',
      roles: ['unit' as const],
      unitCode: 'JX-01',
    };
    const first = await users.ensureUser(input);
    expect(first.created).toBe(true);
    expect(first.user).toMatchObject({ username: 'demo.unit', roles: ['unit'], unitCode: 'JX-01', disabled: false });

    const second = await users.ensureUser({
      ...input,
      password: 'another-password',
      roles: ['leader'],
      unitCode: null,
    });
    expect(second).toEqual({ user: first.user, created: false });
    expect(await loginStatus(t, 'demo.unit', 'demo-password-1')).toBe(200);
    expect(await loginStatus(t, 'demo.unit', 'another-password')).toBe(401);

    const events = await userEvents(t);
    expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([['UserCreated', SYSTEM]]);
  });

  it('creates users sharing one password with one hash, each able to log in, and leaves existing ones as they are', async () => {
    const users = t.app.get(UsersService);
    const hasher = t.app.get(PasswordHasher);
    const hash = jest.spyOn(hasher, 'hash');
    const ensured = await users.ensureUsersSharingPassword(
      [
        { username: 'shared.a', displayName: '甲', roles: ['unit'], unitCode: 'JX-02' },
        { username: 'demo.unit', displayName: '演示填报员', roles: ['unit'], unitCode: 'JX-01' },
        { username: 'shared.b', displayName: '乙', roles: ['leader'] },
      ],
      'shared-password-1',
    );
    expect(ensured.map((e) => [e.user.username, e.created])).toEqual([
      ['shared.a', true],
      ['demo.unit', false],
      ['shared.b', true],
    ]);
    expect(hash).toHaveBeenCalledTimes(1);
    hash.mockRestore();
    expect(await loginStatus(t, 'shared.a', 'shared-password-1')).toBe(200);
    expect(await loginStatus(t, 'shared.b', 'shared-password-1')).toBe(200);
    expect(await loginStatus(t, 'demo.unit', 'shared-password-1')).toBe(401);
    expect(await loginStatus(t, 'demo.unit', 'demo-password-1')).toBe(200);
  });
});
