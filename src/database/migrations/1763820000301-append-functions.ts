import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append statements of src/event-store/postgres/append-sql.ts (as of this migration) as PL/pgSQL functions,
 * for the embedded database. There every statement is sent unnamed (its connections share one session, where
 * a connection's own statement names would clash), so the statement would be parsed and planned on every
 * append; inside a function PL/pgSQL plans it once per session. On a server the adapter sends the statements
 * themselves as named prepared statements, which is cheaper still.
 */
export class AppendFunctions1763820000301 implements MigrationInterface {
  name = 'AppendFunctions1763820000301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION es_append_one(p_stream text, p_expected bigint, p_offset integer, p_id uuid, p_type text,
                                    p_schema_version integer, p_recorded_at timestamptz, p_data json, p_metadata json)
      RETURNS TABLE (out_position text, out_revision text, out_floor timestamptz) LANGUAGE plpgsql AS $$
      BEGIN
        RETURN QUERY
        WITH
        last AS (
          SELECT revision, recorded_at FROM es_events
          WHERE stream_id = p_stream AND p_expected::bigint IS DISTINCT FROM -1
          ORDER BY revision DESC LIMIT 1
        ),
        head AS (
          SELECT coalesce((SELECT revision FROM last), -1) AS current,
                 greatest((SELECT recorded_at FROM last),
                          (SELECT recorded_at FROM es_events ORDER BY position DESC LIMIT 1)) AS floor,
                 pg_current_xact_id()::text::bigint << 16 AS base
        ),
        ins AS (
          INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
          SELECT head.base + p_offset, p_stream, head.current + 1, p_id, p_type, p_schema_version, p_data::json,
        CASE WHEN e.at = p_recorded_at::timestamptz THEN p_metadata::json
          ELSE jsonb_set(p_metadata::json::jsonb, '{recordedAt}',
                         to_jsonb(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::json END, e.at
          FROM head, LATERAL (SELECT greatest(head.floor, p_recorded_at::timestamptz) AS at) e
          WHERE (p_expected::bigint IS NULL OR p_expected::bigint = -1 OR head.current = p_expected::bigint)
          RETURNING position, revision
        )
        SELECT max(position)::text AS out_position, max(revision)::text AS out_revision,
               (SELECT floor FROM head) AS out_floor
        FROM ins;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION es_append_many(p_stream text, p_expected bigint, p_offset integer, p_ids uuid[], p_types text[],
                                     p_schema_versions integer[], p_recorded_at timestamptz[], p_data json, p_metadata json)
      RETURNS TABLE (out_position text, out_revision text, out_floor timestamptz) LANGUAGE plpgsql AS $$
      BEGIN
        RETURN QUERY
        WITH
        last AS (
          SELECT revision, recorded_at FROM es_events
          WHERE stream_id = p_stream AND p_expected::bigint IS DISTINCT FROM -1
          ORDER BY revision DESC LIMIT 1
        ),
        head AS (
          SELECT coalesce((SELECT revision FROM last), -1) AS current,
                 greatest((SELECT recorded_at FROM last),
                          (SELECT recorded_at FROM es_events ORDER BY position DESC LIMIT 1)) AS floor,
                 pg_current_xact_id()::text::bigint << 16 AS base
        ),
        e AS (
          SELECT r.*, greatest(head.floor, max(r.given) OVER (ORDER BY r.ord)) AS at
          FROM head, ROWS FROM (unnest(p_ids::uuid[]), unnest(p_types::text[]), unnest(p_schema_versions::integer[]), unnest(p_recorded_at::timestamptz[]),
                                json_array_elements(p_data::json), json_array_elements(p_metadata::json))
                       WITH ORDINALITY AS r(id, type, sv, given, data, metadata, ord)
          WHERE (p_expected::bigint IS NULL OR p_expected::bigint = -1 OR head.current = p_expected::bigint)
        ),
        ins AS (
          INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
          SELECT head.base + p_offset + e.ord - 1, p_stream, head.current + e.ord, e.id, e.type, e.sv, e.data,
        CASE WHEN e.at = e.given THEN e.metadata
          ELSE jsonb_set(e.metadata::jsonb, '{recordedAt}',
                         to_jsonb(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::json END, e.at
          FROM head, e
          RETURNING position, revision
        )
        SELECT max(position)::text AS out_position, max(revision)::text AS out_revision,
               (SELECT floor FROM head) AS out_floor
        FROM ins;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION es_append_many(text, bigint, integer, uuid[], text[], integer[], timestamptz[], json, json)`,
    );
    await q.query(`DROP FUNCTION es_append_one(text, bigint, integer, uuid, text, integer, timestamptz, json, json)`);
  }
}
