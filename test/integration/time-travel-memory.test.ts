import { DataSource } from 'typeorm';
import { poolOf } from '../../src/database/data-source';
import { deadlineStream } from '../../src/deadlines/deadline.decider';
import { EventStore, NewEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/rebuild/projection-rebuild';
import { DocumentProjection } from '../../src/projections/runner/document-projection';
import { AsOf } from '../../src/projections/time-travel/as-of';
import { AsOfFolder } from '../../src/projections/time-travel/fold-as-of';
import { SnapshotStore } from '../../src/projections/time-travel/snapshot-store';
import { TARGET_EVENT_TYPES } from '../../src/targets/domain/target.types';
import { TargetDocument } from '../../src/targets/read-model/target-document';
import { targetsProjection } from '../../src/targets/read-model/targets.projection';
import { districtYear } from '../bench/district-year';
import { openStoreOnTestDatabase, StoreOnTestDatabase, untilReadable } from '../support/event-store-adapters';
import { databaseKinds } from '../support/test-databases';

const FILTER = {
  types: [...TARGET_EVENT_TYPES, 'ReportDeadlinePassed'],
  streamPrefixes: ['target-tm.', deadlineStream('tm')],
};

/** One small plan's year, and another plan's, in the order the events were recorded. */
function yearInOrder(): Array<{ streamId: string; event: NewEvent }> {
  const all: Array<{ streamId: string; event: NewEvent; i: number }> = [];
  for (const planCode of ['tm', 'other'])
    for (const stream of districtYear(planCode, 2, 3, 5))
      for (const event of stream.events) all.push({ streamId: stream.streamId, event, i: all.length });
  return all.sort((a, b) => a.event.metadata.recordedAt.localeCompare(b.event.metadata.recordedAt) || a.i - b.i);
}

/** The store, counting the events a folder reads from the log. */
function counting(store: EventStore): { store: EventStore; eventsRead: () => number } {
  let read = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readLog')
        return async (...args: Parameters<EventStore['readLog']>) => {
          const events = await target.readLog(...args);
          read += events.length;
          return events;
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, eventsRead: () => read };
}

describe.each(databaseKinds())('"as of" views kept in memory on %s', (kind) => {
  let opened: StoreOnTestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeEach(async () => {
    opened = await openStoreOnTestDatabase(kind, { pollIntervalMs: 20 });
    ({ dataSource, store } = opened);
  });

  afterEach(() => opened.close());

  const byId = (docs: TargetDocument[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));
  const append = async (events: Array<{ streamId: string; event: NewEvent }>) => {
    let position = 0n;
    for (const { streamId, event } of events) position = (await store.append(streamId, [event], 'any')).position;
    await untilReadable(store, position);
    return position;
  };

  it('answers again from memory while nothing it holds came since, and folds again when something did', async () => {
    const snapshots = new SnapshotStore(poolOf(dataSource));
    const { store: counted, eventsRead } = counting(store);
    const warm = new AsOfFolder(counted, snapshots, { snapshotEvery: 10 });
    const fresh = async (asOf: AsOf) =>
      byId(await new AsOfFolder(store, snapshots).foldAsOf(targetsProjection, asOf, FILTER));
    const view = async (asOf: AsOf) => byId(await warm.foldAsOf(targetsProjection, asOf, FILTER));

    const year = yearInOrder();
    const july = year.findIndex((e) => e.event.metadata.recordedAt >= '2021-07-01');
    const august = year.findIndex((e) => e.event.metadata.recordedAt >= '2021-08-01');
    expect(0 < july && july < august).toBe(true);
    const firstHalf = await append(year.slice(0, july));
    const moments: AsOf[] = [
      { time: '2021-05-01T00:00:00.000Z' },
      // After everything recorded so far: events recorded from now on until then belong to it.
      { time: '2021-08-01T00:00:00.000Z' },
      { position: firstHalf },
      { position: 2n ** 62n },
    ];
    const before = [];
    for (const asOf of moments) {
      before.push(await view(asOf));
      expect(before.at(-1)).toEqual(await fresh(asOf));
    }

    let readBefore = eventsRead();
    for (let i = 0; i < moments.length; i++) expect(await view(moments[i])).toEqual(before[i]);
    expect(eventsRead() - readBefore).toBe(0);

    await append(year.slice(july, august));
    readBefore = eventsRead();
    const [may, august1, atFirstHalf, ahead] = moments;
    expect(await view(may)).toEqual(before[0]);
    expect(await view(atFirstHalf)).toEqual(before[2]);
    // Nothing recorded by May came, nor anything up to a position already passed: from memory.
    expect(eventsRead() - readBefore).toBe(0);
    for (const asOf of [august1, ahead]) {
      const now = await view(asOf);
      expect(now).toEqual(await fresh(asOf));
      expect(now).not.toEqual(before[moments.indexOf(asOf)]);
    }
    readBefore = eventsRead();
    for (const asOf of moments) await view(asOf);
    expect(eventsRead() - readBefore).toBe(0);
  });

  it('forgets what it folded when the projection is rebuilt, in this process or another', async () => {
    const pool = poolOf(dataSource);
    const snapshots = new SnapshotStore(pool);
    await append(yearInOrder());
    const asOf = { time: '2021-06-15T00:00:00.000Z' };
    // The same name and version folded by other code: what a rebuild after a fix without a version bump meets.
    const fixed: DocumentProjection<TargetDocument> = {
      ...targetsProjection,
      evolve: (doc, event, key) => {
        const next = targetsProjection.evolve(doc, event, key);
        return next ? { ...next, unitCode: `${next.unitCode}-fixed` } : next;
      },
    };
    const warm = new AsOfFolder(store, snapshots, { snapshotEvery: 10 });
    const old = byId(await warm.foldAsOf(targetsProjection, asOf, FILTER));
    expect(old.length).toBeGreaterThan(0);

    await rebuildProjection(fixed, pool, store);
    const expected = byId(await new AsOfFolder(store).foldAsOf(fixed, asOf, FILTER));
    expect(expected.every((d) => d.unitCode.endsWith('-fixed'))).toBe(true);
    expect(byId(await warm.foldAsOf(fixed, asOf, FILTER))).toEqual(expected);
    expect(byId(await warm.foldAsOf(fixed, { position: await store.headPosition() }, FILTER))).toEqual(
      byId(await new AsOfFolder(store).foldAsOf(fixed, { position: await store.headPosition() }, FILTER)),
    );
  });
});
