import { Pool, PoolClient } from 'pg';
import { RecordedEvent } from '../../event-store/event-store.port';
import { describeError } from '../follower/failure-kind';

/** An event a follower could not apply (隔离事件): kept aside so the follower goes on with the rest. */
export interface QuarantinedEvent {
  id: string;
  follower: string;
  position: string;
  eventId: string;
  streamId: string;
  type: string;
  error: string;
  at: string;
  /** Set once the event was applied after all (a retry, a rebuild) or the entry was dismissed. */
  resolvedAt?: string;
  resolution?: string;
}

interface Row {
  id: string;
  follower: string;
  position: string;
  event_id: string;
  stream_id: string;
  event_type: string;
  error: string;
  at: Date;
  resolved_at: Date | null;
  resolution: string | null;
}

const MAX_ERROR_LENGTH = 4000;

const toEntry = (row: Row): QuarantinedEvent => ({
  id: row.id,
  follower: row.follower,
  position: row.position,
  eventId: row.event_id,
  streamId: row.stream_id,
  type: row.event_type,
  error: row.error,
  at: new Date(row.at).toISOString(),
  ...(row.resolved_at ? { resolvedAt: new Date(row.resolved_at).toISOString(), resolution: row.resolution ?? '' } : {}),
});

type Queryable = Pick<PoolClient, 'query'> | Pick<Pool, 'query'>;

/** The quarantine table (`follower_quarantine`, a migration): the one place that writes or reads it. */
export const quarantineRepository = {
  /** Records (or re-records) the event for the follower, in the caller's transaction. */
  async add(db: Queryable, follower: string, event: RecordedEvent, error: unknown): Promise<void> {
    await db.query(
      `INSERT INTO follower_quarantine (follower, position, event_id, stream_id, event_type, error)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (follower, position) DO UPDATE
         SET error = EXCLUDED.error, at = now(), resolved_at = NULL, resolution = NULL`,
      [
        follower,
        event.position.toString(),
        event.id,
        event.streamId,
        event.type,
        describeError(error).slice(0, MAX_ERROR_LENGTH),
      ],
    );
  },

  /** Marks the follower's entries at these positions resolved (they applied after all). */
  async resolve(db: Queryable, follower: string, positions: readonly bigint[], resolution: string): Promise<void> {
    if (!positions.length) return;
    await db.query(
      `UPDATE follower_quarantine SET resolved_at = now(), resolution = $3
        WHERE follower = $1 AND position = ANY($2::bigint[]) AND resolved_at IS NULL`,
      [follower, positions.map(String), resolution],
    );
  },

  /** Every unresolved entry of the follower (a rebuild replaces them with what it found itself). */
  async resolveAll(db: Queryable, follower: string, resolution: string): Promise<void> {
    await db.query(
      'UPDATE follower_quarantine SET resolved_at = now(), resolution = $2 WHERE follower = $1 AND resolved_at IS NULL',
      [follower, resolution],
    );
  },

  async list(db: Queryable, options: { unresolvedOnly: boolean; limit: number }): Promise<QuarantinedEvent[]> {
    const { rows } = await db.query<Row>(
      `SELECT * FROM follower_quarantine ${options.unresolvedOnly ? 'WHERE resolved_at IS NULL' : ''}
        ORDER BY position, follower LIMIT $1`,
      [options.limit],
    );
    return rows.map(toEntry);
  },

  async find(db: Queryable, id: string): Promise<QuarantinedEvent | undefined> {
    if (!/^[0-9]{1,18}$/.test(id)) return undefined;
    const { rows } = await db.query<Row>('SELECT * FROM follower_quarantine WHERE id = $1', [id]);
    return rows[0] && toEntry(rows[0]);
  },

  /** Unresolved entries per follower. */
  async unresolvedCounts(db: Queryable): Promise<Map<string, number>> {
    const { rows } = await db.query<{ follower: string; count: string }>(
      'SELECT follower, count(*) AS count FROM follower_quarantine WHERE resolved_at IS NULL GROUP BY follower',
    );
    return new Map(rows.map((r) => [r.follower, Number(r.count)]));
  },
};
