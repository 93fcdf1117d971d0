import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { poolOf } from '../../src/database/data-source';
import { deadlineStream } from '../../src/deadlines/deadline.decider';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/rebuild/projection-rebuild';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner';
import { AsOfFolder } from '../../src/projections/time-travel/fold-as-of';
import { SnapshotStore } from '../../src/projections/time-travel/snapshot-store';
import { TARGET_EVENT_TYPES } from '../../src/targets/domain/target.types';
import { TargetDocument } from '../../src/targets/read-model/target-document';
import { targetsProjection } from '../../src/targets/read-model/targets.projection';
import { districtYear } from '../bench/district-year';
import { openStoreOnTestDatabase, StoreOnTestDatabase } from '../support/event-store-adapters';
import { databaseKinds } from '../support/test-databases';

const FILTER = {
  types: [...TARGET_EVENT_TYPES, 'ReportDeadlinePassed'],
  streamPrefixes: ['target-tt.', deadlineStream('tt')],
};

function deadline(period: string, recordedAt: string): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: 'ReportDeadlinePassed',
    schemaVersion: 1,
    data: { planCode: 'tt', period, dueDate: `${period}-28` },
    metadata: {
      actor: { id: 'system', username: 'system', displayName: '系统' },
      commandId: id,
      correlationId: id,
      causationId: id,
      recordedAt,
    },
  };
}

/**
 * A year of one small plan in the order it happened (reports month by month, deadlines after each
 * month's reports), with another plan's events in between that the view must leave out.
 */
function yearInOrder(): Array<{ streamId: string; event: NewEvent }> {
  const all: Array<{ streamId: string; event: NewEvent }> = [];
  for (const planCode of ['tt', 'other']) {
    let n = 0;
    for (const stream of districtYear(planCode, 3, 4, 3)) {
      n++;
      // Targets stop reporting at different months, so some periods end overdue.
      const events = stream.streamId.startsWith('target-')
        ? stream.events.slice(0, 2 + ((n * 5) % (stream.events.length - 1)))
        : stream.events;
      for (const event of events) all.push({ streamId: stream.streamId, event });
    }
  }
  for (let month = 1; month <= 6; month++) {
    const period = `2021-${String(month).padStart(2, '0')}`;
    all.push({
      streamId: deadlineStream('tt'),
      event: deadline(period, new Date(Date.UTC(2021, month, 6, 2)).toISOString()),
    });
  }
  // Stable by time: a stream's own events keep their order (equal times stay as generated).
  return all
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.event.metadata.recordedAt.localeCompare(b.event.metadata.recordedAt) || a.i - b.i);
}

describe.each(databaseKinds())('time travel (foldAsOf with snapshots) on %s', (kind) => {
  let opened: StoreOnTestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeEach(async () => {
    opened = await openStoreOnTestDatabase(kind, { pollIntervalMs: 20 });
    ({ dataSource, store } = opened);
  });

  afterEach(() => opened.close());

  const byId = (docs: TargetDocument[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));

  it('at every position of the log the as-of view equals the live view at that position, by position and by time', async () => {
    const pool = poolOf(dataSource);
    const snapshots = new SnapshotStore(pool);
    // Snapshots every few events, so views start from many of them; one folder remembers them, the other reads them stored.
    const warm = new AsOfFolder(store, snapshots, { snapshotEvery: 7 });
    const runner = new ProjectionRunner(targetsProjection, pool, store, { batchSize: 1 });
    await runner.start();
    const events = yearInOrder();
    let compared = 0;
    try {
      for (let i = 0; i < events.length; i++) {
        const { position } = await store.append(events[i].streamId, [events[i].event], 'any');
        if (!events[i].streamId.includes('tt')) continue;
        expect(await runner.waitFor(position, 60_000)).toBe(true);
        const live = byId(
          (
            (await dataSource.query("SELECT doc FROM rm_targets WHERE plan_code = 'tt'")) as Array<{
              doc: TargetDocument;
            }>
          ).map((r) => r.doc),
        );
        expect(byId(await warm.foldAsOf(targetsProjection, { position }, FILTER))).toEqual(live);
        const cold = new AsOfFolder(store, snapshots, { snapshotEvery: 7 });
        expect(byId(await cold.foldAsOf(targetsProjection, { position }, FILTER))).toEqual(live);
        // By time: when the next event is recorded later, the view as of this event's time is the same.
        const next = events.slice(i + 1).find((e) => e.streamId.includes('tt'));
        const [recorded] = (await store.readLog({ after: position - 1n, limit: 1 })) as RecordedEvent[];
        if (!next || next.event.metadata.recordedAt > recorded.metadata.recordedAt) {
          expect(byId(await warm.foldAsOf(targetsProjection, { time: recorded.metadata.recordedAt }, FILTER))).toEqual(
            live,
          );
          expect(byId(await cold.foldAsOf(targetsProjection, { time: recorded.metadata.recordedAt }, FILTER))).toEqual(
            live,
          );
        }
        compared++;
      }
    } finally {
      await runner.stop();
    }
    expect(compared).toBeGreaterThan(40);
    const stored = await snapshots.marks({
      projection: 'targets',
      version: targetsProjection.version,
      scope: JSON.stringify({ types: [...FILTER.types].sort(), streams: [...FILTER.streamPrefixes].sort() }),
    });
    expect(stored.filter((m) => m.kind === 'month').length).toBeGreaterThanOrEqual(6);
    // Before any event: nothing.
    expect(await warm.foldAsOf(targetsProjection, { time: '2020-01-01T00:00:00.000Z' }, FILTER)).toEqual([]);

    // A rebuild invalidates them; a view still answers, from the log.
    const before = byId(await warm.foldAsOf(targetsProjection, { time: '2021-05-01T00:00:00.000Z' }, FILTER));
    await rebuildProjection(targetsProjection, pool, store);
    expect(
      (await dataSource.query("SELECT count(*)::int AS n FROM projection_snapshots WHERE projection = 'targets'"))[0].n,
    ).toBe(0);
    expect(
      byId(
        await new AsOfFolder(store, snapshots).foldAsOf(
          targetsProjection,
          { time: '2021-05-01T00:00:00.000Z' },
          FILTER,
        ),
      ),
    ).toEqual(before);
    // Another version never reads this version's snapshots.
    await warm.foldAsOf(targetsProjection, { time: '2021-05-01T00:00:00.000Z' }, FILTER);
    const bumped = { ...targetsProjection, version: targetsProjection.version + 1 };
    expect(await snapshots.marks({ projection: 'targets', version: bumped.version, scope: 'x' })).toEqual([]);
    expect(
      byId(await new AsOfFolder(store, snapshots).foldAsOf(bumped, { time: '2021-05-01T00:00:00.000Z' }, FILTER)),
    ).toEqual(before);
  });
});
