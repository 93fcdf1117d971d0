import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first boot's demo load (演示数据载入), started and finished: a load that was interrupted (the server
 * killed while the demo year loaded) is found unfinished by the next boot, which loads it again — the
 * demo is idempotent, so what was written before is answered from the record and the rest is appended.
 */
export class DemoLoad1763800000200 implements MigrationInterface {
  name = 'DemoLoad1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE demo_load (id smallint PRIMARY KEY CHECK (id = 1), until_month text NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE demo_load`);
  }
}
