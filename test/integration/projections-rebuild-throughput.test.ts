import { randomUUID } from 'node:crypto';
import { NewEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { auditProjection } from '../../src/audit/audit.projection';
import { createDataSource, poolOf } from '../../src/database/data-source';
import { rebuildProjection } from '../../src/projections/rebuild/projection-rebuild';
import { DocumentProjection, ProjectedDocument } from '../../src/projections/runner/document-projection';
import { createTestDatabase, databaseKinds } from '../support/test-databases';

/**
 * Rebuild throughput, opt-in (it appends a large log):
 *   PROJECTIONS_BENCH_EVENTS=200000 DATABASE_URL=… npx jest test/integration/projections-rebuild-throughput
 * Prints events/s per database and projection; asserts only that every event was replayed.
 */
const EVENTS = Number(process.env.PROJECTIONS_BENCH_EVENTS ?? 0);
const STREAMS = 2000;

interface Tally extends ProjectedDocument {
  streamId: string;
  count: number;
  lastValue: string;
}

/** A typical per-stream read model: one document per stream, a few indexed columns. */
const perStream: DocumentProjection<Tally> = {
  name: 'bench_per_stream',
  version: 1,
  table: {
    name: 'rm_bench_per_stream',
    columns: {
      stream_id: { sqlType: 'text', indexed: true, value: (d) => d.streamId },
      count: { sqlType: 'integer', value: (d) => d.count },
      last_value: { sqlType: 'numeric', value: (d) => d.lastValue },
    },
  },
  select: (e) => ({ key: e.streamId }),
  evolve: (doc, e) => ({
    position: e.position.toString(),
    streamId: e.streamId,
    count: (doc?.count ?? 0) + 1,
    lastValue: (e.data as { value: string }).value,
  }),
};

function benchEvent(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'ProgressReported',
    schemaVersion: 1,
    data: { period: '2021-03', value: String(1000 + i), unitOfMeasure: '万元', narrative: '按序时推进' },
    metadata: {
      actor: { id: 'bench', username: 'bench', displayName: '基准测试' },
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: '2021-03-31T00:00:00.000Z',
    },
  };
}

(EVENTS > 0 ? describe.each(databaseKinds()) : describe.skip.each(databaseKinds()))('rebuild throughput on %s', (kind) => {
  it(`replays ${EVENTS} events`, async () => {
    const db = await createTestDatabase(kind);
    const dataSource = createDataSource({ url: db.url, poolMax: db.poolMax });
    await dataSource.initialize();
    await dataSource.runMigrations();
    const pool = poolOf(dataSource);
    const store = new PostgresEventStore(pool, { kind });
    try {
      const perAppend = 50;
      for (let i = 0; i < EVENTS; i += perAppend) {
        const n = Math.min(perAppend, EVENTS - i);
        await store.append(`bench-${(i / perAppend) % STREAMS}`, Array.from({ length: n }, (_, j) => benchEvent(i + j)), 'any');
      }
      for (const projection of [perStream, auditProjection] as DocumentProjection[]) {
        const result = await rebuildProjection(projection, pool, store);
        expect(result.events).toBe(EVENTS);
        console.log(
          `${kind}: rebuilt ${projection.name} from ${result.events} events in ${result.seconds.toFixed(2)} s = ${Math.round(result.eventsPerSecond)} events/s`,
        );
      }
    } finally {
      await store.close();
      await dataSource.destroy();
      await db.drop();
    }
  }, 1_800_000);
});
