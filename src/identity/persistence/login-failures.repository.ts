import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { withTransaction } from '../../database/transaction';
import { FailureRecord, LockoutPolicy, afterFailure } from '../domain/login-lockout';

interface Row {
  failures: number;
  last_failed_at: Date;
  locked_until: Date | null;
}

const toRecord = (row: Row): FailureRecord => ({
  failures: row.failures,
  lastFailedAt: new Date(row.last_failed_at),
  lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
});

/** Consecutive failed logins per username (existing or not), for the lockout. */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(username: string): Promise<FailureRecord | undefined> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT failures, last_failed_at, locked_until FROM login_failures WHERE username = $1',
      [username],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** Counts one more failure atomically and returns the new record; forgets records idle for a day. */
  async recordFailure(username: string, now: Date, policy: LockoutPolicy): Promise<FailureRecord> {
    return withTransaction(poolOf(this.dataSource), async (client) => {
      await client.query(
        `INSERT INTO login_failures (username, failures, last_failed_at) VALUES ($1, 0, $2) ON CONFLICT (username) DO NOTHING`,
        [username, now],
      );
      const { rows } = await client.query<Row>(
        'SELECT failures, last_failed_at, locked_until FROM login_failures WHERE username = $1 FOR UPDATE',
        [username],
      );
      const previous = rows[0].failures === 0 ? undefined : toRecord(rows[0]);
      const next = afterFailure(previous, now, policy);
      await client.query(
        'UPDATE login_failures SET failures = $2, last_failed_at = $3, locked_until = $4 WHERE username = $1',
        [username, next.failures, next.lastFailedAt, next.lockedUntil],
      );
      await client.query(
        `DELETE FROM login_failures WHERE last_failed_at < $1::timestamptz - interval '1 day'
           AND (locked_until IS NULL OR locked_until < $1::timestamptz)`,
        [now],
      );
      return next;
    });
  }

  async clear(username: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE username = $1', [username]);
  }
}
