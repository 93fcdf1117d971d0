import { PoolClient } from 'pg';

/** A connection in a transaction, or the pool for a statement of its own. */
export type Queryable = Pick<PoolClient, 'query'>;

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
  client: Queryable,
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

/**
 * Moves the checkpoint from `from` to `to` in one statement (compare-and-set on position and version):
 * false when it was not at `from` (a rebuild swapped, another runner wrote). The updated row stays
 * locked until the transaction ends; outside one, the statement is its own transaction.
 */
export async function moveCheckpoint(
  client: Queryable,
  name: string,
  from: Checkpoint,
  to: bigint,
  produced?: bigint,
): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE projection_checkpoints SET position = $2, produced = coalesce($3, produced), updated_at = now()
     WHERE name = $1 AND position = $4 AND version = $5`,
    [
      name,
      to.toString(),
      produced !== undefined && produced >= 0n ? produced.toString() : null,
      from.position.toString(),
      from.version,
    ],
  );
  return rowCount === 1;
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
