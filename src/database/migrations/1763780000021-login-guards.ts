import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login lockout per guard (username from one address, username, address), counted in the database so
 * that concurrent attempts and restarts cannot slip past it. Replaces the per-username login_failures.
 */
export class LoginGuards1763780000021 implements MigrationInterface {
  name = 'LoginGuards1763780000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_guards (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failed_at timestamptz NOT NULL,
        locked_until timestamptz,
        locks integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX login_guards_last_failed_at ON login_guards (last_failed_at)`);
    await q.query(`DROP TABLE login_failures`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failures (
        username text PRIMARY KEY,
        failures integer NOT NULL,
        last_failed_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);
    await q.query(`CREATE INDEX login_failures_last_failed_at ON login_failures (last_failed_at)`);
    await q.query(`DROP TABLE login_guards`);
  }
}
