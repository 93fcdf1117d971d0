import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many times each projection's as-of snapshots were invalidated (by a rebuild, in any process):
 * an "as of" view kept in memory is reused only while the generation it was folded under still holds.
 */
export class SnapshotGenerations1763820000500 implements MigrationInterface {
  name = 'SnapshotGenerations1763820000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_snapshot_generations (
        projection text PRIMARY KEY,
        generation bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_snapshot_generations`);
  }
}
