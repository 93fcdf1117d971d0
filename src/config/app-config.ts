import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

/** Every setting, after config/<env>.json and environment variables are merged. Validated at boot. */
export class AppConfig {
  /** Environment name: selects config/<env>.json (NODE_ENV). */
  @IsIn(['development', 'test', 'production'])
  env!: 'development' | 'test' | 'production';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  port!: number;

  @IsString()
  host!: string;

  /** PostgreSQL connection string; when absent the embedded database in `dataDir` is used. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  databaseUrl?: string;

  @IsString()
  @MinLength(1)
  dataDir!: string;

  /** When set, events go to EventStoreDB; read models stay in PostgreSQL. */
  @IsOptional()
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrent):\/\/.+/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// (or esdb+discover://) connection string',
  })
  eventStoreConnectionString?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  adminUsername?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  adminPassword?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel!: string;

  /** Load the demo year into an empty embedded database at boot. */
  @Type(() => Boolean)
  @IsBoolean()
  demo!: boolean;

  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'DEMO_UNTIL_MONTH must be YYYY-MM' })
  demoUntilMonth!: string;

  /**
   * Run the application clock from this moment on (ISO 8601), e.g. for a demo or a training copy.
   * In demo mode on the embedded database it defaults to the 8th of the month after DEMO_UNTIL_MONTH.
   */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'CLOCK_START must be an ISO 8601 time, e.g. 2021-10-08T09:00:00+08:00' })
  clockStart?: string;

  /** Secret that signs access tokens; required in production; elsewhere generated once and kept in the data directory (jwt-secret). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  jwtSecret?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  accessTokenTtlSeconds!: number;

  /** Comma-separated allowed origins; empty means CORS is off. */
  @IsString()
  corsOrigins!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  shutdownTimeoutMs!: number;

  @Type(() => Boolean)
  @IsBoolean()
  migrateOnBoot!: boolean;

  /**
   * Longest time a write waits for the read models its caller reads (read-your-writes) before it
   * answers anyway, with the header `X-Read-Models-Behind` naming the position they had not reached.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  readYourWritesTimeoutMs!: number;

  /** /health answers 503 when a follower has been behind the log this long without moving. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  followerStuckSeconds!: number;

  /** SMTP server for email notifications (smtp:// or smtps://, optional user:password@); no email without it. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  smtpUrl?: string;

  /**
   * The workbench's address as its users reach it (e.g. https://duban.example.gov.cn): links in emails,
   * robot messages and webhooks (`url`) are absolute with it; without it emails carry the path only.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'PUBLIC_BASE_URL must be an http:// or https:// address without query, e.g. https://duban.example.gov.cn',
  })
  publicBaseUrl?: string;

  /** Sender of notification emails. */
  @IsString()
  @MinLength(3)
  mailFrom!: string;

  /** A delivery that failed this many times is `dead` (the office can retry it). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  notificationMaxAttempts!: number;

  /** First retry delay of a failed delivery; doubles with each attempt (capped at one hour). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  notificationRetryBaseMs!: number;

  /** Overrides of the notification rule table, `{ default?: {...}, plans?: { <planCode>: {...} } }` (config files only). */
  @IsOptional()
  @IsObject()
  notificationRules?: Record<string, unknown>;
}
