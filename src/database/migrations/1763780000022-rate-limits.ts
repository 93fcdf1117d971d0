import { MigrationInterface, QueryRunner } from 'typeorm';

/** Request rate limits (the login route's per-address limit), shared by every instance and kept across restarts. */
export class RateLimits1763780000022 implements MigrationInterface {
  name = 'RateLimits1763780000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE rate_limits (key text PRIMARY KEY, window_started_at timestamptz NOT NULL, hits integer NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
