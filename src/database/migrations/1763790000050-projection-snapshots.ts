import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots for "as of" views (历史快照): a projection's documents folded up to a position of the log,
 * for one scope (the streams and event types an as-of view reads, e.g. one plan's targets), so a
 * view reads the nearest snapshot and only the events after it. `max_recorded_at` is the latest
 * recorded time among the events folded in: a view "as of a time" may use a snapshot only when that
 * is not after its time. Rows of another projection version are never read; a rebuild deletes them.
 * The documents are gzipped JSON: a district-year's targets are tens of megabytes as text.
 */
export class ProjectionSnapshots1763790000050 implements MigrationInterface {
  name = 'ProjectionSnapshots1763790000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_snapshots (
        projection text NOT NULL,
        version integer NOT NULL,
        scope text NOT NULL,
        position bigint NOT NULL,
        max_recorded_at timestamptz,
        kind text NOT NULL,
        documents integer NOT NULL,
        docs bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, scope, position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_snapshots`);
  }
}
