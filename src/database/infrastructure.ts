import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EventStore } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createDataSource, poolOf } from './data-source';
import { EmbeddedPostgres } from './embedded/embedded-postgres';

/** The storage a process runs on: PostgreSQL or the embedded database, and the event store. */
export interface Infrastructure {
  /** 'postgres' or 'embedded'. */
  databaseKind: 'postgres' | 'embedded';
  dataSource: DataSource;
  eventStore: EventStore;
  close(): Promise<void>;
}

export type InfrastructureSettings = Pick<
  AppConfig,
  'databaseUrl' | 'dataDir' | 'eventStoreConnectionString' | 'migrateOnBoot'
>;

/**
 * DATABASE_URL set → that PostgreSQL; otherwise the embedded database in DATA_DIR.
 * EVENTSTORE_CONNECTION_STRING set → events in EventStoreDB, read models still in PostgreSQL.
 */
export async function openInfrastructure(settings: InfrastructureSettings): Promise<Infrastructure> {
  const embedded = settings.databaseUrl ? undefined : await EmbeddedPostgres.start(settings.dataDir);
  const url = settings.databaseUrl ?? embedded!.connectionString;
  const databaseKind = embedded ? 'embedded' : 'postgres';
  const dataSource = createDataSource(
    embedded ? { url, poolMax: 1, stream: () => embedded.openStream() } : { url, poolMax: 10 },
  );
  const closers: Array<() => Promise<unknown>> = [];
  if (embedded) closers.unshift(() => embedded.stop());
  try {
    await dataSource.initialize();
    closers.unshift(() => dataSource.destroy());
    if (settings.migrateOnBoot) await dataSource.runMigrations();
    const eventStore = await openEventStore(settings, dataSource, databaseKind, url);
    closers.unshift(() => eventStore.close());
    return {
      databaseKind,
      dataSource,
      eventStore,
      async close() {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}

async function openEventStore(
  settings: InfrastructureSettings,
  dataSource: DataSource,
  databaseKind: 'postgres' | 'embedded',
  url: string,
): Promise<EventStore> {
  if (settings.eventStoreConnectionString) {
    const { EventStoreDbEventStore } = await import('../event-store/eventstoredb/eventstoredb-event-store');
    return EventStoreDbEventStore.connect(settings.eventStoreConnectionString);
  }
  const store = new PostgresEventStore(poolOf(dataSource), {
    kind: databaseKind,
    // Other processes (the seed CLI) may append to a shared PostgreSQL; the embedded one is locked to this process.
    listenConnectionString: databaseKind === 'postgres' ? url : undefined,
  });
  await store.start();
  return store;
}
