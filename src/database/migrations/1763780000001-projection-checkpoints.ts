import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each projection stands. The projection's own tables are not migrated: they are disposable,
 * created by the runner from the projection's definition and rebuilt from the log when its version changes.
 */
export class ProjectionCheckpoints1763780000001 implements MigrationInterface {
  name = 'ProjectionCheckpoints1763780000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        version integer NOT NULL,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_checkpoints`);
  }
}
