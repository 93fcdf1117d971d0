import { MigrationInterface, QueryRunner } from 'typeorm';

/** The delivery worker claims per lane (a channel, or users' email): what is due in one lane, oldest first. */
export class DeliveryLanes1763800000501 implements MigrationInterface {
  name = 'DeliveryLanes1763800000501';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX notification_deliveries_lane ON notification_deliveries (channel_id, next_attempt_at)
        WHERE state IN ('pending', 'failed', 'sending')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_deliveries_lane`);
  }
}
