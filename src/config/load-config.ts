import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { projectRoot } from '../shared/project-root';
import { AppConfig } from './app-config';

/** Environment variable → setting. The README's configuration table lists the same. */
export const ENVIRONMENT_VARIABLES: Record<string, keyof AppConfig> = {
  PORT: 'port',
  HOST: 'host',
  DATABASE_URL: 'databaseUrl',
  DATA_DIR: 'dataDir',
  EVENTSTORE_CONNECTION_STRING: 'eventStoreConnectionString',
  ADMIN_USERNAME: 'adminUsername',
  ADMIN_PASSWORD: 'adminPassword',
  LOG_LEVEL: 'logLevel',
  DEMO: 'demo',
  DEMO_UNTIL_MONTH: 'demoUntilMonth',
  CLOCK_START: 'clockStart',
  JWT_SECRET: 'jwtSecret',
  ACCESS_TOKEN_TTL_SECONDS: 'accessTokenTtlSeconds',
  CORS_ORIGINS: 'corsOrigins',
  SHUTDOWN_TIMEOUT_MS: 'shutdownTimeoutMs',
  FOLLOWER_STUCK_SECONDS: 'followerStuckSeconds',
  READ_YOUR_WRITES_TIMEOUT_MS: 'readYourWritesTimeoutMs',
  MIGRATE_ON_BOOT: 'migrateOnBoot',
  SMTP_URL: 'smtpUrl',
  MAIL_FROM: 'mailFrom',
  PUBLIC_BASE_URL: 'publicBaseUrl',
  NOTIFICATION_MAX_ATTEMPTS: 'notificationMaxAttempts',
  NOTIFICATION_RETRY_BASE_MS: 'notificationRetryBaseMs',
};

const SETTING_TO_VARIABLE = Object.fromEntries(Object.entries(ENVIRONMENT_VARIABLES).map(([k, v]) => [v, k]));

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置无效 / Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidConfigError';
  }
}

function readJson(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidConfigError([`${path}: ${(error as Error).message}`]);
  }
}

function parseBoolean(raw: string, variable: string): boolean | string {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  return `${variable} must be true or false, got '${raw}'`;
}

/**
 * config/default.json, then config/<NODE_ENV>.json, then environment variables; validated.
 * @throws InvalidConfigError naming every bad setting by its environment variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, configDir = join(projectRoot(), 'config')): AppConfig {
  const envName = env.NODE_ENV || 'development';
  const merged: Record<string, unknown> = {
    env: envName,
    ...readJson(join(configDir, 'default.json')),
    ...readJson(join(configDir, `${envName}.json`)),
  };
  const problems: string[] = [];
  for (const [variable, setting] of Object.entries(ENVIRONMENT_VARIABLES)) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    if (setting === 'demo' || setting === 'migrateOnBoot') {
      const value = parseBoolean(raw, variable);
      if (typeof value === 'string') problems.push(value);
      else merged[setting] = value;
    } else {
      merged[setting] = raw;
    }
  }
  const config = plainToInstance(AppConfig, merged);
  for (const error of validateSync(config, { forbidUnknownValues: false })) {
    const name = SETTING_TO_VARIABLE[error.property] ?? error.property;
    const messages = Object.values(error.constraints ?? {}).map((m) => m.replace(error.property, name));
    problems.push(`${name}: ${messages.join('; ')}`);
  }
  if (Boolean(config.adminUsername) !== Boolean(config.adminPassword)) {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  if (config.env === 'production' && !config.jwtSecret) {
    problems.push(
      'JWT_SECRET: 生产环境必须设置 / required in production (at least 32 characters): tokens signed with it must survive restarts and be shared by every instance',
    );
  }
  if (problems.length) throw new InvalidConfigError(problems);
  return config;
}
