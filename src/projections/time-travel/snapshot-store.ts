import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Pool, PoolClient } from 'pg';

const zip = promisify(gzip);
const unzip = promisify(gunzip);

/** Where a snapshot stands: every event of its scope up to `position` folded in; the latest recorded time among them. */
export interface SnapshotMark {
  position: bigint;
  /** ISO time; undefined when no event was folded in yet. */
  maxRecordedAt?: string;
  /** `month`: taken where the log crosses the start of a month (Asia/Shanghai); `events`: every N events. */
  kind: 'month' | 'events';
}

export interface SnapshotKey {
  projection: string;
  version: number;
  scope: string;
}

/** `projection_snapshots` (migration 1763790000050): the as-of views' stored snapshots. */
export class SnapshotStore {
  constructor(private readonly pool: Pool) {}

  async marks(key: SnapshotKey): Promise<SnapshotMark[]> {
    const { rows } = await this.pool.query<{
      position: string;
      max_recorded_at: Date | null;
      kind: SnapshotMark['kind'];
    }>(
      `SELECT position, max_recorded_at, kind FROM projection_snapshots
        WHERE projection = $1 AND version = $2 AND scope = $3 ORDER BY position`,
      [key.projection, key.version, key.scope],
    );
    return rows.map((r) => ({
      position: BigInt(r.position),
      kind: r.kind,
      ...(r.max_recorded_at ? { maxRecordedAt: r.max_recorded_at.toISOString() } : {}),
    }));
  }

  async load<Doc>(key: SnapshotKey, position: bigint): Promise<Array<[string, Doc]> | undefined> {
    const { rows } = await this.pool.query<{ docs: Buffer }>(
      'SELECT docs FROM projection_snapshots WHERE projection = $1 AND version = $2 AND scope = $3 AND position = $4',
      [key.projection, key.version, key.scope, position.toString()],
    );
    if (!rows[0]) return undefined;
    return JSON.parse((await unzip(rows[0].docs)).toString('utf8')) as Array<[string, Doc]>;
  }

  /**
   * Stores a snapshot (a concurrent fold may have stored the same one: nothing then). Of the `events`
   * snapshots only the newest is kept: month snapshots serve times, the newest the head.
   */
  async save<Doc>(key: SnapshotKey, mark: SnapshotMark, docs: ReadonlyMap<string, Doc>): Promise<void> {
    const body = await zip(Buffer.from(JSON.stringify([...docs]), 'utf8'), { level: 1 });
    await this.pool.query(
      `INSERT INTO projection_snapshots (projection, version, scope, position, max_recorded_at, kind, documents, docs)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        key.projection,
        key.version,
        key.scope,
        mark.position.toString(),
        mark.maxRecordedAt ?? null,
        mark.kind,
        docs.size,
        body,
      ],
    );
    await this.pool.query(
      `DELETE FROM projection_snapshots WHERE projection = $1 AND scope = $2
         AND (version <> $3 OR (kind = 'events' AND position < $4))`,
      [key.projection, key.scope, key.version, mark.position.toString()],
    );
  }

  /** How many times the projection's snapshots were invalidated (0 when never): views kept in memory hold within one. */
  async generation(projection: string): Promise<bigint> {
    const { rows } = await this.pool.query<{ generation: string }>(
      'SELECT generation FROM projection_snapshot_generations WHERE projection = $1',
      [projection],
    );
    return rows[0] ? BigInt(rows[0].generation) : 0n;
  }

  /**
   * Every snapshot of a projection, and with them every view folded before, in any process (a rebuild:
   * what the snapshots were folded from may have changed).
   */
  static async invalidate(client: PoolClient, projection: string): Promise<void> {
    await client.query('DELETE FROM projection_snapshots WHERE projection = $1', [projection]);
    await client.query(
      `INSERT INTO projection_snapshot_generations (projection, generation) VALUES ($1, 1)
       ON CONFLICT (projection) DO UPDATE SET generation = projection_snapshot_generations.generation + 1`,
      [projection],
    );
  }
}
