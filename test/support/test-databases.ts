import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded/embedded-postgres';

/** A database a test suite owns: created fresh, dropped (or deleted) afterwards. */
export interface TestDatabase {
  kind: 'postgres' | 'embedded';
  url: string;
  /** Pool size the application must use against it (1 for embedded). */
  poolMax: number;
  drop(): Promise<void>;
}

/** A fresh database on the PostgreSQL server of DATABASE_URL, so suites can run in parallel. */
export async function createPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    poolMax: 10,
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createEmbeddedTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-db-'));
  const embedded = await EmbeddedPostgres.start(dir);
  return {
    kind: 'embedded',
    url: embedded.connectionString,
    poolMax: 1,
    async drop() {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The database kinds every integration suite runs against: embedded always, PostgreSQL when DATABASE_URL is set. */
export function databaseKinds(): Array<'embedded' | 'postgres'> {
  return process.env.DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

export function createTestDatabase(kind: 'embedded' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'embedded') return createEmbeddedTestDatabase();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return createPostgresTestDatabase(url);
}
