import { PartialDuplicateAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadLogOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
} from '../event-store.port';
import { Clamped } from '../clamp-log';
import { clampTimes, laterTime, recordedTimeClamps } from '../recorded-time';
import { WakeUps } from '../wake-ups';

/**
 * The event store in memory (内存事件存储): the same contract as the PostgreSQL and EventStoreDB
 * adapters (the contract suite runs against it too), for fast unit tests of command handlers,
 * reactors and projections. Nothing survives the process.
 *
 * Positions are dense here (1, 2, 3, …); the contract only promises that they increase.
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'memory';
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byEventId = new Map<string, RecordedEvent>();
  private readonly wakeUps = new WakeUps();
  private closed = false;

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const stored = events.map((e) => this.byEventId.get(e.id));
    if (stored.every(Boolean)) {
      const last = stored[stored.length - 1]!;
      return { position: last.position, nextExpectedRevision: last.revision };
    }
    if (stored.some(Boolean)) throw new PartialDuplicateAppendError(streamId);
    const { result, clamped } = this.storeAppend(streamId, events, expected);
    if (clamped) recordedTimeClamps.report(streamId, clamped);
    this.wakeUps.signal();
    return result;
  }

  /**
   * Every stream's append or none, in order (a stream may come more than once, each part at the revision
   * the one before it left). A wrong expected revision or an event id stored already undoes the call's
   * earlier parts and throws WrongExpectedRevisionError for that stream, as the PostgreSQL transaction does.
   */
  async appendMany(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[]> {
    const logLength = this.log.length;
    const streamLengths = new Map<string, number>();
    const stored: Array<ReturnType<MemoryEventStore['storeAppend']>> = [];
    try {
      for (const { streamId, events, expected } of appends) {
        if (!streamLengths.has(streamId)) streamLengths.set(streamId, this.streams.get(streamId)?.length ?? 0);
        if (events.some((e) => this.byEventId.has(e.id)))
          throw new WrongExpectedRevisionError(
            streamId,
            String(expected),
            this.currentRevision(streamId) ?? 'no_stream',
          );
        stored.push(this.storeAppend(streamId, events, expected));
      }
    } catch (error) {
      for (const undone of this.log.splice(logLength)) this.byEventId.delete(undone.id);
      for (const [streamId, length] of streamLengths) {
        if (length) this.streams.get(streamId)!.splice(length);
        else this.streams.delete(streamId);
      }
      throw error;
    }
    // Told once all are stored: an undone call recorded nothing.
    stored.forEach(({ clamped }, i) => clamped && recordedTimeClamps.report(appends[i].streamId, clamped));
    if (stored.length) this.wakeUps.signal();
    return stored.map(({ result }) => result);
  }

  private currentRevision(streamId: string): bigint | undefined {
    const stream = this.streams.get(streamId);
    return stream?.length ? stream[stream.length - 1].revision : undefined;
  }

  /** Checks the expected revision and stores the events, their times clamped as `es_append` clamps them. */
  private storeAppend(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): { result: AppendResult; clamped?: Clamped } {
    if (events.length === 0) throw new Error('append needs at least one event');
    const stream = this.streams.get(streamId) ?? [];
    const current = this.currentRevision(streamId);
    const fits = expected === 'any' || (expected === 'no_stream' ? current === undefined : current === expected);
    if (!fits) throw new WrongExpectedRevisionError(streamId, String(expected), current ?? 'no_stream');
    // As es_append: never earlier than the log's newest event nor the stream's last.
    const floor = laterTime(
      this.log[this.log.length - 1]?.metadata.recordedAt,
      stream[stream.length - 1]?.metadata.recordedAt,
    );
    const { events: timed, clamped } = clampTimes(events, floor);
    let revision = current ?? -1n;
    for (const event of timed) {
      const recorded: RecordedEvent = structuredClone({
        ...event,
        streamId,
        revision: ++revision,
        position: BigInt(this.log.length + 1),
      });
      this.log.push(recorded);
      stream.push(recorded);
      this.byEventId.set(recorded.id, recorded);
    }
    this.streams.set(streamId, stream);
    const result = { position: BigInt(this.log.length), nextExpectedRevision: revision };
    return clamped ? { result, clamped } : { result };
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId);
    if (!stream?.length) throw new StreamNotFoundError(streamId);
    return stream.map((e) => structuredClone(e));
  }

  async readLog({ after, limit, types, streamPrefixes, recordedUpTo }: ReadLogOptions): Promise<RecordedEvent[]> {
    const page: RecordedEvent[] = [];
    // Positions are dense: the event after position p sits at index p.
    for (let i = Number((after ?? 0n) < 0n ? 0n : (after ?? 0n)); i < this.log.length && page.length < limit; i++) {
      const event = this.log[i];
      if (types && !types.includes(event.type)) continue;
      if (streamPrefixes && !streamPrefixes.some((p) => event.streamId.startsWith(p))) continue;
      if (recordedUpTo !== undefined && event.metadata.recordedAt > recordedUpTo) continue;
      page.push(structuredClone(event));
    }
    return page;
  }

  async headPosition(): Promise<bigint> {
    return BigInt(this.log.length);
  }

  async lastRecordedAt(): Promise<string | undefined> {
    let latest: string | undefined;
    for (const event of this.log)
      if (latest === undefined || event.metadata.recordedAt > latest) latest = event.metadata.recordedAt;
    return latest;
  }

  async *subscribe({ after, signal }: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    let checkpoint = after ?? -1n;
    while (!signal?.aborted && !this.closed) {
      const generation = this.wakeUps.current;
      const page = await this.readLog({ after: checkpoint, limit: 1000 });
      for (const event of page) {
        if (signal?.aborted) return;
        yield event;
        checkpoint = event.position;
      }
      if (page.length === 0) await this.wakeUps.wait(generation, 1000, signal);
    }
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the memory event store is closed');
  }

  async close(): Promise<void> {
    recordedTimeClamps.flush();
    this.closed = true;
    this.wakeUps.signal();
  }
}
