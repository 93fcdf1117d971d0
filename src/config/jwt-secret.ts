import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from './app-config';

/** Where a generated JWT_SECRET is kept outside production (readable by the owner only). */
export const JWT_SECRET_FILE = 'jwt-secret';

export interface JwtSecret {
  secret: string;
  source: 'JWT_SECRET' | 'generated' | 'data directory';
  /** The file it came from or went to, when not from JWT_SECRET. */
  file?: string;
}

/**
 * JWT_SECRET when set. Outside production a secret generated once and kept in the data directory, so
 * logins survive a restart. (In production loadConfig already refused a missing JWT_SECRET.)
 */
export function jwtSecretOf(config: Pick<AppConfig, 'jwtSecret' | 'dataDir' | 'env'>): JwtSecret {
  if (config.jwtSecret) return { secret: config.jwtSecret, source: 'JWT_SECRET' };
  if (config.env === 'production') throw new Error('JWT_SECRET 未设置 / JWT_SECRET is required in production');
  const dir = resolve(config.dataDir);
  const file = join(dir, JWT_SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return { secret: existing, source: 'data directory', file };
  mkdirSync(dir, { recursive: true });
  try {
    // 'wx': if another process wrote it first, theirs is kept and read back.
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file}: could not keep a generated JWT secret there`);
  return { secret, source: 'generated', file };
}

function readSecret(file: string): string | undefined {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    return secret.length >= 32 ? secret : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
