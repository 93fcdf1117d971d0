import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { describeError } from './failure-kind';

/**
 * Which instance runs a follower when several instances share one database: each follower runs on
 * exactly one of them (the leader) while the others stand by, reading its checkpoint for their
 * read-your-writes waits, and take over when the leader goes away.
 */
export interface Leadership {
  /** Whether this instance leads the follower now. */
  holds(name: string): boolean;
  /** Tries to become the follower's leader; true when it is. */
  tryAcquire(name: string): Promise<boolean>;
  close(): Promise<void>;
}

/** One process alone on its database (the embedded one, tests of a single runner): it leads everything. */
export const SOLE_LEADERSHIP: Leadership = {
  holds: () => true,
  tryAcquire: async () => true,
  close: async () => undefined,
};

/**
 * Leadership by PostgreSQL session advisory locks, all held on one connection of this instance: if
 * the instance dies or the connection breaks, the server ends the session and the locks with it, and
 * a standing-by instance acquires them at its next try.
 */
export class AdvisoryLeadership implements Leadership {
  private readonly logger = new Logger('Leadership');
  private readonly held = new Set<string>();
  private session?: Promise<PoolClient>;
  private closed = false;

  constructor(private readonly pool: Pool) {}

  holds(name: string): boolean {
    return this.held.has(name);
  }

  async tryAcquire(name: string): Promise<boolean> {
    if (this.closed) return false;
    if (this.held.has(name)) return true;
    try {
      const client = await this.connect();
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
        `follower-leader:${name}`,
      ]);
      if (rows[0].ok) {
        this.held.add(name);
        this.logger.log(`leading ${name}`);
      }
      return rows[0].ok;
    } catch (error) {
      this.lost(error);
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = undefined;
    this.held.clear();
    // Destroyed, not returned to the pool: its session (and every lock on it) ends with it.
    if (session) (await session.catch(() => undefined))?.release(true);
  }

  private connect(): Promise<PoolClient> {
    this.session ??= this.pool.connect().then((client) => {
      client.on('error', (error: Error) => this.lost(error));
      return client;
    });
    return this.session;
  }

  private lost(error: unknown): void {
    if (this.held.size)
      this.logger.error(
        `lost the leadership connection; standing by for ${[...this.held].join(', ')}: ${describeError(error)}`,
      );
    this.held.clear();
    const session = this.session;
    this.session = undefined;
    void session
      ?.then(
        (client) => client.release(true),
        () => undefined,
      )
      .catch(() => undefined);
  }
}
