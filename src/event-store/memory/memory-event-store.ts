import { PartialDuplicateAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadLogOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { clampRecordedTimes } from '../recorded-time';
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
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length ? stream[stream.length - 1].revision : undefined;
    const fits = expected === 'any' || (expected === 'no_stream' ? current === undefined : current === expected);
    if (!fits) throw new WrongExpectedRevisionError(streamId, String(expected), current ?? 'no_stream');
    // As es_append: never earlier than the log's newest event nor the stream's last.
    const floors = [
      this.log[this.log.length - 1]?.metadata.recordedAt,
      stream[stream.length - 1]?.metadata.recordedAt,
    ].filter((t): t is string => t !== undefined);
    const floor = floors.length ? floors.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : undefined;
    const clamped = clampRecordedTimes(streamId, events, floor);
    let revision = current ?? -1n;
    for (const event of clamped) {
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
    this.wakeUps.signal();
    return { position: BigInt(this.log.length), nextExpectedRevision: revision };
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
    this.closed = true;
    this.wakeUps.signal();
  }
}
