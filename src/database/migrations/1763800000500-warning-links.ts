import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications of a warning link to the workbench's warnings page with that warning open
 * (`/warnings?warning=<id>`), not `/warnings/<id>` (no such page): the links already stored in the
 * inbox and in deliveries not yet sent are rewritten the same way.
 */
export class WarningLinks1763800000500 implements MigrationInterface {
  name = 'WarningLinks1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE notifications SET link = '/warnings?warning=' || substr(link, 11) WHERE link LIKE '/warnings/%'`,
    );
    await q.query(
      `UPDATE notification_deliveries
          SET message = jsonb_set(message, '{link}', to_jsonb('/warnings?warning=' || substr(message->>'link', 11)))
        WHERE message->>'link' LIKE '/warnings/%'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE notifications SET link = '/warnings/' || substr(link, 19) WHERE link LIKE '/warnings?warning=%'`,
    );
    await q.query(
      `UPDATE notification_deliveries
          SET message = jsonb_set(message, '{link}', to_jsonb('/warnings/' || substr(message->>'link', 19)))
        WHERE message->>'link' LIKE '/warnings?warning=%'`,
    );
  }
}
