import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recorded time never goes backwards (记录时间单调): `es_append` clamps an event's `recordedAt` that is
 * earlier than the stream's last event or the log's newest event up to that time, in the same single
 * statement (the stream's last event is the row the expected-revision check reads anyway; the log's
 * newest is one backward step of the primary key). It returns the time it was clamped from, so the
 * adapter can log it. A simulated clock restarted at an earlier moment, or a server whose clock is
 * behind another's, then still writes a log whose times only increase, and `asOf` by time stays right.
 */
export class RecordedTimeMonotonic1763780000030 implements MigrationInterface {
  name = 'RecordedTimeMonotonic1763780000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION es_append(text, text, jsonb, boolean)`);
    await q.query(`
      CREATE FUNCTION es_append(p_stream text, p_expected text, p_events jsonb, p_notify boolean)
      RETURNS TABLE (out_position bigint, out_revision bigint, out_clamped_from text, out_clamped_to text) LANGUAGE plpgsql AS $$
      DECLARE
        v_count integer := jsonb_array_length(p_events);
        v_xid bigint := pg_current_xact_id()::text::bigint;
        v_current bigint;
        v_base bigint;
        v_floor timestamptz;
        v_stream_last timestamptz;
        v_first timestamptz;
      BEGIN
        IF v_count = 0 OR v_count >= 65536 THEN
          RAISE EXCEPTION 'an append carries 1 to 65535 events, got %', v_count USING ERRCODE = '22023';
        END IF;
        IF p_expected = 'no_stream' THEN
          v_current := -1;
        ELSIF p_expected = 'any' THEN
          SELECT revision, recorded_at INTO v_current, v_stream_last FROM es_events
            WHERE stream_id = p_stream ORDER BY revision DESC LIMIT 1;
          v_current := coalesce(v_current, -1);
        ELSE
          v_current := p_expected::bigint;
          -- The expected revision must exist; that none follows it is enforced by the unique index below.
          SELECT recorded_at INTO v_stream_last FROM es_events WHERE stream_id = p_stream AND revision = v_current;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES001';
          END IF;
        END IF;
        SELECT recorded_at INTO v_floor FROM es_events ORDER BY position DESC LIMIT 1;
        v_floor := greatest(v_floor, v_stream_last);
        v_first := (p_events->0->'metadata'->>'recordedAt')::timestamptz;
        v_base := (v_xid << 16) + (SELECT count(*) FROM es_events
                                   WHERE position >= (v_xid << 16) AND position < ((v_xid + 1) << 16));
        INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
          SELECT v_base + c.ord - 1, p_stream, v_current + c.ord, (c.e->>'id')::uuid, c.e->>'type',
                 (c.e->>'schemaVersion')::integer, c.e->'data',
                 CASE WHEN c.at IS DISTINCT FROM c.given
                   THEN jsonb_set(c.e->'metadata', '{recordedAt}', to_jsonb(to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                   ELSE c.e->'metadata' END,
                 c.at
          FROM (
            -- each event at the latest of the floor and every time up to it in the batch
            SELECT t.e, t.ord, g.given, greatest(v_floor, max(g.given) OVER (ORDER BY t.ord)) AS at
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord),
                 LATERAL (SELECT (t.e->'metadata'->>'recordedAt')::timestamptz AS given) g
          ) c;
        IF p_notify THEN
          PERFORM pg_notify('es_events', '');
        END IF;
        RETURN QUERY SELECT v_base + v_count - 1, v_current + v_count,
          CASE WHEN v_floor > v_first THEN v_first::text END,
          CASE WHEN v_floor > v_first THEN v_floor::text END;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION es_append(text, text, jsonb, boolean)`);
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
}
