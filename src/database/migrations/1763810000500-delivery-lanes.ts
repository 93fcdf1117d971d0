import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery worker finds and claims what is due per lane (a channel, or users' own email: channel_id
 * null) through one index, oldest first, instead of scanning every due delivery each round; the index on
 * next_attempt_at alone served only that scan.
 */
export class DeliveryLanes1763810000500 implements MigrationInterface {
  name = 'DeliveryLanes1763810000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX notification_deliveries_lane ON notification_deliveries (channel_id, next_attempt_at, id)
        WHERE state IN ('pending', 'failed', 'sending')`,
    );
    await q.query(`DROP INDEX notification_deliveries_due`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE state IN ('pending', 'failed', 'sending')`,
    );
    await q.query(`DROP INDEX notification_deliveries_lane`);
  }
}
