import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store (事件存储).
 *
 * Global position = transaction id · 2^16 + index within the append. Readers only read positions
 * below `pg_snapshot_xmin(pg_current_snapshot())` · 2^16, i.e. events of transactions older than
 * every transaction still in flight. Any event committed later has a transaction id ≥ that xmin and
 * so a higher position: a catch-up reader never skips an event, whatever order concurrent writers
 * commit in. Positions increase strictly but are not dense.
 *
 * `es_append` does the whole append in one statement (one round trip, one commit): idempotency by
 * event id, the expected-revision check on `es_streams` (its row lock serialises writers of one
 * stream), the insert, and a NOTIFY to wake subscribers in other processes.
 */
export class EventStore1763780000000 implements MigrationInterface {
  name = 'EventStore1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE es_streams (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE es_events (
        position bigint PRIMARY KEY,
        stream_id text NOT NULL,
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
    await q.query(`CREATE INDEX es_events_type ON es_events (type, position)`);
    await q.query(`CREATE INDEX es_events_recorded_at ON es_events (recorded_at)`);
    await q.query(`
      CREATE FUNCTION es_visible_bound() RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint) << 16
      $$`);
    await q.query(`
      CREATE FUNCTION es_append(p_stream text, p_expected text, p_events jsonb, p_notify boolean)
      RETURNS TABLE (out_position bigint, out_revision bigint) LANGUAGE plpgsql AS $$
      DECLARE
        v_count integer := jsonb_array_length(p_events);
        v_ids uuid[];
        v_existing integer;
        v_current bigint;
        v_base bigint;
      BEGIN
        IF v_count = 0 OR v_count >= 65536 THEN
          RAISE EXCEPTION 'an append carries 1 to 65535 events, got %', v_count USING ERRCODE = '22023';
        END IF;
        SELECT array_agg((e->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) e;
        SELECT count(*) INTO v_existing FROM es_events WHERE event_id = ANY (v_ids);
        IF v_existing = v_count THEN
          RETURN QUERY SELECT max(position), max(revision) FROM es_events WHERE event_id = ANY (v_ids);
          RETURN;
        ELSIF v_existing > 0 THEN
          RAISE EXCEPTION 'partial duplicate append to %', p_stream USING ERRCODE = 'ES002';
        END IF;

        IF p_expected = 'no_stream' THEN
          INSERT INTO es_streams (stream_id, revision) VALUES (p_stream, v_count - 1) ON CONFLICT DO NOTHING;
          IF NOT FOUND THEN
            SELECT revision INTO v_current FROM es_streams WHERE stream_id = p_stream;
            RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES001', DETAIL = v_current::text;
          END IF;
          v_current := -1;
        ELSIF p_expected = 'any' THEN
          INSERT INTO es_streams AS s (stream_id, revision) VALUES (p_stream, v_count - 1)
            ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + v_count
            RETURNING revision - v_count INTO v_current;
        ELSE
          UPDATE es_streams SET revision = revision + v_count
            WHERE stream_id = p_stream AND revision = p_expected::bigint;
          IF NOT FOUND THEN
            SELECT revision INTO v_current FROM es_streams WHERE stream_id = p_stream;
            RAISE EXCEPTION 'wrong expected revision'
              USING ERRCODE = 'ES001', DETAIL = coalesce(v_current::text, 'no_stream');
          END IF;
          v_current := p_expected::bigint;
        END IF;

        v_base := (pg_current_xact_id()::text::bigint << 16)
          + coalesce((SELECT count(*) FROM es_events WHERE position >= (pg_current_xact_id()::text::bigint << 16)
                        AND position < ((pg_current_xact_id()::text::bigint + 1) << 16)), 0);
        INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
          SELECT v_base + t.ord - 1, p_stream, v_current + t.ord, (t.e->>'id')::uuid, t.e->>'type',
                 (t.e->>'schemaVersion')::integer, t.e->'data', t.e->'metadata',
                 (t.e->'metadata'->>'recordedAt')::timestamptz
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord);
        IF p_notify THEN
          PERFORM pg_notify('es_events', p_stream);
        END IF;
        RETURN QUERY SELECT v_base + v_count - 1, v_current + v_count;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION es_append(text, text, jsonb, boolean)`);
    await q.query(`DROP FUNCTION es_visible_bound()`);
    await q.query(`DROP TABLE es_events`);
    await q.query(`DROP TABLE es_streams`);
  }
}
