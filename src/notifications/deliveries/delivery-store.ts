import { Pool } from 'pg';
import { Clock } from '../../shared/clock';
import { ChannelKind, ROBOT_MESSAGES_PER_MINUTE } from '../channels/channel';
import { DeliveryError } from '../channels/senders/sender';
import { NoticeMessage } from '../dispatcher/notice';

const LEASE_MS = 60_000;
const MAX_DELAY_MS = 3_600_000;

export interface Claimed {
  id: string;
  channel_id: string | null;
  channel_kind: ChannelKind;
  recipient: string;
  message: NoticeMessage;
  attempts: number;
}

export interface ChannelRow {
  kind: ChannelKind;
  target: string;
  secret: string | null;
  enabled: boolean;
  deleted_at: Date | null;
}

/** What a lane is: one channel (its id), or `email` for users' own addresses. */
export const USER_EMAIL_LANE = 'email';

const CLAIMED_COLUMNS = 'd.id, d.channel_id, d.channel_kind, d.recipient, d.message, d.attempts';
const DUE = `((state IN ('pending', 'failed') AND next_attempt_at <= $1) OR (state = 'sending' AND lease_until < $1))`;
const OF_LANE = `(($2::uuid IS NULL AND channel_id IS NULL) OR channel_id = $2::uuid)`;
const laneParam = (lane: string) => (lane === USER_EMAIL_LANE ? null : lane);

/**
 * The deliveries' states in the database, every time stamp on the application clock (the one the
 * rest of the app and its tests use): claims are leases, so two processes never send one delivery
 * at the same time and a process that died mid-send has its claims picked up when the lease ends.
 */
export class DeliveryStore {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly maxAttempts: number,
    private readonly retryBaseMs: number,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** Lanes with something due now, and the kind of what they send. */
  async dueLanes(): Promise<Array<{ lane: string; kind: ChannelKind }>> {
    const { rows } = await this.pool.query<{ lane: string; kind: ChannelKind }>(
      `SELECT coalesce(channel_id::text, '${USER_EMAIL_LANE}') AS lane, min(channel_kind) AS kind
         FROM notification_deliveries WHERE ${DUE} GROUP BY 1`,
      [this.now()],
    );
    return rows;
  }

  /** Leases up to `limit` due deliveries of a lane, oldest first (robots: `waiting` adds those still gathering). */
  async claim(lane: string, limit: number, waiting = false): Promise<Claimed[]> {
    const now = this.now();
    const due = waiting ? `(${DUE} OR state = 'pending')` : DUE;
    const { rows } = await this.pool.query<Claimed>(
      `UPDATE notification_deliveries d SET state = 'sending', lease_until = $3
        WHERE d.id IN (
          SELECT id FROM notification_deliveries WHERE ${due} AND ${OF_LANE}
           ORDER BY next_attempt_at, created_at, id LIMIT ${Math.max(1, Math.floor(limit))} FOR UPDATE SKIP LOCKED)
        RETURNING ${CLAIMED_COLUMNS}`,
      [now, laneParam(lane), new Date(now.getTime() + LEASE_MS)],
    );
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async channel(id: string): Promise<ChannelRow | undefined> {
    const { rows } = await this.pool.query<ChannelRow>(
      `SELECT kind, target, secret, enabled, deleted_at FROM notification_channels WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Sent, each at its own time. */
  async sent(items: Array<{ id: string; at: Date }>): Promise<void> {
    if (!items.length) return;
    await this.pool.query(
      `UPDATE notification_deliveries d SET state = 'sent', attempts = attempts + 1, sent_at = s.at, last_error = NULL, lease_until = NULL
         FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, at) WHERE d.id = s.id`,
      [items.map((i) => i.id), items.map((i) => i.at)],
    );
  }

  /** A failed attempt: retried after an exponential back-off, or `dead` (after the last attempt, or `final`). Returns the earliest retry. */
  async failed(ids: string[], error: DeliveryError, final: boolean): Promise<Date> {
    const now = this.now();
    const { rows } = await this.pool.query<{ next: Date }>(
      `UPDATE notification_deliveries
          SET attempts = attempts + 1, last_error = $2, lease_until = NULL,
              state = CASE WHEN $5 OR attempts + 1 >= $3 THEN 'dead' ELSE 'failed' END,
              next_attempt_at = $6::timestamptz + make_interval(secs => LEAST($4::float8 * power(2, attempts), ${MAX_DELAY_MS}) / 1000.0)
        WHERE id = ANY($1::uuid[]) RETURNING next_attempt_at AS next`,
      [ids, error.message.slice(0, 500), this.maxAttempts, this.retryBaseMs, final, now],
    );
    return rows.reduce((min, r) => (r.next < min ? r.next : min), rows[0]?.next ?? now);
  }

  /** Back to waiting without counting an attempt (rate limit, digest full, the lane's channel failing) until `at`. */
  async release(ids: string[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.pool.query(
      `UPDATE notification_deliveries SET state = CASE WHEN attempts = 0 THEN 'pending' ELSE 'failed' END, lease_until = NULL,
              next_attempt_at = $2 WHERE id = ANY($1::uuid[])`,
      [ids, at],
    );
  }

  /**
   * Takes one of a robot's 20 sends a minute, for a message of `items` deliveries: null when taken,
   * else when the next slot opens. Serialised per channel across processes, so the limit holds.
   */
  async takeRobotSlot(channelId: string, items: number): Promise<Date | null> {
    const now = this.now();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`robot-sends:${channelId}`]);
      const { rows } = await client.query<{ sends: string; oldest: Date | null }>(
        `SELECT count(*) AS sends, min(sent_at) AS oldest FROM notification_channel_sends
          WHERE channel_id = $1 AND sent_at > $2 AND sent_at <= $3`,
        [channelId, new Date(now.getTime() - 60_000), now],
      );
      const full = Number(rows[0].sends) >= ROBOT_MESSAGES_PER_MINUTE;
      if (!full)
        await client.query(`INSERT INTO notification_channel_sends (channel_id, sent_at, items) VALUES ($1, $2, $3)`, [
          channelId,
          now,
          items,
        ]);
      await client.query('COMMIT');
      return full ? new Date((rows[0].oldest ?? now).getTime() + 60_000) : null;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
