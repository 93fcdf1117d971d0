import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { poolOf } from '../../database/data-source';
import { v7 as uuidv7 } from 'uuid';
import { ChannelKind, ChannelRecord, ROBOT_KINDS, ROBOT_MESSAGES_PER_MINUTE } from '../channels/channel';
import { DingTalkSender } from '../channels/senders/dingtalk.sender';
import { EmailSender } from '../channels/senders/email.sender';
import { DeliveryError, Sender } from '../channels/senders/sender';
import { WebhookSender } from '../channels/senders/webhook.sender';
import { WECOM_MAX_BYTES, WeComSender } from '../channels/senders/wecom.sender';
import { NoticeMessage } from '../dispatcher/notice';

const POLL_MS = 250;
const LEASE_SECONDS = 60;
const CLAIM_LIMIT = 200;
const MAX_DELAY_MS = 3_600_000;
/** Bytes of digest text a robot message may carry (WeCom's limit is 4,096; DingTalk's 20,000). */
const DIGEST_BYTES: Partial<Record<ChannelKind, number>> = { wecom: WECOM_MAX_BYTES - 200, dingtalk: 18_000 };

interface Claimed {
  id: string;
  channel_id: string | null;
  channel_kind: ChannelKind;
  recipient: string;
  message: NoticeMessage;
  attempts: number;
}

/**
 * Sends pending deliveries (投递): each channel on its own, so an outage of one delays only that one.
 * A failure is retried with exponential back-off until `notificationMaxAttempts`, then the delivery
 * is `dead` (the office can retry it). Robots get at most 20 messages a minute: what is waiting is
 * sent as one digest. Claims are leases in the database, so a second process never sends the same
 * delivery at the same time, and one that died mid-send is picked up again when its lease ends.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Deliveries');
  private readonly pool: Pool;
  private readonly senders: Record<ChannelKind, Sender>;
  private readonly email: EmailSender;
  /** Channels (or 'email' for users' own addresses) with a send in flight. */
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = true;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.pool = poolOf(dataSource);
    this.email = new EmailSender(config.smtpUrl, config.mailFrom);
    this.senders = {
      email: this.email,
      webhook: new WebhookSender(),
      dingtalk: new DingTalkSender(),
      wecom: new WeComSender(),
    };
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all([...this.inFlight]);
    this.email.close();
  }

  /** The dispatcher wrote deliveries: look shortly (after its transaction committed). */
  wakeSoon(): void {
    if (!this.stopped) this.schedule(20);
  }

  /** Starts sending what is due now; resolves when those sends are done (tests). */
  async drain(): Promise<void> {
    await this.ticking;
    await this.tick();
    await Promise.all([...this.inFlight]);
  }

  /** Sends a test message to a channel at once (not a delivery: nothing is recorded). */
  async sendTest(channel: ChannelRecord): Promise<void> {
    const message: NoticeMessage = {
      kind: 'warning_raised',
      title: '【测试】督查系统通知渠道 / Test message',
      text: `这是一条测试消息，渠道「${channel.name}」已可用 / The channel works.`,
      link: '/notifications',
      source: { eventId: 'test', type: 'ChannelTest' },
    };
    await this.senders[channel.kind].send(
      { kind: channel.kind, target: channel.target, secret: channel.secret, deliveryId: uuidv7() },
      [message],
    );
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.error(`delivery tick failed: ${(error as Error).message}`))
        .finally(() => {
          this.ticking = undefined;
          if (!this.stopped) this.schedule(POLL_MS);
        });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const busyChannels = [...this.busy].filter((k) => k !== 'email');
    const { rows } = await this.pool.query<Claimed>(
      `UPDATE notification_deliveries d SET state = 'sending', lease_until = now() + make_interval(secs => $3)
        WHERE d.id IN (
          SELECT id FROM notification_deliveries
           WHERE ((state IN ('pending', 'failed') AND next_attempt_at <= now()) OR (state = 'sending' AND lease_until < now()))
             AND (channel_id IS NULL OR NOT (channel_id = ANY($1::uuid[])))
             AND (channel_id IS NOT NULL OR NOT $2::boolean)
           ORDER BY next_attempt_at, created_at, id LIMIT ${CLAIM_LIMIT} FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.channel_id, d.channel_kind, d.recipient, d.message, d.attempts`,
      [busyChannels, this.busy.has('email'), LEASE_SECONDS],
    );
    const groups = new Map<string, Claimed[]>();
    for (const row of rows) {
      const key = row.channel_id ?? 'email';
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const [key, items] of groups) {
      this.busy.add(key);
      const run = this.sendGroup(key, items)
        .catch((error: unknown) => this.logger.error(`deliveries of ${key}: ${(error as Error).message}`))
        .finally(() => {
          this.busy.delete(key);
          this.inFlight.delete(run);
        });
      this.inFlight.add(run);
    }
  }

  private async sendGroup(key: string, claimed: Claimed[]): Promise<void> {
    let items = claimed;
    if (key === 'email') {
      for (const item of items)
        await this.attempt([item], { kind: 'email', target: item.recipient, secret: null, deliveryId: item.id });
      return;
    }
    const { rows } = await this.pool.query<{
      kind: ChannelKind;
      target: string;
      secret: string | null;
      enabled: boolean;
      deleted_at: Date | null;
    }>(`SELECT kind, target, secret, enabled, deleted_at FROM notification_channels WHERE id = $1`, [key]);
    const channel = rows[0];
    if (!channel || !channel.enabled || channel.deleted_at) {
      await this.finish(items, new DeliveryError('渠道已停用或删除 / channel disabled or deleted'), true);
      return;
    }
    if (!ROBOT_KINDS.includes(channel.kind)) {
      for (const item of items)
        await this.attempt([item], {
          kind: channel.kind,
          target: channel.target,
          secret: channel.secret,
          deliveryId: item.id,
        });
      return;
    }
    // Robots: one digest within the rate limit; the rest waits for the next slot.
    const { rows: window } = await this.pool.query<{ sends: string; oldest: Date | null }>(
      `SELECT count(*) AS sends, min(sent_at) AS oldest FROM notification_channel_sends WHERE channel_id = $1 AND sent_at > now() - interval '1 minute'`,
      [key],
    );
    if (Number(window[0].sends) >= ROBOT_MESSAGES_PER_MINUTE) {
      await this.release(items, window[0].oldest);
      return;
    }
    // Whatever else waits for this robot joins the digest (it gathers for a moment before it is due).
    const { rows: waiting } = await this.pool.query<Claimed>(
      `UPDATE notification_deliveries d SET state = 'sending', lease_until = now() + make_interval(secs => $3)
        WHERE d.id IN (
          SELECT id FROM notification_deliveries WHERE channel_id = $1 AND state = 'pending' AND NOT (id = ANY($2::uuid[]))
           ORDER BY created_at, id LIMIT ${CLAIM_LIMIT} FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.channel_id, d.channel_kind, d.recipient, d.message, d.attempts`,
      [key, items.map((i) => i.id), LEASE_SECONDS],
    );
    items = [...items, ...waiting];
    const budget = DIGEST_BYTES[channel.kind] ?? 4000;
    const digest: Claimed[] = [];
    let bytes = 0;
    for (const item of items) {
      const size = Buffer.byteLength(item.message.title + item.message.text, 'utf8') + 16;
      if (digest.length && bytes + size > budget) break;
      digest.push(item);
      bytes += size;
    }
    await this.release(items.slice(digest.length), null);
    await this.pool.query(
      `INSERT INTO notification_channel_sends (channel_id, sent_at, items) VALUES ($1, now(), $2)`,
      [key, digest.length],
    );
    await this.attempt(digest, {
      kind: channel.kind,
      target: channel.target,
      secret: channel.secret,
      deliveryId: digest[0].id,
    });
  }

  private async attempt(
    items: Claimed[],
    destination: { kind: ChannelKind; target: string; secret: string | null; deliveryId: string },
  ): Promise<void> {
    try {
      await this.senders[destination.kind].send(
        destination,
        items.map((i) => i.message),
      );
      await this.finish(items, undefined, false);
    } catch (error) {
      await this.finish(
        items,
        error instanceof DeliveryError ? error : new DeliveryError((error as Error).name ?? 'error'),
        false,
      );
    }
  }

  private async finish(items: Claimed[], error: DeliveryError | undefined, final: boolean): Promise<void> {
    const ids = items.map((i) => i.id);
    if (!error) {
      await this.pool.query(
        `UPDATE notification_deliveries SET state = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL, lease_until = NULL WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return;
    }
    await this.pool.query(
      `UPDATE notification_deliveries
          SET attempts = attempts + 1, last_error = $2, lease_until = NULL,
              state = CASE WHEN $5 OR attempts + 1 >= $3 THEN 'dead' ELSE 'failed' END,
              next_attempt_at = now() + make_interval(secs => LEAST($4::float8 * power(2, attempts), ${MAX_DELAY_MS}) / 1000.0)
        WHERE id = ANY($1::uuid[])`,
      [
        ids,
        error.message.slice(0, 500),
        this.config.notificationMaxAttempts,
        this.config.notificationRetryBaseMs,
        final,
      ],
    );
    this.logger.warn(
      `${items.length} deliver${items.length === 1 ? 'y' : 'ies'} failed: ${error.message.slice(0, 200)}`,
    );
  }

  /** Back to waiting without counting an attempt (rate limit, digest full). */
  private async release(items: Claimed[], oldestSend: Date | null): Promise<void> {
    if (!items.length) return;
    await this.pool.query(
      `UPDATE notification_deliveries SET state = CASE WHEN attempts = 0 THEN 'pending' ELSE 'failed' END, lease_until = NULL,
              next_attempt_at = COALESCE($2::timestamptz + interval '1 minute', now())
        WHERE id = ANY($1::uuid[])`,
      [items.map((i) => i.id), oldestSend],
    );
  }
}
