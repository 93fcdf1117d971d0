import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Beside a reactor's checkpoint, the highest position it appended by then: an instance standing by
 * waits for the read models to reach that position (read-your-writes), not the head of the log.
 */
export class CheckpointProduced1763790000070 implements MigrationInterface {
  name = 'CheckpointProduced1763790000070';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_checkpoints ADD COLUMN produced bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projection_checkpoints DROP COLUMN produced`);
  }
}
