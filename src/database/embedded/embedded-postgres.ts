import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import * as lockfile from 'proper-lockfile';
import { PGliteStream } from './pglite-stream';

/**
 * The embedded database (内嵌数据库): PGlite (PostgreSQL compiled to WebAssembly) persisted in a data
 * directory and served on a random loopback port, so TypeORM and the event store use the ordinary
 * `pg` driver and run the very same SQL as on a PostgreSQL server.
 *
 * PGlite has one session. The socket server multiplexes connections onto it, so the application must
 * open exactly one connection (pool size 1): otherwise two transactions would interleave in one session.
 * The application's own connection skips the socket (`openStream`); the loopback port serves other clients.
 */
export class EmbeddedPostgres {
  private constructor(
    readonly dataDir: string,
    readonly connectionString: string,
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly releaseLock: () => Promise<void>,
  ) {}

  /** Opens (creating if needed) the database in `dataDir`; refuses if another process has it open. */
  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    const releaseLock = await lockDataDirectory(dir);
    try {
      const db = await PGlite.create(join(dir, 'pgdata'));
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
      await server.start();
      const connectionString = `postgres://postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(dir, connectionString, db, server, releaseLock);
    } catch (error) {
      await releaseLock();
      throw error;
    }
  }

  /** A connection inside this process for the `pg` driver (its `stream` option): see PGliteStream. */
  openStream(): PGliteStream {
    return new PGliteStream(this.db);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    await this.releaseLock();
  }
}

/** Whether `dataDir` holds no database yet (the next start creates one there). */
export function holdsNoDatabase(dataDir: string): boolean {
  return !existsSync(join(resolve(dataDir), 'pgdata', 'PG_VERSION'));
}

export class DataDirectoryLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `数据目录 ${dataDir} 已被另一个进程打开 / The data directory ${dataDir} is open in another process ` +
        '(stop it, or set DATA_DIR to another directory)',
    );
    this.name = 'DataDirectoryLockedError';
  }
}

async function lockDataDirectory(dir: string): Promise<() => Promise<void>> {
  try {
    // proper-lockfile keeps the lock fresh while we run and treats a lock left by a crashed process as stale.
    return await lockfile.lock(dir, { lockfilePath: join(dir, 'database.lock'), stale: 15000, update: 5000 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirectoryLockedError(dir);
    throw error;
  }
}
