import { NewEvent } from '../event-store.port';

/**
 * The append as one plain SQL statement (no PL/pgSQL: nothing to interpret per call, and a named prepared
 * statement is parsed and planned once per connection). Parameters:
 * $1 stream id; $2 expected revision (-1 = a new stream, NULL = any revision, else that revision);
 * $3 the call's offset within its transaction (positions are transaction id · 2^16 + offset);
 * then the events (one event: scalars; several: arrays zipped by `ROWS FROM`, payloads as one JSON array each).
 *
 * One look-up of the stream's last event (skipped for a new stream: the unique (stream_id, revision) index
 * refuses a second revision 0) checks the expected revision; when it does not hold, nothing is inserted and
 * the answer's position is NULL. Recorded time is clamped up to the latest of the log's newest event, the
 * stream's last and every earlier event of the call; only a clamped event's metadata is rewritten.
 * It answers the last event's position and revision, and the floor its times were clamped to.
 */
const LAST_OF_STREAM = `
  last AS (
    SELECT revision, recorded_at FROM es_events
    WHERE stream_id = $1 AND $2::bigint IS DISTINCT FROM -1
    ORDER BY revision DESC LIMIT 1
  ),
  head AS (
    SELECT coalesce((SELECT revision FROM last), -1) AS current,
           greatest((SELECT recorded_at FROM last),
                    (SELECT recorded_at FROM es_events ORDER BY position DESC LIMIT 1)) AS floor,
           pg_current_xact_id()::text::bigint << 16 AS base
  )`;

const EXPECTED_HOLDS = '($2::bigint IS NULL OR $2::bigint = -1 OR head.current = $2::bigint)';

/** The metadata as given, or with `recordedAt` set to the time it was moved up to. */
const metadataAt = (metadata: string, given: string, at: string) => `
  CASE WHEN ${at} = ${given} THEN ${metadata}
    ELSE jsonb_set(${metadata}::jsonb, '{recordedAt}',
                   to_jsonb(to_char(${at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::json END`;

const ANSWER = `
  SELECT max(position)::text AS out_position, max(revision)::text AS out_revision,
         (SELECT floor FROM head) AS out_floor
  FROM ins`;

/** $4 event id, $5 type, $6 schema version, $7 recordedAt, $8 data, $9 metadata. */
export const APPEND_ONE_SQL = `
  WITH ${LAST_OF_STREAM},
  ins AS (
    INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
    SELECT head.base + $3, $1, head.current + 1, $4, $5, $6, $8::json,
           ${metadataAt('$9::json', '$7::timestamptz', 'e.at')}, e.at
    FROM head, LATERAL (SELECT greatest(head.floor, $7::timestamptz) AS at) e
    WHERE ${EXPECTED_HOLDS}
    RETURNING position, revision
  )${ANSWER}`;

/** $4 event ids, $5 types, $6 schema versions, $7 recordedAt times (arrays), $8 data, $9 metadata (JSON arrays). */
export const APPEND_MANY_SQL = `
  WITH ${LAST_OF_STREAM},
  e AS (
    SELECT r.*, greatest(head.floor, max(r.given) OVER (ORDER BY r.ord)) AS at
    FROM head, ROWS FROM (unnest($4::uuid[]), unnest($5::text[]), unnest($6::integer[]), unnest($7::timestamptz[]),
                          json_array_elements($8::json), json_array_elements($9::json))
                 WITH ORDINALITY AS r(id, type, sv, given, data, metadata, ord)
    WHERE ${EXPECTED_HOLDS}
  ),
  ins AS (
    INSERT INTO es_events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
    SELECT head.base + $3 + e.ord - 1, $1, head.current + e.ord, e.id, e.type, e.sv, e.data,
           ${metadataAt('e.metadata', 'e.given', 'e.at')}, e.at
    FROM head, e
    RETURNING position, revision
  )${ANSWER}`;

/**
 * The same statements as functions (migration 1763820000301), for the embedded database: it takes no named
 * statements, and PL/pgSQL plans a function's statement once per session instead of on every call.
 */
const APPEND_ONE_CALL =
  'SELECT out_position, out_revision, out_floor FROM es_append_one($1, $2, $3, $4, $5, $6, $7, $8, $9)';
const APPEND_MANY_CALL =
  'SELECT out_position, out_revision, out_floor FROM es_append_many($1, $2, $3, $4, $5, $6, $7, $8, $9)';

/** What both statements answer; a NULL position: the expected revision did not hold. */
export interface AppendRow {
  out_position: string | null;
  out_revision: string | null;
  out_floor: Date | null;
}

/** $2: the expected revision as the statements take it. */
export function expectedParameter(expected: 'no_stream' | 'any' | bigint): string | null {
  if (expected === 'no_stream') return '-1';
  if (expected === 'any') return null;
  return String(expected);
}

/**
 * The statement and its parameters for one stream's events, `offset` events into the transaction: the
 * statement itself (`named`: to be sent as a named prepared statement) or the call of its function.
 */
export function appendStatement(
  streamId: string,
  events: readonly NewEvent[],
  expected: 'no_stream' | 'any' | bigint,
  offset: number,
  named: boolean,
): { text: string; values: unknown[]; many: boolean } {
  const head = [streamId, expectedParameter(expected), offset];
  if (events.length === 1) {
    const [e] = events;
    return {
      text: named ? APPEND_ONE_SQL : APPEND_ONE_CALL,
      many: false,
      values: [
        ...head,
        e.id,
        e.type,
        e.schemaVersion,
        e.metadata.recordedAt,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      ],
    };
  }
  return {
    text: named ? APPEND_MANY_SQL : APPEND_MANY_CALL,
    many: true,
    values: [
      ...head,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => e.metadata.recordedAt),
      JSON.stringify(events.map((e) => e.data)),
      JSON.stringify(events.map((e) => e.metadata)),
    ],
  };
}

const APPEND_STREAMS_CALL =
  'SELECT out_position, out_revision, out_floor FROM es_append_streams($1, $2, $3, $4, $5, $6, $7, $8, $9)';

/** How `es_append_streams` refuses an expected revision that does not hold (its detail: the append's 1-based index). */
export const APPEND_STREAMS_REFUSAL = 'es-expected-revision';

/**
 * One statement for several streams' appends (migration 1763840000100): the function calls the one-stream
 * statement of each in turn, so the log is the one they would have written one by one, in one round trip.
 */
export function appendStreamsStatement(
  appends: ReadonlyArray<{ streamId: string; events: readonly NewEvent[]; expected: 'no_stream' | 'any' | bigint }>,
): { text: string; values: unknown[] } {
  const events = appends.flatMap((a) => a.events);
  const json = (pick: (e: NewEvent) => unknown) =>
    appends.map((a) => JSON.stringify(a.events.length === 1 ? pick(a.events[0]) : a.events.map(pick)));
  return {
    text: APPEND_STREAMS_CALL,
    values: [
      appends.map((a) => a.streamId),
      appends.map((a) => expectedParameter(a.expected)),
      appends.map((a) => a.events.length),
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => e.metadata.recordedAt),
      json((e) => e.data),
      json((e) => e.metadata),
    ],
  };
}
