import { Client, DatabaseError, Pool, PoolClient } from 'pg';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadLogOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../event-store.port';
import { PartialDuplicateAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import { clampTimes, recordedTimeClamps } from '../recorded-time';
import { WakeUps } from '../wake-ups';
import { APPEND_STREAMS_REFUSAL, AppendRow, appendStatement, appendStreamsStatement } from './append-sql';

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
}

export interface PostgresEventStoreOptions {
  /** 'postgres' or 'embedded'; shown in logs and /health. */
  kind: string;
  /** Connection string for a dedicated LISTEN connection (other processes' appends); omit in embedded mode. */
  listenConnectionString?: string;
  /** How often a live subscription polls when no wake-up arrives. */
  pollIntervalMs?: number;
  /** Page size of a catch-up subscription. */
  pageSize?: number;
}

const COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata';
const UNIQUE_VIOLATION = '23505';
const NOTIFY_INTERVAL_MS = 50;
/** Positions are transaction id · 2^16 + offset: a transaction holds at most 2^16 events. */
const EVENTS_PER_TRANSACTION = 65536;

/** The expected revision did not hold (the append statement inserted nothing). */
class ExpectedRevisionNotHeld extends Error {}

/** Event store on PostgreSQL (also serves the embedded PGlite database through the same `pg` driver). */
export class PostgresEventStore implements EventStore {
  readonly kind: string;
  private readonly wakeUps = new WakeUps();
  private listener?: Client;
  private notifyTimer?: NodeJS.Timeout;
  private lastNotifyAt = 0;
  private notifying: Promise<void> = Promise.resolve();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.kind = options.kind;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 2000;
  }

  /** Starts listening for other processes' appends (PostgreSQL mode only). */
  async start(): Promise<void> {
    if (!this.options.listenConnectionString || this.listener) return;
    const listener = new Client({ connectionString: this.options.listenConnectionString });
    listener.on('notification', () => this.wakeUps.signal());
    // A lost LISTEN connection only slows subscribers down to polling; it must not crash the process.
    listener.on('error', () => undefined);
    await listener.connect();
    await listener.query('LISTEN es_events');
    this.listener = listener;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    // 'any' never conflicts: a concurrent append at the same revision just means trying the next one.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.appendOnce(streamId, events, expected);
      } catch (error) {
        if (expected !== 'any' || !(error instanceof WrongExpectedRevisionError) || attempt >= 20) throw error;
      }
    }
  }

  /**
   * Every stream's append statement in one transaction on one connection: one commit however many streams
   * (on the embedded database a commit is the costly part of an append). All or none: a conflict or a
   * duplicate event id rolls back and throws WrongExpectedRevisionError for that stream.
   */
  async appendMany(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[]> {
    if (!appends.length) return [];
    if (appends.length > 1) {
      const answered = await this.appendStreamsInOneStatement(appends);
      if (answered) return answered;
    }
    return this.appendManyStatementByStatement(appends);
  }

  /**
   * Every stream's append in one statement (`es_append_streams`), its own transaction: undefined when an
   * event id or revision was taken meanwhile (a unique violation names no stream), for the statement-by-statement
   * path to find which append it was.
   */
  private async appendStreamsInOneStatement(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[] | undefined> {
    let total = 0;
    for (const { events } of appends) {
      if (events.length === 0) throw tooManyOrNoEvents(events.length);
      total += events.length;
    }
    if (total > EVENTS_PER_TRANSACTION) throw tooManyOrNoEvents(total);
    let rows: AppendRow[];
    try {
      ({ rows } = await this.pool.query<AppendRow>(appendStreamsStatement(appends)));
    } catch (error) {
      if (!(error instanceof DatabaseError)) throw error;
      if (error.code === UNIQUE_VIOLATION) return undefined;
      if (error.message !== APPEND_STREAMS_REFUSAL) throw error;
      const refused = appends[Number(error.detail) - 1];
      throw new WrongExpectedRevisionError(
        refused.streamId,
        String(refused.expected),
        await this.currentRevision(refused.streamId),
      );
    }
    appends.forEach((append, i) => reportClamped(append.streamId, append.events, rows[i]));
    this.announceAppend();
    return rows.map(appendResultOf);
  }

  private async appendManyStatementByStatement(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[]> {
    const client = await this.pool.connect();
    const results: AppendResult[] = [];
    // Told once committed: a rolled-back call recorded nothing.
    const clamps: Array<() => void> = [];
    let current: StreamAppend | undefined;
    let offset = 0;
    try {
      await client.query('BEGIN');
      for (const append of appends) {
        current = append;
        const row = await this.appendStatement(client, append.streamId, append.events, append.expected, offset);
        offset += append.events.length;
        results.push(appendResultOf(row));
        clamps.push(() => reportClamped(append.streamId, append.events, row));
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      if (
        current &&
        (error instanceof ExpectedRevisionNotHeld ||
          (error instanceof DatabaseError && error.code === UNIQUE_VIOLATION))
      )
        throw new WrongExpectedRevisionError(
          current.streamId,
          String(current.expected),
          await this.currentRevision(current.streamId),
        );
      throw error;
    }
    client.release();
    for (const report of clamps) report();
    this.announceAppend();
    return results;
  }

  private async appendOnce(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    try {
      const row = await this.appendStatement(this.pool, streamId, events, expected, 0);
      reportClamped(streamId, events, row);
      this.announceAppend();
      return appendResultOf(row);
    } catch (error) {
      const outcome = await this.translateAppendError(error, streamId, events, expected);
      if ('result' in outcome) return outcome.result;
      throw outcome.error;
    }
  }

  /** One stream's events, `offset` events into the transaction; throws ExpectedRevisionNotHeld when refused. */
  private async appendStatement(
    on: Pool | PoolClient,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    offset: number,
  ): Promise<AppendRow> {
    if (events.length === 0 || offset + events.length > EVENTS_PER_TRANSACTION) throw tooManyOrNoEvents(events.length);
    // On a server a named statement: parsed and planned once per connection, not on every append. Not on
    // the embedded database: its connections share one session, which a connection's own names would clash in;
    // there the statement's function, whose plan PL/pgSQL keeps for the session.
    const named = this.options.kind === 'postgres';
    const statement = appendStatement(streamId, events, expected, offset, named);
    const { rows } = await on.query<AppendRow>({
      ...(named ? { name: statement.many ? 'es_append_many' : 'es_append_one' } : {}),
      text: statement.text,
      values: statement.values,
    });
    if (rows[0].out_position === null) throw new ExpectedRevisionNotHeld(streamId);
    return rows[0];
  }

  /**
   * A conflict on the revision or the event id. If every event id is stored already, this was a retry
   * (perhaps racing the original): it returns the first result. Otherwise it is a real conflict.
   */
  private async translateAppendError(
    error: unknown,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<{ result: AppendResult } | { error: unknown }> {
    const unique = error instanceof DatabaseError && error.code === UNIQUE_VIOLATION;
    if (!unique && !(error instanceof ExpectedRevisionNotHeld)) return { error };
    const stored = await this.pool.query<{ n: string; position: string; revision: string }>(
      'SELECT count(*) AS n, max(position) AS position, max(revision) AS revision FROM es_events WHERE event_id = ANY ($1::uuid[])',
      [events.map((e) => e.id)],
    );
    const found = stored.rows[0];
    if (Number(found.n) === events.length) {
      return { result: { position: BigInt(found.position), nextExpectedRevision: BigInt(found.revision) } };
    }
    if (unique && Number(found.n) > 0) {
      return { error: new PartialDuplicateAppendError(streamId) };
    }
    const actual = await this.currentRevision(streamId);
    return { error: new WrongExpectedRevisionError(streamId, String(expected), actual) };
  }

  /** After a committed append: this process's subscribers wake now, other processes' by NOTIFY. */
  private announceAppend(): void {
    this.wakeUps.signal();
    if (this.options.listenConnectionString) this.notifyOtherProcesses();
  }

  /**
   * Wakes subscribers in other processes. Sent after the append, not inside it: a NOTIFY in the append's
   * own transaction takes a cluster-wide lock at commit and serialises concurrent writers. At most one
   * every NOTIFY_INTERVAL_MS, however many appends: a wake-up is a hint (a lost one only delays a
   * subscriber to its next poll), so one per interval is all a subscriber needs.
   */
  private notifyOtherProcesses(): void {
    if (this.notifyTimer) return;
    const wait = Math.max(0, this.lastNotifyAt + NOTIFY_INTERVAL_MS - Date.now());
    this.notifyTimer = setTimeout(() => {
      this.lastNotifyAt = Date.now();
      this.notifying = this.pool
        .query("SELECT pg_notify('es_events', '')")
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => (this.notifyTimer = undefined));
    }, wait);
    this.notifyTimer.unref();
  }

  private async currentRevision(streamId: string): Promise<bigint | 'no_stream'> {
    const { rows } = await this.pool.query<{ revision: string | null }>('SELECT es_stream_revision($1) AS revision', [
      streamId,
    ]);
    return rows[0].revision === null ? 'no_stream' : BigInt(rows[0].revision);
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    );
    if (rows.length === 0) throw new StreamNotFoundError(streamId);
    return rows.map(toRecordedEvent);
  }

  async readLog({ after, limit, types, streamPrefixes, recordedUpTo }: ReadLogOptions): Promise<RecordedEvent[]> {
    const bound = BigInt(await this.visibleBound());
    const params: unknown[] = [String(after ?? -1n), limit];
    const filters: string[] = [];
    if (types) filters.push(`type = ANY ($${params.push(types)}::text[])`);
    if (streamPrefixes) {
      // Bytewise ranges over the (stream_id, revision) index: [prefix, prefix with its last character + 1).
      const ranges = streamPrefixes.map((prefix) => {
        const from = params.push(prefix);
        const to = params.push(prefixUpperBound(prefix));
        return `(stream_id >= $${from} AND stream_id < $${to})`;
      });
      filters.push(`(${ranges.join(' OR ') || 'false'})`);
    }
    if (recordedUpTo !== undefined) filters.push(`recorded_at <= $${params.push(recordedUpTo)}::timestamptz`);
    // The visibility bound is applied to the ordered page, not in the query: as a range condition it
    // hides the page's size from the planner (before statistics exist), which then sorts the whole table.
    // With stream prefixes the rows come from the (stream_id, revision) index and are then sorted:
    // `position + 0` keeps the planner from walking the whole log in position order to find them.
    const order = streamPrefixes ? 'position + 0' : 'position';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events WHERE position > $1 ${filters.map((f) => `AND ${f}`).join(' ')}
        ORDER BY ${order} LIMIT $2`,
      params,
    );
    const visible = rows.map(toRecordedEvent);
    const end = visible.findIndex((e) => e.position >= bound);
    return end < 0 ? visible : visible.slice(0, end);
  }

  async lastRecordedAt(): Promise<string | undefined> {
    // max over the table, not the newest position: logs written before recorded time was clamped may go back and forth.
    const { rows } = await this.pool.query<{ at: Date | null }>('SELECT max(recorded_at) AS at FROM es_events');
    return rows[0].at ? new Date(rows[0].at).toISOString() : undefined;
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ head: string | null }>(
      'SELECT max(position) AS head FROM es_events WHERE position < $1',
      [await this.visibleBound()],
    );
    return rows[0].head === null ? 0n : BigInt(rows[0].head);
  }

  private async visibleBound(): Promise<string> {
    const { rows } = await this.pool.query<{ bound: string }>('SELECT es_visible_bound() AS bound');
    return rows[0].bound;
  }

  async *subscribe({ after, signal }: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    let checkpoint = after ?? -1n;
    while (!signal?.aborted) {
      const generation = this.wakeUps.current;
      const page = await this.readLog({ after: checkpoint, limit: this.pageSize });
      for (const event of page) {
        if (signal?.aborted) return;
        yield event;
        checkpoint = event.position;
      }
      if (page.length < this.pageSize) await this.wakeUps.wait(generation, this.pollIntervalMs, signal);
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM es_events LIMIT 1');
  }

  async close(): Promise<void> {
    recordedTimeClamps.flush();
    this.wakeUps.signal();
    clearTimeout(this.notifyTimer);
    await this.notifying;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }
}

function tooManyOrNoEvents(count: number): RangeError {
  return new RangeError(
    `an append carries 1 to ${EVENTS_PER_TRANSACTION - 1} events (a transaction at most ${EVENTS_PER_TRANSACTION}), got ${count}`,
  );
}

function appendResultOf(row: AppendRow): AppendResult {
  return { position: BigInt(row.out_position ?? -1), nextExpectedRevision: BigInt(row.out_revision ?? -1) };
}

/** Reports a call whose first event was moved up to the floor (the latest time before it); the events it moved are counted here. */
function reportClamped(streamId: string, events: readonly NewEvent[], row: AppendRow): void {
  if (!row.out_floor) return;
  const floor = row.out_floor;
  const first = new Date(events[0].metadata.recordedAt);
  if (!(floor > first)) return;
  const to = floor.toISOString();
  recordedTimeClamps.report(streamId, {
    events: clampTimes(events, to).clamped?.events ?? 1,
    from: first.toISOString(),
    to,
  });
}

function prefixUpperBound(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1);
  if (last === undefined) return '\u{10FFFF}';
  return prefix.slice(0, -String.fromCodePoint(last).length) + String.fromCodePoint(last + 1);
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
  };
}
