import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtSecretOf, JWT_SECRET_FILE } from './jwt-secret';
import { InvalidConfigError, loadConfig } from './load-config';

describe('JWT secret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jwt-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('outside production: generated once, kept in the data directory for the owner only, the same after a restart', () => {
    const first = jwtSecretOf({ env: 'development', dataDir: join(dir, 'data') });
    expect(first).toMatchObject({ source: 'generated', file: join(dir, 'data', JWT_SECRET_FILE) });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    const second = jwtSecretOf({ env: 'development', dataDir: join(dir, 'data') });
    expect(second).toMatchObject({ source: 'data directory', secret: first.secret });
  });

  it('takes JWT_SECRET when set', () => {
    expect(jwtSecretOf({ env: 'production', dataDir: dir, jwtSecret: 's'.repeat(32) })).toEqual({
      secret: 's'.repeat(32),
      source: 'JWT_SECRET',
    });
  });

  it('in production the boot refuses without JWT_SECRET, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(InvalidConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: .*required in production/);
    expect(() => jwtSecretOf({ env: 'production', dataDir: dir })).toThrow(/JWT_SECRET/);
  });
});
