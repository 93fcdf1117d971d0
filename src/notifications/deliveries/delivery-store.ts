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
/**
 * Due: pending or failed with its time come, or sending with its lease run out (a claim is only taken of
 * what is due or gathering, so a lapsed claim's next attempt time has come as well). Written so that the
 * lane index `notification_deliveries_lane` (channel_id, next_attempt_at, id) serves it, oldest first.
 */
const DUE = `state IN ('pending', 'failed', 'sending') AND next_attempt_at <= $1 AND (state <> 'sending' OR lease_until < $1)`;
/** Robots: also what is still gathering for the digest. */
const DUE_OR_GATHERING = `state IN ('pending', 'failed', 'sending') AND (state = 'pending' OR next_attempt_at <= $1) AND (state <> 'sending' OR lease_until < $1)`;
/** A lane's deliveries: users' own email has no channel. */
const ofLane = (lane: string) => (lane === USER_EMAIL_LANE ? 'channel_id IS NULL' : 'channel_id = $3::uuid');

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

  /**
   * Lanes with something due now, and the kind of what they send: one look into the lane index per
   * channel (and one for users' email), stopping at the first due delivery, however long the backlog.
   * Per channel a LATERAL … ORDER BY next_attempt_at LIMIT 1, not EXISTS: without statistics (a new
   * table; the embedded database has no autovacuum) the planner made the EXISTS a hash semi-join over
   * every due delivery, and a bare LIMIT 1 may become a sequential scan past the sent ones.
   */
  async dueLanes(): Promise<Array<{ lane: string; kind: ChannelKind }>> {
    const { rows } = await this.pool.query<{ lane: string; kind: ChannelKind }>(
      `SELECT '${USER_EMAIL_LANE}' AS lane, 'email' AS kind
        WHERE EXISTS (SELECT 1 FROM notification_deliveries WHERE channel_id IS NULL AND ${DUE})
       UNION ALL
       SELECT c.id::text AS lane, c.kind FROM notification_channels c
        CROSS JOIN LATERAL (SELECT 1 FROM notification_deliveries d WHERE d.channel_id = c.id AND ${DUE} ORDER BY d.next_attempt_at LIMIT 1) due`,
      [this.now()],
    );
    return rows;
  }

  /** Leases up to `limit` due deliveries of a lane, oldest first (robots: `waiting` adds those still gathering). */
  async claim(lane: string, limit: number, waiting = false): Promise<Claimed[]> {
    const now = this.now();
    const lease = new Date(now.getTime() + LEASE_MS);
    const { rows } = await this.pool.query<Claimed>(
      `UPDATE notification_deliveries d SET state = 'sending', lease_until = $2
        WHERE d.id IN (
          SELECT id FROM notification_deliveries WHERE ${ofLane(lane)} AND ${waiting ? DUE_OR_GATHERING : DUE}
           ORDER BY next_attempt_at, id LIMIT ${Math.max(1, Math.floor(limit))} FOR UPDATE SKIP LOCKED)
        RETURNING ${CLAIMED_COLUMNS}`,
      lane === USER_EMAIL_LANE ? [now, lease] : [now, lease, lane],
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
