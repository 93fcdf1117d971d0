import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store (事件存储).
 *
 * Global position = transaction id · 2^16 + index within the transaction. Readers only read positions
 * below `pg_snapshot_xmin(pg_current_snapshot())` · 2^16, i.e. events of transactions older than
 * every transaction still in flight. Any event committed later has a transaction id ≥ that xmin and
 * so a higher position: a catch-up reader never skips an event, whatever order concurrent writers
 * commit in. Positions increase strictly but are not dense.
 *
 * `es_append` does the whole append in one statement (one round trip, one commit). Optimistic
 * concurrency rests on the unique (stream_id, revision) index: of two writers appending the same
 * revision, the second waits for the first and then fails with a unique violation; the unique
 * event_id index makes a re-append of the same events fail the same way, and the adapter then
 * answers it with the first append's result. (`p_notify` NOTIFYs inside the append; the adapter
 * passes false and notifies after the commit, see PostgresEventStore.notifyOtherProcesses.)
 * Stream ids sort bytewise (COLLATE "C"), so a stream-name prefix is a range scan of that index.
 */
export class EventStore1763780000000 implements MigrationInterface {
  name = 'EventStore1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE es_events (
        position bigint PRIMARY KEY,
        stream_id text COLLATE "C" NOT NULL,
        revision bigint NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT es_events_stream_revision UNIQUE (stream_id, revision),
        CONSTRAINT es_events_event_id UNIQUE (event_id)
      )`);
    await q.query(`
      CREATE FUNCTION es_visible_bound() RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint) << 16
      $$`);
    await q.query(`
      CREATE FUNCTION es_stream_revision(p_stream text) RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT max(revision) FROM es_events WHERE stream_id = p_stream
      $$`);
    await q.query(`
      CREATE FUNCTION es_append(p_stream text, p_expected text, p_events jsonb, p_notify boolean)
      RETURNS TABLE (out_position bigint, out_revision bigint) LANGUAGE plpgsql AS $$
      DECLARE
        v_count integer := jsonb_array_length(p_events);
        v_xid bigint := pg_current_xact_id()::text::bigint;
        v_current bigint;
        v_base bigint;
      BEGIN
        IF v_count = 0 OR v_count >= 65536 THEN
          RAISE EXCEPTION 'an append carries 1 to 65535 events, got %', v_count USING ERRCODE = '22023';
        END IF;
        IF p_expected = 'no_stream' THEN
          v_current := -1;
        ELSIF p_expected = 'any' THEN
          v_current := coalesce(es_stream_revision(p_stream), -1);
        ELSE
          v_current := p_expected::bigint;
          -- The expected revision must exist; that none follows it is enforced by the unique index below.
          PERFORM 1 FROM es_events WHERE stream_id = p_stream AND revision = v_current;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES001';
          END IF;
        END IF;
        v_base := (v_xid << 16) + (SELECT count(*) FROM es_events
                                   WHERE position >= (v_xid << 16) AND position < ((v_xid + 1) << 16));
        INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
          SELECT v_base + t.ord - 1, p_stream, v_current + t.ord, (t.e->>'id')::uuid, t.e->>'type',
                 (t.e->>'schemaVersion')::integer, t.e->'data', t.e->'metadata',
                 (t.e->'metadata'->>'recordedAt')::timestamptz
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord);
        IF p_notify THEN
          PERFORM pg_notify('es_events', '');
        END IF;
        RETURN QUERY SELECT v_base + v_count - 1, v_current + v_count;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION es_append(text, text, jsonb, boolean)`);
    await q.query(`DROP FUNCTION es_stream_revision(text)`);
    await q.query(`DROP FUNCTION es_visible_bound()`);
    await q.query(`DROP TABLE es_events`);
  }
}
