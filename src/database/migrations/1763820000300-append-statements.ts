import { MigrationInterface, QueryRunner } from 'typeorm';
import { AppendOnePath1763790000051 } from './1763790000051-append-one-path';

/**
 * Appends are plain SQL statements sent by the adapter (src/event-store/postgres/append-sql.ts), no longer the
 * PL/pgSQL `es_append`; event data and metadata are `json` instead of `jsonb`.
 *
 * `json` keeps the text as given (key order included, as EventStoreDB does) and only validates it, where
 * `jsonb` parses and rebuilds every payload: for 100-event appends that was about a third of the server's
 * time. Nothing queries inside the payloads (readers take whole rows; recorded time has its own column),
 * and the `pg` driver parses both types alike. The ALTER rewrites the table once, in this migration's
 * transaction: every stored payload becomes the text `jsonb` printed it as.
 */
export class AppendStatements1763820000300 implements MigrationInterface {
  name = 'AppendStatements1763820000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION es_append(text, text, jsonb, boolean)`);
    await q.query(`
      ALTER TABLE es_events
        ALTER COLUMN data TYPE json USING data::json,
        ALTER COLUMN metadata TYPE json USING metadata::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE es_events
        ALTER COLUMN data TYPE jsonb USING data::jsonb,
        ALTER COLUMN metadata TYPE jsonb USING metadata::jsonb`);
    // Its `CREATE OR REPLACE` brings the function back as it was.
    await new AppendOnePath1763790000051().up(q);
  }
}
