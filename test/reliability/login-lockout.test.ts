import { bearer, openTestAppDatabase, startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

describe.each(databaseKinds())('login lockout under concurrency (%s)', (kind) => {
  let t: TestApp;
  const login = (username: string, password: string, remoteAddress: string) =>
    t.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts 40 concurrent wrong passwords one by one: 5 are checked, the rest and the right one refused', async () => {
    const user = await t.createUser(['leader']);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => login(user.username, 'wrong-password', '10.0.0.7')),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(35);
    const right = await login(user.username, user.password, '10.0.0.7');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);

    // Someone guessing from one address does not lock the user out from their own.
    expect((await login(user.username, user.password, '10.0.0.8')).statusCode).toBe(200);
  });

  it('shows the lock to the office, which lifts it', async () => {
    const user = await t.createUser(['leader']);
    for (let i = 0; i < 5; i++) expect((await login(user.username, 'wrong-password', '10.0.0.9')).statusCode).toBe(401);
    const office = bearer(await t.adminToken());
    const lockout = await t.inject({ method: 'GET', url: `/api/users/${user.id}/lockout`, headers: office });
    expect(lockout.statusCode).toBe(200);
    expect(lockout.json()).toMatchObject({ locked: true, failures: 5 });
    expect((await login(user.username, user.password, '10.0.0.9')).statusCode).toBe(429);

    const unit = await t.userWith(['unit'], 'JX-01');
    expect(
      (await t.inject({ method: 'POST', url: `/api/users/${user.id}/unlock`, headers: bearer(unit.token) })).statusCode,
    ).toBe(403);
    const unlocked = await t.inject({ method: 'POST', url: `/api/users/${user.id}/unlock`, headers: office });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ locked: false, lockedUntil: null });
    expect((await login(user.username, user.password, '10.0.0.9')).statusCode).toBe(200);
  });
});

describe.each(databaseKinds())('the per-address login rate limit survives a restart (%s)', (kind) => {
  it('still refuses the 61st login in the minute after the server restarted', async () => {
    const database = await openTestAppDatabase(kind);
    try {
      let t = await startTestApp(kind, { database });
      // Right passwords: no lockout counts them, only the rate limit.
      const attempt = () =>
        t.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
          remoteAddress: '10.9.9.9',
        });
      for (let i = 0; i < 30; i++) expect((await attempt()).statusCode).toBe(200);
      await t.close();
      t = await startTestApp(kind, { database });
      try {
        const answers: number[] = [];
        for (let i = 0; i < 31; i++) answers.push((await attempt()).statusCode);
        expect(answers.slice(0, 30)).toEqual(Array.from({ length: 30 }, () => 200));
        expect(answers[30]).toBe(429);
        expect(JSON.stringify((await attempt()).json())).toMatch(/过于频繁/);
      } finally {
        await t.close();
      }
    } finally {
      await database.drop();
    }
  });
});
