import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredCredentials {
  userId: string;
  username: string;
  passwordHash: string;
}

interface Row {
  user_id: string;
  username: string;
  password_hash: string;
}

const toCredentials = (row: Row): StoredCredentials => ({
  userId: row.user_id,
  username: row.username,
  passwordHash: row.password_hash,
});

/** The `user_credentials` table: one argon2id hash per user, and the username it is reserved under. */
@Injectable()
export class UserCredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByUsername(username: string): Promise<StoredCredentials | undefined> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT user_id, username, password_hash FROM user_credentials WHERE username = $1',
      [username],
    );
    return rows[0] && toCredentials(rows[0]);
  }

  async findByUserId(userId: string): Promise<StoredCredentials | undefined> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT user_id, username, password_hash FROM user_credentials WHERE user_id = $1',
      [userId],
    );
    return rows[0] && toCredentials(rows[0]);
  }

  /** Claims the username for a new user; false when another user holds it. */
  async reserve(credentials: StoredCredentials): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO user_credentials (user_id, username, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO NOTHING RETURNING user_id`,
      [credentials.userId, credentials.username, credentials.passwordHash],
    );
    return rows.length === 1;
  }

  /** How long ago the username was reserved, in seconds (to recognise a reservation whose user was never created). */
  async reservationAgeSeconds(username: string): Promise<number | undefined> {
    const rows: Array<{ age: string }> = await this.dataSource.query(
      'SELECT extract(epoch FROM now() - created_at)::text AS age FROM user_credentials WHERE username = $1',
      [username],
    );
    return rows[0] ? Number(rows[0].age) : undefined;
  }

  async release(userId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM user_credentials WHERE user_id = $1', [userId]);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE user_credentials SET password_hash = $2, updated_at = now() WHERE user_id = $1',
      [userId, passwordHash],
    );
  }
}
