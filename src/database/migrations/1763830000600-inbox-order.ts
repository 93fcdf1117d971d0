import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox lists a user's notifications newest first and, among those of the same moment (one dispatcher
 * batch shares its time), by the causing event's log position, later first: the index follows that order.
 */
export class InboxOrder1763830000600 implements MigrationInterface {
  name = 'InboxOrder1763830000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX notifications_user_order ON notifications (user_id, created_at DESC, source_position DESC, id DESC)`,
    );
    await q.query(`DROP INDEX notifications_user`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`DROP INDEX notifications_user_order`);
  }
}
