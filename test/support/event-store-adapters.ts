import { createDataSource, poolOf } from '../../src/database/data-source';
import { EventStore } from '../../src/event-store/event-store.port';
import { MemoryEventStore } from '../../src/event-store/memory/memory-event-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, databaseKinds } from './test-databases';

export interface AdapterUnderTest {
  name: string;
  open(): Promise<{ store: EventStore; close(): Promise<void> }>;
}

function postgresFamily(kind: 'embedded' | 'postgres'): AdapterUnderTest {
  return {
    name: kind,
    async open() {
      const db = await createTestDatabase(kind);
      const dataSource = createDataSource({ url: db.url, poolMax: db.poolMax });
      await dataSource.initialize();
      await dataSource.runMigrations();
      const store = new PostgresEventStore(poolOf(dataSource), {
        kind,
        listenConnectionString: kind === 'postgres' ? db.url : undefined,
        pollIntervalMs: 100,
      });
      await store.start();
      return {
        store,
        async close() {
          await store.close();
          await dataSource.destroy();
          await db.drop();
        },
      };
    },
  };
}

/** The in-memory store that unit tests use: it must keep the same contract. */
const memoryAdapter: AdapterUnderTest = {
  name: 'memory',
  async open() {
    const store = new MemoryEventStore();
    return { store, close: () => store.close() };
  },
};

/** Every adapter reachable from here; EventStoreDB only when EVENTSTORE_CONNECTION_STRING is set. */
export function reachableAdapters(): { adapters: AdapterUnderTest[]; skipped: string[] } {
  const adapters = [...databaseKinds().map(postgresFamily), memoryAdapter];
  const skipped: string[] = [];
  if (!process.env.DATABASE_URL) skipped.push('postgres: DATABASE_URL is not set');
  const esdb = process.env.EVENTSTORE_CONNECTION_STRING;
  if (esdb) {
    adapters.push({
      name: 'eventstoredb',
      async open() {
        // Loaded lazily so the gRPC client is only required when an EventStoreDB is configured.
        const { EventStoreDbEventStore } = await import('../../src/event-store/eventstoredb/eventstoredb-event-store');
        const store = await EventStoreDbEventStore.connect(esdb);
        return { store, close: () => store.close() };
      },
    });
  } else {
    skipped.push('eventstoredb: EVENTSTORE_CONNECTION_STRING is not set (docker compose up eventstore to run it)');
  }
  return { adapters, skipped };
}
