import type { DataSource } from 'typeorm';
import type { Infrastructure } from '../../database/infrastructure';

/**
 * Whether the first boot's demo load is still to do: on a database without any event, or when a load was
 * started and never finished (the server killed meanwhile; table `demo_load`, migration 1763800000200).
 * A database whose demo finished, or that holds other data, is left alone.
 */
export async function demoLoadPending(infrastructure: Infrastructure): Promise<boolean> {
  if (await isEmpty(infrastructure)) return true;
  // A database migrated by hand (MIGRATE_ON_BOOT=false) may not have the table yet: then no load was started by a boot.
  const [{ present }] = (await infrastructure.dataSource.query(
    `SELECT to_regclass('demo_load') IS NOT NULL AS present`,
  )) as Array<{ present: boolean }>;
  if (!present) return false;
  const rows = (await infrastructure.dataSource.query(`SELECT finished_at FROM demo_load WHERE id = 1`)) as Array<{
    finished_at: Date | null;
  }>;
  return rows.length === 1 && rows[0].finished_at === null;
}

/** Set in the environment of the `demo` command that a first boot starts (demo-boot.ts): it then marks the load started. */
export const DEMO_LOAD_BY_BOOT = 'DEMO_LOAD_BY_BOOT';

/** Recorded before the first event of the demo is written (a restart then knows a load was under way). */
export async function markDemoLoadStarted(dataSource: DataSource, untilMonth: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO demo_load (id, until_month, started_at) VALUES (1, $1, now())
     ON CONFLICT (id) DO UPDATE SET until_month = EXCLUDED.until_month, finished_at = NULL`,
    [untilMonth],
  );
}

export async function markDemoLoadFinished(dataSource: DataSource): Promise<void> {
  await dataSource.query(`UPDATE demo_load SET finished_at = now() WHERE id = 1`);
}

/**
 * No event at all. (Not `headPosition() === 0n`: on a shared PostgreSQL the visible head can stay behind a long
 * transaction of another database for a while, and a database with events would look empty.)
 */
export async function isEmpty(infrastructure: Infrastructure): Promise<boolean> {
  return (await infrastructure.eventStore.lastRecordedAt()) === undefined;
}
