import { MigrationInterface, QueryRunner } from 'typeorm';

/** Events a follower (projection or reactor) could not apply, kept aside so the follower goes on. */
export class FollowerQuarantine1763780000020 implements MigrationInterface {
  name = 'FollowerQuarantine1763780000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE follower_quarantine (
        id bigserial PRIMARY KEY,
        follower text NOT NULL,
        position bigint NOT NULL,
        event_id text NOT NULL,
        stream_id text NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolution text,
        UNIQUE (follower, position)
      )`);
    await q.query(
      `CREATE INDEX follower_quarantine_unresolved ON follower_quarantine (follower) WHERE resolved_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follower_quarantine`);
  }
}
