import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `es_append_streams`: the appends of several streams (an ordered batch, the demo's day, an intake) in one
 * statement — one round trip and, outside an explicit transaction, one commit — instead of one statement per
 * stream in a BEGIN … COMMIT. Each append is the existing `es_append_one` / `es_append_many` (migration
 * 1763820000301) called in turn, so each sees the earlier ones: revisions, positions (the offsets count on
 * through the call) and the recorded-time floor are what the statements one by one would have given.
 *
 * Per append i: p_streams[i], p_expected[i] (as the one-stream statements take it) and p_counts[i] events,
 * flat in p_ids, p_types, p_schema_versions, p_recorded_at; p_data[i] / p_metadata[i] is the event's JSON
 * when it has one event, the JSON array of its events' otherwise. An expected revision that does not hold
 * aborts the whole statement (nothing is appended) with SQLSTATE P0001, message `es-expected-revision` and
 * the append's 1-based index as the detail.
 */
export class AppendStreams1763840000100 implements MigrationInterface {
  name = 'AppendStreams1763840000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION es_append_streams(p_streams text[], p_expected bigint[], p_counts integer[], p_ids uuid[],
                                        p_types text[], p_schema_versions integer[], p_recorded_at timestamptz[],
                                        p_data json[], p_metadata json[])
      RETURNS TABLE (out_position text, out_revision text, out_floor timestamptz) LANGUAGE plpgsql AS $$
      DECLARE
        v_first integer := 1;
        v_last integer;
        v_row record;
      BEGIN
        FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
          v_last := v_first + p_counts[i] - 1;
          IF p_counts[i] = 1 THEN
            SELECT * INTO v_row FROM es_append_one(p_streams[i], p_expected[i], v_first - 1, p_ids[v_first],
              p_types[v_first], p_schema_versions[v_first], p_recorded_at[v_first], p_data[i], p_metadata[i]);
          ELSE
            SELECT * INTO v_row FROM es_append_many(p_streams[i], p_expected[i], v_first - 1, p_ids[v_first:v_last],
              p_types[v_first:v_last], p_schema_versions[v_first:v_last], p_recorded_at[v_first:v_last],
              p_data[i], p_metadata[i]);
          END IF;
          IF v_row.out_position IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'es-expected-revision', DETAIL = i::text;
          END IF;
          out_position := v_row.out_position;
          out_revision := v_row.out_revision;
          out_floor := v_row.out_floor;
          RETURN NEXT;
          v_first := v_last + 1;
        END LOOP;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION es_append_streams(text[], bigint[], integer[], uuid[], text[], integer[], timestamptz[], json[], json[])`,
    );
  }
}
