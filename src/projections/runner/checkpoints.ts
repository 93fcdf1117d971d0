import { PoolClient } from 'pg';

/** Where a projection stands: the last global position applied and the logic version that applied it. */
export interface Checkpoint {
  position: bigint;
  version: number;
  /** A reactor's: the highest position it had appended when the checkpoint moved here. */
  produced?: bigint;
}

/**
 * Serialises everything that writes a projection's table or checkpoint (a live batch, a rebuild's
 * swap), across processes: a transaction-scoped advisory lock keyed by the projection's name.
 * Released at commit or rollback.
 */
export async function lockProjection(client: PoolClient, name: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`projection:${name}`]);
}

/** The checkpoint row, locked for the rest of the transaction when `forUpdate`; undefined when there is none. */
export async function readCheckpoint(
  client: PoolClient,
  name: string,
  forUpdate = false,
): Promise<Checkpoint | undefined> {
  const { rows } = await client.query<{ position: string; version: number; produced: string | null }>(
    `SELECT position, version, produced FROM projection_checkpoints WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [name],
  );
  const row = rows[0];
  return row
    ? {
        position: BigInt(row.position),
        version: row.version,
        ...(row.produced !== null ? { produced: BigInt(row.produced) } : {}),
      }
    : undefined;
}

/** Sets (or creates) the checkpoint. */
export async function writeCheckpoint(client: PoolClient, name: string, checkpoint: Checkpoint): Promise<void> {
  await client.query(
    `INSERT INTO projection_checkpoints (name, version, position) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, position = EXCLUDED.position, updated_at = now()`,
    [name, checkpoint.version, checkpoint.position.toString()],
  );
}

export async function tableExists(client: PoolClient, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [table]);
  return rows[0].found;
}
