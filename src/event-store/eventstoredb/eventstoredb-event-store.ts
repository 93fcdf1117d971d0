import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  Position,
  ReadPosition,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
} from '@eventstore/db-client';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadLogOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { PartialDuplicateAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import { resubscribeDelayMs, sleep } from './backoff';
import { clampRecordedTimes, laterTime, recordedTimeClamps } from '../recorded-time';
import { withKeepAlive } from './connection-string';
import { EsdbRecordedEventLike, assertAppendable, fromEsdbEvent, isUserEvent, toEsdbEvent } from './event-mapping';
import { classifyRetry } from './idempotency';
import {
  EventStoreDbPositionError,
  appendedPositionOf,
  globalPositionOf,
  isAfter,
  isBefore,
  readStartAfter,
} from './positions';
import { describeExpectedRevision, firstRevisionOf, toActualRevision, toEsdbExpectedRevision } from './revisions';

/** The part of the EventStoreDB client this adapter uses (a fake can stand in for it in tests). */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

export interface EventStoreDbEventStoreOptions {
  /** First delay before resubscribing after a subscription drops; doubles per consecutive drop. */
  resubscribeBaseDelayMs?: number;
  /** Longest delay between resubscription attempts. */
  resubscribeMaxDelayMs?: number;
  /** How long `ping` waits for an answer. */
  pingTimeoutMs?: number;
  /** Events read per round trip when `headPosition` scans back past system events. */
  headScanBatch?: number;
  /** Told about every dropped subscription before it resubscribes (default: one console.warn line). */
  onSubscriptionDropped?: (error: unknown, resumeAfter: bigint) => void;
}

const MIN_READ_BATCH = 32;
const MAX_READ_BATCH = 4096;

/**
 * Event store on EventStoreDB (gRPC client `@eventstore/db-client` v6).
 *
 * - Streams are EventStoreDB streams; an event keeps its NewEvent id, type and JSON data; its
 *   EventStoreDB metadata is the port's metadata plus `schemaVersion`.
 * - Optimistic concurrency is EventStoreDB's expected revision (bigint → that revision,
 *   'no_stream' → NO_STREAM, 'any' → ANY). A retried append whose ids are stored at the revisions it
 *   aimed for is answered by EventStoreDB idempotently (nothing written) with the first result.
 * - The global log is `$all` without system events (`$`-prefixed types and streams); positions are
 *   `$all` commit positions (see positions.ts for why they are unique per event).
 * - `subscribe` is a catch-up subscription to `$all` with a server-side system-event filter,
 *   consumed with `for await`; when it drops it resubscribes from the last delivered position.
 *
 * Needs EventStoreDB 22.10 or later (stream reads must carry log positions) and a user allowed to
 * read `$all`.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly closing = new AbortController();
  private readonly liveSubscriptions = new Set<AllStreamSubscription>();
  private readonly resubscribeBaseDelayMs: number;
  private readonly resubscribeMaxDelayMs: number;
  private readonly pingTimeoutMs: number;
  private readonly headScanBatch: number;
  private highWater?: string;
  private highWaterRead = false;
  private readonly onSubscriptionDropped: (error: unknown, resumeAfter: bigint) => void;

  constructor(
    private readonly client: EsdbClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.resubscribeBaseDelayMs = options.resubscribeBaseDelayMs ?? 250;
    this.resubscribeMaxDelayMs = options.resubscribeMaxDelayMs ?? 5_000;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
    this.headScanBatch = Math.max(2, options.headScanBatch ?? 256);
    this.onSubscriptionDropped =
      options.onSubscriptionDropped ??
      ((error, resumeAfter) =>
        console.warn(
          `[eventstoredb] subscription to $all dropped (${describeError(error)}); ` +
            `resubscribing after position ${resumeAfter}`,
        ));
  }

  /**
   * Connects with `EventStoreDBClient.connectionString` (gRPC keep-alive 10 s / 10 s added unless the
   * string sets it) and checks the server answers.
   */
  static async connect(
    connectionString: string,
    options: EventStoreDbEventStoreOptions = {},
  ): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(withKeepAlive(connectionString));
    const store = new EventStoreDbEventStore(client, options);
    try {
      await store.ping();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new RangeError(`An append to '${streamId}' carries no events`);
    assertAppendable(streamId, events);
    const expectedRevision = toEsdbExpectedRevision(expected);
    const timed = clampRecordedTimes(
      streamId,
      events,
      laterTime(await this.logHighWater(), await this.streamLastRecordedAt(streamId, expected)),
    );
    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamId, timed.map(toEsdbEvent), { expectedRevision });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return this.resolveConflict(streamId, events, expected, error);
      throw error;
    }
    // Older servers answer an idempotent retry without a position (AlreadyCommitted → -1): look it up.
    const position =
      appendedPositionOf(result.position) ?? (await this.positionAt(streamId, result.nextExpectedRevision));
    this.highWater = laterTime(this.highWater, timed[timed.length - 1].metadata.recordedAt);
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  }

  /** The newest recorded time in the log as this process knows it: read once from the log's end, then kept. */
  private async logHighWater(): Promise<string | undefined> {
    if (this.highWaterRead) return this.highWater;
    const newest = await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 100 }));
    for (const resolved of newest) {
      const event = resolved.event;
      if (!event || event.streamId.startsWith('$') || event.type.startsWith('$')) continue;
      this.highWater = laterTime(this.highWater, (event.metadata as { recordedAt?: string } | undefined)?.recordedAt);
    }
    this.highWaterRead = true;
    return this.highWater;
  }

  /** The recorded time of the event an append at a revision follows (the one the expected-revision check names). */
  private async streamLastRecordedAt(streamId: string, expected: ExpectedRevision): Promise<string | undefined> {
    if (typeof expected !== 'bigint') return undefined;
    const [last] = await this.readRange(streamId, expected, 1);
    return (last?.metadata as { recordedAt?: string } | undefined)?.recordedAt;
  }

  /**
   * EventStoreDB refuses a retry that repeats only some stored ids (or races its original) with
   * WrongExpectedVersion, like a real conflict. Look at the revisions the append aimed for to tell
   * a completed retry, a partial duplicate and a conflict apart, as the PostgreSQL adapter does.
   */
  private async resolveConflict(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    error: WrongExpectedVersionError,
  ): Promise<AppendResult> {
    const actual = toActualRevision(error.actualVersion);
    const first = firstRevisionOf(expected);
    if (first !== undefined && actual !== 'no_stream' && actual >= first) {
      const stored = await this.readRange(streamId, first, events.length);
      const outcome = classifyRetry(
        events.map((e) => e.id),
        stored.map((e) => e.id),
      );
      if (outcome === 'all') {
        const last = stored[stored.length - 1];
        return { nextExpectedRevision: last.revision, position: globalPositionOf(last.position) };
      }
      if (outcome === 'some') throw new PartialDuplicateAppendError(streamId);
    }
    throw new WrongExpectedRevisionError(streamId, describeExpectedRevision(expected), actual);
  }

  private async positionAt(streamId: string, revision: bigint): Promise<bigint> {
    const [event] = await this.readRange(streamId, revision, 1);
    if (!event) throw new Error(`EventStoreDB reported revision ${revision} of '${streamId}' but it cannot be read`);
    return globalPositionOf(event.position, `event ${event.id} in '${streamId}'`);
  }

  /** Up to `count` events of a stream from `fromRevision` on; none when the stream does not exist. */
  private async readRange(streamId: string, fromRevision: bigint, count: number): Promise<EsdbRecordedEventLike[]> {
    try {
      const resolved = await collect(this.client.readStream(streamId, { fromRevision, maxCount: count }));
      return resolved.flatMap((r) => (r.event ? [r.event] : []));
    } catch (error) {
      if (isMissingStream(error)) return [];
      throw error;
    }
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    let events: RecordedEvent[];
    try {
      const resolved = await collect(this.client.readStream(streamId));
      events = resolved.flatMap((r) => (r.event ? [fromEsdbEvent(r.event)] : []));
    } catch (error) {
      if (isMissingStream(error)) throw new StreamNotFoundError(streamId);
      throw error;
    }
    if (events.length === 0) throw new StreamNotFoundError(streamId);
    return events;
  }

  async readLog({ after, limit, types, streamPrefixes, recordedUpTo }: ReadLogOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (limit <= 0) return [];
    const lowerBound = after ?? -1n;
    const page: RecordedEvent[] = [];
    let from: ReadPosition = readStartAfter(after);
    while (page.length < limit) {
      // A read of $all from a position includes the event at it, and system events are dropped
      // here (the client's readAll has no filter): ask for a little more than is missing.
      const batchSize = Math.min(Math.max(limit - page.length, MIN_READ_BATCH), MAX_READ_BATCH) + 1;
      const batch = await collect(this.client.readAll({ fromPosition: from, maxCount: batchSize }));
      let last: Position | undefined;
      for (const { event } of batch) {
        if (!event || !isAfter(event.position, from)) continue;
        last = event.position;
        if (!isUserEvent(event)) continue;
        const recorded = fromEsdbEvent(event);
        if (types && !types.includes(recorded.type)) continue;
        if (streamPrefixes && !streamPrefixes.some((prefix) => recorded.streamId.startsWith(prefix))) continue;
        if (recordedUpTo !== undefined && recorded.metadata.recordedAt > recordedUpTo) continue;
        if (recorded.position > lowerBound && page.length < limit) page.push(recorded);
      }
      if (batch.length < batchSize || last === undefined) break;
      from = last;
    }
    return page;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      const batch = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: this.headScanBatch }),
      );
      let last: Position | undefined;
      for (const { event } of batch) {
        if (!event || !isBefore(event.position, from)) continue;
        last = event.position;
        if (isUserEvent(event)) return globalPositionOf(event.position, `event ${event.id} in '${event.streamId}'`);
      }
      if (batch.length < this.headScanBatch || last === undefined) return 0n;
      from = last;
    }
  }

  async *subscribe({ after, signal }: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    let checkpoint = after ?? -1n;
    let drops = 0;
    const stopped = () => this.closing.signal.aborted || signal?.aborted === true;
    while (!stopped()) {
      const subscription = this.client.subscribeToAll({
        fromPosition: readStartAfter(checkpoint),
        filter: excludeSystemEvents(),
      });
      this.liveSubscriptions.add(subscription);
      const stop = () => void stopSubscription(subscription);
      signal?.addEventListener('abort', stop, { once: true });
      let dropError: unknown;
      try {
        for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
          if (stopped()) return;
          const event = resolved.event;
          if (!event || !isUserEvent(event)) continue;
          const recorded = fromEsdbEvent(event);
          // Whatever the server's start semantics, never hand out a position twice.
          if (recorded.position <= checkpoint) continue;
          drops = 0;
          yield recorded;
          checkpoint = recorded.position;
        }
        dropError = new Error('the subscription ended');
      } catch (error) {
        if (error instanceof EventStoreDbPositionError) throw error;
        dropError = error;
      } finally {
        signal?.removeEventListener('abort', stop);
        this.liveSubscriptions.delete(subscription);
        await stopSubscription(subscription);
      }
      if (stopped()) return;
      this.onSubscriptionDropped(dropError, checkpoint);
      await sleep(
        resubscribeDelayMs(drops++, this.resubscribeBaseDelayMs, this.resubscribeMaxDelayMs),
        signal,
        this.closing.signal,
      );
    }
  }

  async lastRecordedAt(): Promise<string | undefined> {
    this.assertOpen();
    this.highWaterRead = false;
    return this.logHighWater();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    const answered = collect(read);
    answered.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`EventStoreDB did not answer within ${this.pingTimeoutMs} ms`)),
        this.pingTimeoutMs,
      );
    });
    try {
      await Promise.race([answered, timedOut]);
    } catch (error) {
      await read.cancel().catch(() => undefined);
      read.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    recordedTimeClamps.flush();
    this.closing.abort();
    const subscriptions = [...this.liveSubscriptions];
    this.liveSubscriptions.clear();
    await Promise.all(subscriptions.map(stopSubscription));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new Error('The EventStoreDB event store is closed');
  }
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/**
 * Ends a subscription: destroying the readable settles a pending `for await` (the client ignores
 * the cancellation error of its own gRPC call and would otherwise leave it waiting), and
 * `unsubscribe` cancels the gRPC call.
 */
async function stopSubscription(subscription: AllStreamSubscription): Promise<void> {
  subscription.destroy();
  await subscription.unsubscribe().catch(() => undefined);
}

function isMissingStream(error: unknown): boolean {
  return error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
