import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, RecordedEvent } from '../../src/event-store/event-store.port';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import { reachableAdapters } from '../support/event-store-adapters';

const { adapters, skipped } = reachableAdapters();
for (const reason of skipped) console.warn(`[contract] event-store adapter skipped — ${reason}`);

// Stream names are unique per test: an EventStoreDB under test is shared and never emptied.
const run = randomUUID().slice(0, 8);
let counter = 0;
const streamName = (prefix: string) => `${prefix}-${run}-${++counter}`;

function event(type: string, data: unknown, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    schemaVersion: 1,
    metadata: {
      actor: { id: 'u-1', username: 'office', displayName: '督查室管理员' },
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: '2021-03-10T08:00:00.000Z',
      reason: '年中调整',
      documentRef: '嘉府发〔2021〕1号',
    },
    ...overrides,
  };
}

async function visibleUpTo(store: EventStore, position: bigint): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline) throw new Error(`position ${position} did not become readable`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(adapters)('event store contract: $name', (adapter) => {
  let store: EventStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, close } = await adapter.open());
  });
  afterAll(async () => {
    await close();
  });

  it('appends to a new stream and reads it back with revisions, positions and metadata', async () => {
    const stream = streamName('target');
    const first = event('TargetAssigned', { total: '760', unit: '亿元' });
    const second = event('TargetAdjusted', { total: '780' });
    const result = await store.append(stream, [first, second], 'no_stream');
    expect(result.nextExpectedRevision).toBe(1n);

    const read = await store.readStream(stream);
    expect(read.map((e) => [e.id, e.type, e.revision])).toEqual([
      [first.id, 'TargetAssigned', 0n],
      [second.id, 'TargetAdjusted', 1n],
    ]);
    expect(read[1].position).toBe(result.position);
    expect(read[0].position < read[1].position).toBe(true);
    expect(read[0].metadata).toEqual(first.metadata);
    expect(read[0].schemaVersion).toBe(1);
    expect(read[0].streamId).toBe(stream);
  });

  it('never records a time earlier than the stream’s last: an earlier recordedAt is moved up to it', async () => {
    const stream = streamName('monotonic');
    const at =
      (iso: string) =>
      (e: NewEvent): NewEvent => ({ ...e, metadata: { ...e.metadata, recordedAt: iso } });
    // The suite's own time (the latest any of its events carries), so later tests' events are not moved.
    const last = '2021-03-10T08:00:00.000Z';
    await store.append(stream, [at(last)(event('A', {}))], 'no_stream');
    // A restarted simulated clock: the next command says an earlier time.
    await store.append(
      stream,
      [at('2021-03-09T01:00:11.000Z')(event('B', {})), at('2021-03-09T01:00:12.000Z')(event('C', {}))],
      0n,
    );
    const times = (await store.readStream(stream)).map((e) => e.metadata.recordedAt);
    expect(times).toEqual([last, last, last]);
  });

  it('refuses an append at a stale revision and one to an existing stream expected to be new', async () => {
    const stream = streamName('stale');
    await store.append(stream, [event('A', {})], 'no_stream');
    await store.append(stream, [event('B', {})], 0n);

    await expect(store.append(stream, [event('C', {})], 0n)).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      actual: 1n,
    });
    await expect(store.append(stream, [event('C', {})], 'no_stream')).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(store.append(streamName('absent'), [event('C', {})], 5n)).rejects.toMatchObject({
      actual: 'no_stream',
    });
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it("appends at 'any' revision to new and existing streams", async () => {
    const stream = streamName('any');
    expect((await store.append(stream, [event('A', {})], 'any')).nextExpectedRevision).toBe(0n);
    expect((await store.append(stream, [event('B', {}), event('C', {})], 'any')).nextExpectedRevision).toBe(2n);
  });

  it('lets exactly one of 8 concurrent writers win each revision', async () => {
    const stream = streamName('race');
    const revisions = 10;
    for (let revision = 0; revision < revisions; revision++) {
      const expected = revision === 0 ? 'no_stream' : BigInt(revision - 1);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, writer) => store.append(stream, [event('Race', { writer, revision })], expected)),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedRevisionError);
    }
    const read = await store.readStream(stream);
    expect(read.map((e) => e.revision)).toEqual(Array.from({ length: revisions }, (_, i) => BigInt(i)));
  });

  it('makes a retried append harmless: same result, nothing written twice', async () => {
    const stream = streamName('retry');
    const events = [event('A', { n: 1 }), event('B', { n: 2 })];
    const first = await store.append(stream, events, 'no_stream');
    const again = await store.append(stream, events, 'no_stream');
    expect(again).toEqual(first);
    const concurrent = await Promise.all(Array.from({ length: 4 }, () => store.append(stream, events, 'no_stream')));
    for (const result of concurrent) expect(result).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('reports a stream that does not exist', async () => {
    await expect(store.readStream(streamName('missing'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('round-trips Chinese text and a 100 KB payload unchanged', async () => {
    const stream = streamName('payload');
    const chinese = {
      indicator: '规模以上工业总产值',
      unit: '亿元',
      narrative: '一季度受疫情影响，进度略缓；“十四五”开局之年 — 全力以赴。🚀 \\ "quoted" \n newline',
    };
    const big = {
      blob: '督'.repeat(20_000) + 'x'.repeat(40_000),
      list: Array.from({ length: 500 }, (_, i) => `第${i}项`),
    };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(100_000);
    await store.append(stream, [event('Chinese', chinese), event('Big', big)], 'no_stream');
    const [readChinese, readBig] = await store.readStream(stream);
    expect(readChinese.data).toEqual(chinese);
    expect(readBig.data).toEqual(big);
    expect(JSON.stringify(readBig.data)).toBe(JSON.stringify(big));
  });

  it('reads the global log in pages, in position order', async () => {
    const stream = streamName('log');
    const start = await store.headPosition();
    const events = Array.from({ length: 25 }, (_, i) => event('Paged', { i }));
    const { position: end } = await store.append(stream, events, 'no_stream');
    // Events become readable once every older transaction in the cluster has finished (another
    // suite's open transaction can hold them back for a moment).
    await visibleUpTo(store, end);

    const seen: RecordedEvent[] = [];
    let after = start;
    for (;;) {
      const page = await store.readLog({ after, limit: 7 });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(7);
      seen.push(...page);
      after = page[page.length - 1].position;
      if (after >= end) break;
    }
    const typed = await store.readLog({ after: start, limit: 100, types: ['Paged'] });
    expect(typed.filter((e) => e.streamId === stream)).toHaveLength(25);
    expect(typed.every((e) => e.type === 'Paged')).toBe(true);
    const other = streamName('log');
    await visibleUpTo(store, (await store.append(other, [event('Paged', {})], 'no_stream')).position);
    const byPrefix = await store.readLog({ after: start, limit: 100, streamPrefixes: [stream, `${stream}-none`] });
    expect(byPrefix.map((e) => e.streamId)).toEqual(Array(25).fill(stream));
    const mine = seen.filter((e) => e.streamId === stream);
    expect(mine.map((e) => (e.data as { i: number }).i)).toEqual(events.map((_, i) => i));
    for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
  });

  it('reads only events recorded up to a time when asked (the tail of an as-of view)', async () => {
    const stream = streamName('recorded');
    const start = await store.headPosition();
    // The suite's own time: every event of the suite is recorded at it (an earlier one would be moved up).
    const { position } = await store.append(stream, [event('A', {}), event('B', {})], 'no_stream');
    await visibleUpTo(store, position);
    const read = (recordedUpTo: string) =>
      store.readLog({ after: start, limit: 100, streamPrefixes: [stream], recordedUpTo });
    expect(await read('2021-03-10T07:59:59.999Z')).toEqual([]);
    expect((await read('2021-03-10T08:00:00.000Z')).map((e) => e.type)).toEqual(['A', 'B']);
    expect((await read('2021-03-11T00:00:00.000Z')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('delivers every event exactly once, in position order, to a subscriber running while 8 writers append 5,000 events', async () => {
    const writers = 8;
    const perWriter = 625;
    const start = await store.headPosition();
    const expectedIds = new Set<string>();
    const abort = new AbortController();
    const received: RecordedEvent[] = [];
    const tag = streamName('load');

    const subscriber = (async () => {
      for await (const e of store.subscribe({ after: start, signal: abort.signal })) {
        if (!e.streamId.startsWith(tag)) continue;
        received.push(e);
        if (received.length >= writers * perWriter) break;
      }
    })();

    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < perWriter; i++) {
          const e = event('Load', { writer, i });
          expectedIds.add(e.id);
          // Many streams: each writer spreads its events over 25 streams of its own.
          const stream = `${tag}-w${writer}-s${i % 25}`;
          await store.append(stream, [e], i < 25 ? 'no_stream' : BigInt(Math.floor(i / 25) - 1));
        }
      }),
    );

    const timeout = setTimeout(() => abort.abort(), 60_000);
    await subscriber;
    clearTimeout(timeout);

    expect(received).toHaveLength(writers * perWriter);
    expect(new Set(received.map((e) => e.id))).toEqual(expectedIds);
    for (let i = 1; i < received.length; i++) expect(received[i].position > received[i - 1].position).toBe(true);
  });

  describe('appendMany (several streams in one transaction)', () => {
    // EventStoreDB has no transaction across streams: its adapter offers no appendMany, and callers
    // (the command batches, the demo writer) append stream by stream there.
    const many = () => {
      if (!store.appendMany) throw new Error(`${adapter.name} offers no appendMany`);
      return store.appendMany.bind(store);
    };
    const maybe = adapter.name === 'eventstoredb' ? it.skip : it;
    const types = async (stream: string) => (await store.readStream(stream).catch(() => [])).map((e) => e.type);

    maybe('appends every stream, in the order given, a stream twice at the revision its first part left', async () => {
      const existing = streamName('many-existing');
      await store.append(existing, [event('A', {})], 'no_stream');
      const fresh = streamName('many-new');
      const start = await store.headPosition();
      const results = await many()([
        { streamId: fresh, events: [event('N1', {}), event('N2', {})], expected: 'no_stream' },
        { streamId: existing, events: [event('B', {})], expected: 0n },
        { streamId: fresh, events: [event('N3', {})], expected: 1n },
        { streamId: streamName('many-any'), events: [event('Y', {})], expected: 'any' },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 1n, 2n, 0n]);
      for (let i = 1; i < results.length; i++) expect(results[i].position > results[i - 1].position).toBe(true);
      expect(await types(fresh)).toEqual(['N1', 'N2', 'N3']);
      expect(await types(existing)).toEqual(['A', 'B']);
      const [read] = (await store.readStream(existing)).slice(1);
      expect(read.position).toBe(results[1].position);

      await visibleUpTo(store, results[3].position);
      const log = await store.readLog({ after: start, limit: 100, types: ['N1', 'N2', 'B', 'N3', 'Y'] });
      expect(log.map((e) => e.type)).toEqual(['N1', 'N2', 'B', 'N3', 'Y']);
      expect(await many()([])).toEqual([]);
    });

    maybe('appends nothing when one stream is refused: a stale revision, an existing stream expected new', async () => {
      const existing = streamName('many-stale');
      await store.append(existing, [event('A', {})], 'no_stream');
      await store.append(existing, [event('B', {})], 0n);
      for (const expected of [0n, 'no_stream' as const, 5n]) {
        const before = streamName('many-before');
        const after = streamName('many-after');
        await expect(
          many()([
            { streamId: before, events: [event('X', {})], expected: 'no_stream' },
            { streamId: existing, events: [event('C', {})], expected },
            { streamId: after, events: [event('Z', {})], expected: 'no_stream' },
          ]),
        ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', streamId: existing, actual: 1n });
        expect(await types(before)).toEqual([]);
        expect(await types(after)).toEqual([]);
        await expect(store.readStream(before)).rejects.toBeInstanceOf(StreamNotFoundError);
      }
      expect(await types(existing)).toEqual(['A', 'B']);
      // A stream that does not exist, expected at a revision.
      const absent = streamName('many-absent');
      await expect(many()([{ streamId: absent, events: [event('C', {})], expected: 3n }])).rejects.toMatchObject({
        streamId: absent,
        actual: 'no_stream',
      });
      // Whatever was refused left the store as it was: the same appends succeed afterwards.
      const retried = streamName('many-retried');
      await many()([
        { streamId: retried, events: [event('X', {})], expected: 'no_stream' },
        { streamId: existing, events: [event('C', {})], expected: 1n },
      ]);
      expect(await types(retried)).toEqual(['X']);
      expect(await types(existing)).toEqual(['A', 'B', 'C']);
    });

    maybe('refuses the whole call when an event id is stored already (in any of its streams)', async () => {
      const stream = streamName('many-dup');
      const stored = event('A', {});
      await store.append(stream, [stored], 'no_stream');
      const other = streamName('many-dup-other');
      await expect(
        many()([
          { streamId: other, events: [event('X', {})], expected: 'no_stream' },
          { streamId: stream, events: [stored], expected: 0n },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await types(other)).toEqual([]);
      expect(await types(stream)).toEqual(['A']);
    });

    maybe('stores each event’s data and metadata as given, quotes, backslashes and Chinese text included', async () => {
      const one = streamName('many-data');
      const two = streamName('many-data');
      const tricky = { text: '引号 "quoted" \\ back\\slash {braces}, 逗号', nested: { list: [1, '2', null] } };
      const given = [event('One', tricky), event('Two', { n: '1.50' }), event('Three', { empty: '' })];
      await many()([
        { streamId: one, events: [given[0]], expected: 'no_stream' },
        { streamId: two, events: given.slice(1), expected: 'no_stream' },
      ]);
      const read = [...(await store.readStream(one)), ...(await store.readStream(two))];
      expect(read.map((e) => e.data)).toEqual(given.map((e) => e.data));
      expect(read.map((e) => e.id)).toEqual(given.map((e) => e.id));
      expect(read.map((e) => e.metadata.commandId)).toEqual(given.map((e) => e.metadata.commandId));
    });

    maybe('moves an earlier recordedAt up to the latest time before it, as a single append does', async () => {
      const first = streamName('many-time');
      const second = streamName('many-time');
      const at = (iso: string, e: NewEvent): NewEvent => ({ ...e, metadata: { ...e.metadata, recordedAt: iso } });
      const last = '2021-03-10T08:00:00.000Z';
      await many()([
        { streamId: first, events: [at(last, event('A', {}))], expected: 'no_stream' },
        { streamId: second, events: [at('2021-03-09T00:00:00.000Z', event('B', {}))], expected: 'no_stream' },
      ]);
      expect((await store.readStream(second)).map((e) => e.metadata.recordedAt)).toEqual([last]);
    });
  });

  it('resumes a subscription from a checkpoint without repeating or skipping', async () => {
    const stream = streamName('resume');
    const events = Array.from({ length: 6 }, (_, i) => event('Resume', { i }));
    const start = await store.headPosition();
    await store.append(stream, events, 'no_stream');
    const take = async (after: bigint, count: number) => {
      const got: RecordedEvent[] = [];
      const abort = new AbortController();
      for await (const e of store.subscribe({ after, signal: abort.signal })) {
        if (e.streamId !== stream) continue;
        got.push(e);
        if (got.length === count) break;
      }
      return got;
    };
    const firstHalf = await take(start, 3);
    const secondHalf = await take(firstHalf[2].position, 3);
    expect([...firstHalf, ...secondHalf].map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
});
