import { MigrationInterface, QueryRunner } from 'typeorm';
import { RecordedTimeMonotonic1763780000030 } from './1763780000030-recorded-time-monotonic';

/**
 * `es_append` with one path for every expected revision and less work per call (same signature and
 * answers as migration 1763780000030):
 * - one look-up of the stream's last event serves `any` and an expected revision alike (that it is
 *   the expected one is the check; `no_stream` needs none: the unique index refuses a second revision 0);
 * - the events are unpacked once by `jsonb_to_recordset` (typed columns) instead of one `->` per field;
 * - the offset of the next event within the transaction is a transaction-local setting instead of a
 *   count over the transaction's range of the primary key.
 * A wrong expected revision is ES001 whether the stream is shorter or longer than expected; the
 * adapter answers both (and a unique violation) as before, a retry of a stored append included.
 */
export class AppendOnePath1763790000051 implements MigrationInterface {
  name = 'AppendOnePath1763790000051';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION es_append(p_stream text, p_expected text, p_events jsonb, p_notify boolean)
      RETURNS TABLE (out_position bigint, out_revision bigint, out_clamped_from text, out_clamped_to text) LANGUAGE plpgsql AS $$
      DECLARE
        v_count integer := jsonb_array_length(p_events);
        v_xid bigint := pg_current_xact_id()::text::bigint;
        v_offset integer := coalesce(nullif(current_setting('es.offset', true), '')::integer, 0);
        v_current bigint := -1;
        v_base bigint;
        v_floor timestamptz;
        v_stream_last timestamptz;
        v_first timestamptz;
      BEGIN
        IF v_count = 0 OR v_offset + v_count > 65536 THEN
          RAISE EXCEPTION 'an append carries 1 to 65535 events (a transaction at most 65536), got %', v_count USING ERRCODE = '22023';
        END IF;
        IF p_expected <> 'no_stream' THEN
          SELECT revision, recorded_at INTO v_current, v_stream_last FROM es_events
            WHERE stream_id = p_stream ORDER BY revision DESC LIMIT 1;
          IF p_expected <> 'any' AND v_current IS DISTINCT FROM p_expected::bigint THEN
            RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'ES001';
          END IF;
          v_current := coalesce(v_current, -1);
        END IF;
        SELECT recorded_at INTO v_floor FROM es_events ORDER BY position DESC LIMIT 1;
        v_floor := greatest(v_floor, v_stream_last);
        v_first := (p_events->0->'metadata'->>'recordedAt')::timestamptz;
        v_base := (v_xid << 16) + v_offset;
        PERFORM set_config('es.offset', (v_offset + v_count)::text, true);
        INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
          SELECT v_base + c.ord - 1, p_stream, v_current + c.ord, c.id, c.type, c.sv, c.data,
                 CASE WHEN c.at IS DISTINCT FROM c.given
                   THEN jsonb_set(c.metadata, '{recordedAt}', to_jsonb(to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                   ELSE c.metadata END,
                 c.at
          FROM (
            -- each event at the latest of the floor and every time up to it in the batch
            SELECT r.id, r.type, r.sv, r.data, r.metadata, r.ord, g.given, greatest(v_floor, max(g.given) OVER (ORDER BY r.ord)) AS at
            FROM ROWS FROM (jsonb_to_recordset(p_events) AS (id uuid, type text, "schemaVersion" integer, data jsonb, metadata jsonb))
                   WITH ORDINALITY AS r(id, type, sv, data, metadata, ord),
                 LATERAL (SELECT (r.metadata->>'recordedAt')::timestamptz AS given) g
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
    // Migration 1763780000030 drops whatever es_append there is and creates its own.
    await new RecordedTimeMonotonic1763780000030().up(q);
  }
}
