import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { withTransaction } from '../../database/transaction';
import { FailureRecord, Guard, admits, afterAttempt, lockIfDue, lockedUntil } from '../domain/login-lockout';

interface Row {
  key: string;
  failures: number;
  last_failed_at: Date;
  locked_until: Date | null;
  locks: number;
}

const toRecord = (row: Row): FailureRecord => ({
  failures: row.failures,
  lastFailedAt: new Date(row.last_failed_at),
  lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
  locks: row.locks,
});

/** What a lock looks like to the office (GET /api/users/:id/lockout). */
export interface LockoutView {
  locked: boolean;
  lockedUntil: string | null;
  /** Failed attempts in the current window, over every address. */
  failures: number;
}

/**
 * The login guards' counters (login_guards), each read and written under a row lock so concurrent
 * attempts are counted one by one, on every instance and across restarts.
 */
@Injectable()
export class LoginGuardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts an attempt on every guard before the password is checked; or, when a guard refuses it,
   * counts nothing and returns until when (the latest lock among the refusing guards; `now` + 1 s
   * for a guard full of attempts under way).
   */
  async reserve(guards: readonly Guard[], now: Date): Promise<{ admitted: true } | { admitted: false; until: Date }> {
    return withTransaction(poolOf(this.dataSource), async (client) => {
      const records = await this.lockRows(client, guards, now);
      const refusing = guards.filter((g) => !admits(records.get(g.key), now, g.policy));
      if (refusing.length) {
        const until = refusing
          .map((g) => lockedUntil(records.get(g.key), now) ?? new Date(now.getTime() + 1000))
          .reduce((a, b) => (a > b ? a : b));
        return { admitted: false, until };
      }
      for (const g of guards) await this.write(client, g.key, afterAttempt(records.get(g.key), now, g.policy));
      return { admitted: true };
    });
  }

  /** The counted attempt failed: guards at their limit lock (with back-off). Returns the pair guard's record. */
  async failed(guards: readonly Guard[], now: Date): Promise<FailureRecord | undefined> {
    return withTransaction(poolOf(this.dataSource), async (client) => {
      const records = await this.lockRows(client, guards, now);
      let first: FailureRecord | undefined;
      for (const g of guards) {
        const record = records.get(g.key);
        if (!record) continue;
        const next = lockIfDue(record, now, g.policy);
        first ??= next;
        if (next !== record) await this.write(client, g.key, next);
      }
      await client.query(
        `DELETE FROM login_guards WHERE last_failed_at < $1::timestamptz - interval '1 day'
           AND (locked_until IS NULL OR locked_until < $1::timestamptz)`,
        [now],
      );
      return first;
    });
  }

  /** The counted attempt succeeded: the username's guards are cleared; the address gives back its attempt. */
  async succeeded(guards: readonly Guard[]): Promise<void> {
    const cleared = guards.filter((g) => g.kind !== 'address').map((g) => g.key);
    const address = guards.find((g) => g.kind === 'address');
    await withTransaction(poolOf(this.dataSource), async (client) => {
      await client.query('DELETE FROM login_guards WHERE key = ANY($1::text[])', [cleared]);
      if (address)
        await client.query('UPDATE login_guards SET failures = greatest(failures - 1, 0) WHERE key = $1', [
          address.key,
        ]);
    });
  }

  /** The username's state over every address, for the office. */
  async view(username: string, now: Date): Promise<LockoutView> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM login_guards WHERE key = $1 OR key LIKE $2`, [
      `account:${username}`,
      `pair:${escapeLike(username)}|%`,
    ]);
    const until = rows.map((r) => lockedUntil(toRecord(r), now)).filter((d): d is Date => d !== null);
    const latest = until.length ? until.reduce((a, b) => (a > b ? a : b)) : null;
    const account = rows.find((r) => r.key === `account:${username}`);
    return { locked: latest !== null, lockedUntil: latest?.toISOString() ?? null, failures: account?.failures ?? 0 };
  }

  /** Lifts every lock on the username (the office's unlock, the console's `user:unlock`). */
  async unlock(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_guards WHERE key = $1 OR key LIKE $2`, [
      `account:${username}`,
      `pair:${escapeLike(username)}|%`,
    ]);
  }

  private async lockRows(client: PoolClient, guards: readonly Guard[], now: Date): Promise<Map<string, FailureRecord>> {
    // Rows are locked in key order, so two attempts never wait on each other's rows in a cycle.
    const keys = guards.map((g) => g.key).sort();
    await client.query(
      `INSERT INTO login_guards (key, failures, last_failed_at) SELECT k, 0, $2 FROM unnest($1::text[]) AS k ON CONFLICT (key) DO NOTHING`,
      [keys, now],
    );
    const { rows } = await client.query<Row>(
      'SELECT * FROM login_guards WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
      [keys],
    );
    return new Map(
      rows.filter((r) => r.failures > 0 || r.locked_until || r.locks > 0).map((r) => [r.key, toRecord(r)]),
    );
  }

  private async write(client: PoolClient, key: string, record: FailureRecord): Promise<void> {
    await client.query(
      'UPDATE login_guards SET failures = $2, last_failed_at = $3, locked_until = $4, locks = $5 WHERE key = $1',
      [key, record.failures, record.lastFailedAt, record.lockedUntil, record.locks ?? 0],
    );
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
