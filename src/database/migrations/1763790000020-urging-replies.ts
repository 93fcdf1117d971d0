import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit's reply to an urging (回复催办): its text and who sent it, beside the time already kept; and
 * which quarantined events the office was already alarmed of (a re-quarantine is a new alarm).
 */
export class UrgingRepliesQuarantineAlarms1763790000020 implements MigrationInterface {
  name = 'UrgingRepliesQuarantineAlarms1763790000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_urgings ADD COLUMN reply_message text, ADD COLUMN replied_by text`);
    await q.query(`
      CREATE TABLE notification_quarantine_alarms (
        follower text NOT NULL,
        position bigint NOT NULL,
        quarantined_at timestamptz NOT NULL,
        alarmed_at timestamptz NOT NULL,
        PRIMARY KEY (follower, position, quarantined_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_quarantine_alarms`);
    await q.query(`ALTER TABLE notification_urgings DROP COLUMN reply_message, DROP COLUMN replied_by`);
  }
}
