import type { Duplex } from 'node:stream';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseConnection {
  url: string;
  /** Connection pool size; 1 for the embedded database (one PGlite session). */
  poolMax: number;
  /** The embedded database's in-process connection, instead of a socket to `url` (pg's `stream` option). */
  stream?: () => Duplex;
}

export function createDataSource({ url, poolMax, stream }: DatabaseConnection): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    // No entities: read models are projection tables, the rest is plain SQL behind repositories.
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // With a single embedded connection an idle timeout would only churn sockets.
    extra: { max: poolMax, idleTimeoutMillis: poolMax === 1 ? 0 : 30000, ...(stream ? { stream } : {}) },
  });
}

/** The `pg` pool TypeORM opened: the event store shares it, so the embedded database sees one connection. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
