import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity (身份): password hashes and failed-login counts, outside the event log so no secret is
 * ever an event. `user_credentials.username` is unique: it reserves the username before the
 * user's first event is appended.
 */
export class Identity1763780000010 implements MigrationInterface {
  name = 'Identity1763780000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_credentials (
        user_id uuid PRIMARY KEY,
        username text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_credentials_username UNIQUE (username)
      )`);
    await q.query(`
      CREATE TABLE login_failures (
        username text PRIMARY KEY,
        failures integer NOT NULL,
        last_failed_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);
    await q.query(`CREATE INDEX login_failures_last_failed_at ON login_failures (last_failed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TABLE user_credentials`);
  }
}
