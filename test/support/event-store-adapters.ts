import { DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../../src/database/data-source';
import { EventStore } from '../../src/event-store/event-store.port';
import { MemoryEventStore } from '../../src/event-store/memory/memory-event-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, databaseKinds, TestDatabase } from './test-databases';

export interface AdapterUnderTest {
  name: string;
  open(): Promise<{ store: EventStore; close(): Promise<void> }>;
}

export interface StoreOnTestDatabase {
  db: TestDatabase;
  dataSource: DataSource;
  store: PostgresEventStore;
  close(): Promise<void>;
}

/** A fresh test database of the kind, migrated, with a started PostgreSQL event store on it. */
export async function openStoreOnTestDatabase(
  kind: 'embedded' | 'postgres',
  options: { pollIntervalMs: number; listen?: boolean },
): Promise<StoreOnTestDatabase> {
  const db = await createTestDatabase(kind);
  const dataSource = createDataSource({ url: db.url, poolMax: db.poolMax });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const store = new PostgresEventStore(poolOf(dataSource), {
    kind,
    listenConnectionString: options.listen && kind === 'postgres' ? db.url : undefined,
    pollIntervalMs: options.pollIntervalMs,
  });
  await store.start();
  return {
    db,
    dataSource,
    store,
    async close() {
      await store.close();
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/**
 * Waits until the log shows `position`: on a server, other transactions (other tests' databases included:
 * transaction ids are the cluster's) can hold newer events back from readers for a moment.
 */
export async function untilReadable(store: EventStore, position: bigint, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline) throw new Error(`position ${position} did not become readable`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function postgresFamily(kind: 'embedded' | 'postgres'): AdapterUnderTest {
  return {
    name: kind,
    open: () => openStoreOnTestDatabase(kind, { pollIntervalMs: 100, listen: true }),
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
