import { PassThrough } from 'node:stream';
import {
  AppendExpectedRevision,
  AppendToStreamOptions,
  EventData,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  StreamNotFoundError as EsdbStreamNotFoundError,
  SubscribeToAllOptions,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';
import { PartialDuplicateAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import { EsdbClient, EventStoreDbEventStore } from './eventstoredb-event-store';
import { EventStoreDbPositionError } from './positions';

/**
 * The adapter against an in-memory stand-in for EventStoreDB that behaves as the server does where
 * it matters here: one log of records with {commit, prepare} positions (system records among them),
 * expected-revision checks, idempotent retries answered without a position (as older servers
 * do), stream-not-found, $all reads from a position *inclusive*, and subscriptions that may drop.
 * The contract suite covers the real server.
 */

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: Position;
}

class FakeEventStoreDb {
  readonly log: StoredRecord[] = [];
  private next = 1_000n;
  private appended: Array<() => void> = [];
  /** Per subscription (in order): how many events it delivers before it fails. */
  failSubscriptionsAfter: number[] = [];
  subscriptions: Array<{ fromPosition: unknown; systemFilter: boolean }> = [];
  disposed = false;

  write(streamId: string, type: string, data: unknown = {}, commit?: bigint, prepare?: bigint): StoredRecord {
    const revision = BigInt(this.log.filter((r) => r.streamId === streamId).length);
    const at = commit ?? (this.next += 137n);
    const record: StoredRecord = {
      streamId,
      id: `00000000-0000-4000-8000-${String(this.log.length).padStart(12, '0')}`,
      revision,
      type,
      data,
      metadata: {},
      isJson: true,
      created: new Date(0),
      position: { commit: at, prepare: prepare ?? at },
    };
    this.log.push(record);
    for (const wake of this.appended.splice(0)) wake();
    return record;
  }

  readonly client = {
    appendToStream: async (streamId: string, events: EventData[], options?: AppendToStreamOptions) => {
      const expected: AppendExpectedRevision = options?.expectedRevision ?? 'any';
      const stream = this.log.filter((r) => r.streamId === streamId);
      const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
      const first = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : undefined;
      if (first !== undefined && current !== 'no_stream' && first <= current) {
        const there = stream.slice(Number(first), Number(first) + events.length);
        if (there.length === events.length && there.every((r, i) => r.id === events[i].id)) {
          return { success: true, nextExpectedRevision: there[there.length - 1].revision, position: undefined };
        }
      }
      if (expected !== 'any' && expected !== current) {
        throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected, current });
      }
      let last: StoredRecord | undefined;
      for (const e of events) {
        last = this.write(streamId, e.type, e.data, undefined);
        Object.assign(last, { id: e.id, metadata: e.metadata });
      }
      return { success: true, nextExpectedRevision: last!.revision, position: { ...last!.position } };
    },

    readStream: (streamId: string, options: ReadStreamOptions = {}) => {
      const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : 0n;
      const stream = this.log.filter((r) => r.streamId === streamId);
      const items = stream.filter((r) => r.revision >= from).slice(0, Number(options.maxCount ?? 1_000_000));
      return readable(
        (async function* () {
          if (stream.length === 0) throw new EsdbStreamNotFoundError(undefined, streamId);
          for (const r of items) yield { event: { ...r } };
        })(),
      );
    },

    readAll: (options: ReadAllOptions = {}) => {
      const from = options.fromPosition ?? 'start';
      const max = Number(options.maxCount ?? 1_000_000);
      const items =
        options.direction === 'backwards'
          ? [...this.log].reverse().filter((r) => from === 'end' || before(r.position, from as Position))
          : this.log.filter((r) => from === 'start' || !before(r.position, from as Position));
      return readable(
        (async function* () {
          for (const r of items.slice(0, max)) yield { event: { ...r } };
        })(),
      );
    },

    subscribeToAll: (options: SubscribeToAllOptions = {}) => {
      const failAfter = this.failSubscriptionsAfter[this.subscriptions.length];
      this.subscriptions.push({ fromPosition: options.fromPosition, systemFilter: options.filter !== undefined });
      const fake = this.subscriptionFrom(options.fromPosition ?? 'start', options.filter !== undefined, failAfter);
      return Object.assign(readable(fake), { unsubscribe: async () => undefined });
    },

    dispose: async () => {
      this.disposed = true;
    },
  };

  /** Delivers from `from` INCLUSIVE (a stricter test of the adapter than the server's exclusive start), then live. */
  private async *subscriptionFrom(from: unknown, systemFilter: boolean, failAfter?: number) {
    let index = from === 'start' ? 0 : this.log.findIndex((r) => !before(r.position, from as Position));
    if (index < 0) index = this.log.length;
    let delivered = 0;
    for (;;) {
      while (index < this.log.length) {
        const r = this.log[index++];
        if (systemFilter && r.type.startsWith('$')) continue;
        if (failAfter !== undefined && delivered === failAfter) throw new Error('14 UNAVAILABLE: Connection dropped');
        delivered++;
        yield { event: { ...r } };
      }
      await new Promise<void>((resolve) => this.appended.push(resolve));
    }
  }
}

function before(a: Position, b: Position): boolean {
  return a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
}

/** An object-mode stream fed from `source`, as the client's read and subscription streams are. */
function readable(source: AsyncIterable<unknown>) {
  const out = new PassThrough({ objectMode: true });
  void (async () => {
    try {
      for await (const item of source) {
        if (out.destroyed) return;
        out.write(item);
      }
      out.end();
    } catch (error) {
      // As the client does: emit the error on the stream; what is buffered is still read first.
      out.emit('error', error);
    }
  })();
  return Object.assign(out, { cancel: async () => undefined });
}

const metadata: EventMetadata = {
  actor: { id: 'u-1', username: 'office', displayName: '督查室管理员' },
  commandId: 'c0a80101-0000-4000-8000-000000000001',
  correlationId: 'c0a80101-0000-4000-8000-000000000002',
  causationId: 'c0a80101-0000-4000-8000-000000000003',
  recordedAt: '2021-03-10T08:00:00.000Z',
};

let ids = 0;
function event(type: string, data: unknown = {}): NewEvent {
  ids++;
  return { id: `11111111-2222-4333-8444-${String(ids).padStart(12, '0')}`, type, data, schemaVersion: 1, metadata };
}

function storeOn(fake: FakeEventStoreDb, drops: Array<[unknown, bigint]> = []) {
  return new EventStoreDbEventStore(fake.client as unknown as EsdbClient, {
    resubscribeBaseDelayMs: 5,
    resubscribeMaxDelayMs: 20,
    headScanBatch: 3,
    onSubscriptionDropped: (error, after) => drops.push([error, after]),
  });
}

async function take(store: EventStoreDbEventStore, after: bigint | undefined, count: number): Promise<RecordedEvent[]> {
  const got: RecordedEvent[] = [];
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 2_000);
  try {
    for await (const e of store.subscribe({ after, signal: abort.signal })) {
      got.push(e);
      if (got.length === count) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return got;
}

describe('EventStoreDbEventStore (against an in-memory stand-in)', () => {
  let fake: FakeEventStoreDb;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    fake = new FakeEventStoreDb();
    fake.write('$stats-127.0.0.1:2113', '$statsCollected');
    store = storeOn(fake);
  });

  it('appends and reads a stream back with revisions, positions, metadata and schema version', async () => {
    const first = event('TargetAssigned', { total: '760', unit: '亿元' });
    const second = { ...event('TargetAdjusted', { total: '780' }), schemaVersion: 2 };
    const result = await store.append('target-1', [first, second], 'no_stream');

    expect(result).toEqual({ nextExpectedRevision: 1n, position: 1_411n });
    const read = await store.readStream('target-1');
    expect(read).toEqual([
      { ...first, streamId: 'target-1', revision: 0n, position: 1_274n },
      { ...second, streamId: 'target-1', revision: 1n, position: 1_411n },
    ]);
    expect(fake.log[2].metadata).toEqual({ ...metadata, schemaVersion: 2 });
    expect(store.kind).toBe('eventstoredb');
  });

  it('maps WrongExpectedVersion to WrongExpectedRevisionError with the actual revision or no_stream', async () => {
    await store.append('stale', [event('A')], 'no_stream');
    await store.append('stale', [event('B')], 0n);

    await expect(store.append('stale', [event('C')], 0n)).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      streamId: 'stale',
      expected: '0',
      actual: 1n,
    });
    await expect(store.append('stale', [event('C')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(store.append('absent', [event('C')], 5n)).rejects.toMatchObject({ actual: 'no_stream' });
    expect((await store.readStream('stale')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('answers a retried append with the first result, looking up the position the server leaves out', async () => {
    const events = [event('A'), event('B')];
    const first = await store.append('retry', events, 'no_stream');
    const again = await store.append('retry', events, 'no_stream');
    expect(again).toEqual(first);
    expect(first).toEqual({ nextExpectedRevision: 1n, position: 1_411n });
    expect(await store.readStream('retry')).toHaveLength(2);
  });

  it('tells a partial duplicate from a conflict', async () => {
    const [a, b] = [event('A'), event('B')];
    await store.append('dup', [a, b], 'no_stream');
    await expect(store.append('dup', [a, event('C')], 'no_stream')).rejects.toBeInstanceOf(PartialDuplicateAppendError);
    await expect(store.append('dup', [event('D')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it("appends at 'any' to new and existing streams", async () => {
    expect((await store.append('any', [event('A')], 'any')).nextExpectedRevision).toBe(0n);
    expect((await store.append('any', [event('B'), event('C')], 'any')).nextExpectedRevision).toBe(2n);
  });

  it("reports a stream that does not exist, and refuses an empty append and '$' streams", async () => {
    await expect(store.readStream('missing')).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(store.append('x', [], 'any')).rejects.toBeInstanceOf(RangeError);
    await expect(store.append('$x', [event('A')], 'any')).rejects.toBeInstanceOf(RangeError);
    expect(fake.log).toHaveLength(1);
  });

  it('reads the log in pages after a position, without system events', async () => {
    const start = await store.headPosition();
    expect(start).toBe(0n);
    const written: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      written.push((await store.append(`log-${i}`, [event('Paged', { i })], 'no_stream')).position);
      fake.write('$ce-log', '$>');
    }
    const first = await store.readLog({ after: start, limit: 2 });
    expect(first.map((e) => e.position)).toEqual(written.slice(0, 2));
    const rest = await store.readLog({ after: first[1].position, limit: 10 });
    expect(rest.map((e) => e.position)).toEqual(written.slice(2));
    expect(rest.map((e) => (e.data as { i: number }).i)).toEqual([2, 3, 4]);
    expect(await store.readLog({ after: written[4], limit: 10 })).toEqual([]);
    expect(await store.readLog({ limit: 1 })).toHaveLength(1);
  });

  it('gives the newest application event as head position, past trailing system events', async () => {
    const { position } = await store.append('head', [event('A')], 'no_stream');
    for (let i = 0; i < 7; i++) fake.write('$stats-127.0.0.1:2113', '$statsCollected');
    expect(await store.headPosition()).toBe(position);
  });

  it('subscribes with the system-event filter from a checkpoint, without repeating the checkpoint event', async () => {
    const events = Array.from({ length: 6 }, (_, i) => event('Resume', { i }));
    await store.append('resume', events, 'no_stream');
    const firstHalf = await take(store, undefined, 3);
    const secondHalf = await take(store, firstHalf[2].position, 3);
    expect([...firstHalf, ...secondHalf].map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(fake.subscriptions).toEqual([
      { fromPosition: 'start', systemFilter: true },
      { fromPosition: { commit: firstHalf[2].position, prepare: firstHalf[2].position }, systemFilter: true },
    ]);
  });

  it('resubscribes from the last delivered position after a drop, never repeating or skipping', async () => {
    const drops: Array<[unknown, bigint]> = [];
    store = storeOn(fake, drops);
    fake.failSubscriptionsAfter = [2, 0, 3];
    const events = Array.from({ length: 8 }, (_, i) => event('Live', { i }));
    await store.append('live', events.slice(0, 4), 'no_stream');

    const received: RecordedEvent[] = [];
    const abort = new AbortController();
    const consumer = (async () => {
      for await (const e of store.subscribe({ signal: abort.signal })) {
        received.push(e);
        if (received.length === 8) break;
      }
    })();
    await store.append('live', events.slice(4), 3n);
    const timer = setTimeout(() => abort.abort(), 2_000);
    await consumer;
    clearTimeout(timer);

    expect(received.map((e) => e.id)).toEqual(events.map((e) => e.id));
    for (let i = 1; i < received.length; i++) expect(received[i].position > received[i - 1].position).toBe(true);
    expect(drops.map(([, after]) => after)).toEqual([received[1].position, received[1].position, received[3].position]);
    expect(String(drops[0][0])).toContain('UNAVAILABLE');
    expect(fake.subscriptions.map((s) => s.fromPosition)).toEqual([
      'start',
      { commit: received[1].position, prepare: received[1].position },
      { commit: received[1].position, prepare: received[1].position },
      { commit: received[3].position, prepare: received[3].position },
    ]);
  });

  it('ends a waiting subscription when its signal aborts, and when the store closes', async () => {
    await store.append('idle', [event('A')], 'no_stream');
    const abort = new AbortController();
    const seen: RecordedEvent[] = [];
    const aborted = (async () => {
      for await (const e of store.subscribe({ signal: abort.signal })) seen.push(e);
    })();
    const closed = (async () => {
      for await (const e of store.subscribe()) seen.push(e);
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    abort.abort();
    await aborted;
    await store.close();
    await closed;
    expect(seen.map((e) => e.type)).toEqual(['A', 'A']);
    expect(fake.disposed).toBe(true);
    await expect(store.readStream('idle')).rejects.toThrow('closed');
  });

  it('fails a subscription on an event it cannot position instead of resubscribing forever', async () => {
    fake.write('legacy', 'FromTcpTransaction', {}, 9_000n, 8_900n);
    const drops: Array<[unknown, bigint]> = [];
    store = storeOn(fake, drops);
    await expect(take(store, undefined, 1)).rejects.toBeInstanceOf(EventStoreDbPositionError);
    expect(drops).toEqual([]);
  });
});
