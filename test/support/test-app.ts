import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse as Response } from 'fastify';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { Infrastructure, openInfrastructure } from '../../src/database/infrastructure';
import { Clock, systemClock } from '../../src/shared/clock';
import { createPostgresTestDatabase } from './test-databases';

// @fastify/static (the Swagger UI's assets) requires an ES module (content-disposition): Node ≥ 20.19
// can, jest's module loader cannot. Load it with Node's own require.
if (typeof jest !== 'undefined') {
  jest.mock('@fastify/static', () => {
    const nodeModule = process.getBuiltinModule('node:module') as typeof import('node:module');
    return nodeModule.createRequire(__filename)('@fastify/static') as unknown;
  });
}

/** The office administrator every test app has unless `config` says otherwise (ADMIN_USERNAME / ADMIN_PASSWORD). */
export const TEST_ADMIN = { username: 'admin', password: 'admin-password-for-tests' } as const;

/** A database an app boots on; keep it to boot a second app on the same data. */
export interface TestAppDatabase {
  kind: 'embedded' | 'postgres';
  settings: Pick<AppConfig, 'databaseUrl' | 'dataDir'>;
  drop(): Promise<void>;
}

export interface TestAppOptions {
  /** Settings over config/test.json, e.g. `{ accessTokenTtlSeconds: 60 }`; `{ adminUsername: undefined }` boots without an administrator. */
  config?: Partial<AppConfig>;
  /** Injected as CLOCK (e.g. a FixedClock); the system clock by default. */
  clock?: Clock;
  /** Boot on this database (not dropped on close); a fresh one otherwise (dropped on close). */
  database?: TestAppDatabase;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  infrastructure: Infrastructure;
  database: TestAppDatabase;
  clock: Clock;
  /** Fastify light-weight injection (no socket). */
  inject(options: InjectOptions): Promise<Response>;
  /** POST /api/auth/login; returns the access token (throws unless 200). */
  login(username: string, password: string): Promise<string>;
  /** A token of TEST_ADMIN (or the configured administrator), reused until it nears expiry by the app's clock. */
  adminToken(): Promise<string>;
  /** Creates a user with these roles through POST /api/users (as the administrator), without logging in. */
  createUser(roles: string[], unitCode?: string): Promise<Omit<TestUser, 'token'>>;
  /** createUser, then logs the user in (each login counts against the login rate limit of 60/min per address). */
  userWith(roles: string[], unitCode?: string): Promise<TestUser>;
  /**
   * Position of the newest committed event. A test waits for this after its own writes, not for
   * `headPosition()`: on PostgreSQL the visible head stays behind while any older transaction anywhere
   * on the server (another test's database included) is still open, so a wait on it can end too early.
   */
  logEnd(): Promise<bigint>;
  /** Stops the app and its infrastructure; drops the database unless it was passed in. */
  close(): Promise<void>;
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
}

/** A fresh database of the kind: an embedded data directory, or a new database on DATABASE_URL's server. */
export async function openTestAppDatabase(kind: 'embedded' | 'postgres'): Promise<TestAppDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'test-app-'));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'embedded') return { kind, settings: { dataDir }, drop: removeDir };
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const db = await createPostgresTestDatabase(serverUrl);
  return {
    kind,
    settings: { databaseUrl: db.url, dataDir },
    async drop() {
      await db.drop();
      await removeDir();
    },
  };
}

/**
 * Boots the whole application (createApp, migrations, projections, the administrator) on a database
 * of the kind, ready for `inject`.
 */
export async function startTestApp(kind: 'embedded' | 'postgres', options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await openTestAppDatabase(kind));
  const config = Object.assign(
    loadConfig({ NODE_ENV: 'test' }),
    { adminUsername: TEST_ADMIN.username, adminPassword: TEST_ADMIN.password },
    options.config ?? {},
    { ...database.settings, migrateOnBoot: true },
  );
  const clock = options.clock ?? systemClock;
  const infrastructure = await openInfrastructure(config);
  let app: NestFastifyApplication;
  try {
    app = await createApp({ config, infrastructure, clock });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // Boot logs are buffered until listen(), which tests never call.
    app.flushLogs();
  } catch (error) {
    await infrastructure.close();
    if (!options.database) await database.drop();
    throw error;
  }
  const inject = (request: InjectOptions) => app.inject(request);
  const login = async (username: string, password: string) => {
    const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login as ${username}: ${response.statusCode} ${response.body}`);
    return (response.json() as { accessToken: string }).accessToken;
  };
  let admin: { token: string; until: number } | undefined;
  const adminToken = async () => {
    // Reused while the app's clock says it is valid (the login route is rate limited per address).
    if (admin && admin.until > clock.now().getTime()) return admin.token;
    const token = await login(config.adminUsername ?? TEST_ADMIN.username, config.adminPassword ?? TEST_ADMIN.password);
    admin = { token, until: clock.now().getTime() + (config.accessTokenTtlSeconds - 5) * 1000 };
    return token;
  };
  let userCount = 0;
  const ensureUnit = async (code: string) => {
    const units = await inject({ method: 'GET', url: '/api/units', headers: bearer(await adminToken()) });
    if ((units.json() as Array<{ code: string }>).some((u) => u.code === code)) return;
    const created = await inject({
      method: 'POST',
      url: '/api/units',
      headers: bearer(await adminToken()),
      payload: { code, name: `测试单位 ${code}`, kind: 'other' },
    });
    if (created.statusCode !== 201) throw new Error(`create unit ${code}: ${created.statusCode} ${created.body}`);
  };
  const createUser = async (roles: string[], unitCode?: string): Promise<Omit<TestUser, 'token'>> => {
    if (unitCode) await ensureUnit(unitCode);
    const username = `${roles.join('-')}-${++userCount}-${Math.random().toString(36).slice(2, 6)}`;
    const password = `password-of-${username}`;
    const response = await inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(await adminToken()),
      payload: { username, password, displayName: username, roles, ...(unitCode ? { unitCode } : {}) },
    });
    if (response.statusCode !== 201) throw new Error(`create ${username}: ${response.statusCode} ${response.body}`);
    const { id } = response.json() as { id: string };
    return { id, username, password };
  };
  const userWith = async (roles: string[], unitCode?: string): Promise<TestUser> => {
    const user = await createUser(roles, unitCode);
    return { ...user, token: await login(user.username, user.password) };
  };
  return {
    app,
    config,
    infrastructure,
    database,
    clock,
    inject,
    login,
    adminToken,
    createUser,
    userWith,
    async logEnd() {
      const [row] = await infrastructure.dataSource.query('SELECT max(position)::text AS at FROM es_events');
      return row?.at ? BigInt(row.at) : 0n;
    },
    async close() {
      await app.close();
      await infrastructure.close();
      if (!options.database) await database.drop();
    },
  };
}

/** `{ authorization: 'Bearer …' }` for inject headers. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
