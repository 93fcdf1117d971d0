import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AppConfig } from '../../config/app-config';
import { poolOf } from '../../database/data-source';
import { CLOCK, Clock } from '../../shared/clock';
import { ChannelKind, ChannelRecord, ROBOT_KINDS } from '../channels/channel';
import { DingTalkSender } from '../channels/senders/dingtalk.sender';
import { EmailSender } from '../channels/senders/email.sender';
import { DeliveryError, Destination, Sender } from '../channels/senders/sender';
import { WebhookSender } from '../channels/senders/webhook.sender';
import { WECOM_MAX_BYTES, WeComSender } from '../channels/senders/wecom.sender';
import { NoticeMessage } from '../dispatcher/notice';
import { Claimed, DeliveryStore, USER_EMAIL_LANE } from './delivery-store';

const POLL_MS = 250;
/** Sends in flight at once within one lane: robots one (digests, 20 a minute), webhooks and email a few. */
export const LANE_CONCURRENCY: Record<ChannelKind, number> = { webhook: 4, email: 4, dingtalk: 1, wecom: 1 };
/** Deliveries a lane claims per sender slot at a time (small, so claims never outlive their lease). */
const CLAIM_PER_SLOT = 10;
/** Bytes of digest text a robot message may carry (WeCom's limit is 4,096; DingTalk's 20,000). */
const DIGEST_BYTES: Partial<Record<ChannelKind, number>> = { wecom: WECOM_MAX_BYTES - 200, dingtalk: 18_000 };
const ROBOT_DIGEST_CLAIM = 200;

/**
 * Sends pending deliveries (投递) in lanes — one per channel, and one for users' own email addresses
 * — that run concurrently, so an outage of one channel delays only that channel; within a lane at
 * most `LANE_CONCURRENCY` sends are in flight, and a failure pauses the rest of the lane's claim
 * until its retry (a channel that is down is not hammered). A failure is retried with exponential
 * back-off until `notificationMaxAttempts`, then the delivery is `dead` (the office can retry it).
 * Robots get at most 20 messages a minute: what is waiting is sent as one digest. Every time stamp
 * is on the application clock; each delivery is sent once per (source event, recipient, channel).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Deliveries');
  private readonly store: DeliveryStore;
  private readonly senders: Record<ChannelKind, Sender>;
  private readonly email: EmailSender;
  /** Lanes with a claim being sent. */
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = true;

  constructor(dataSource: DataSource, config: AppConfig, @Inject(CLOCK) clock: Clock) {
    this.store = new DeliveryStore(
      poolOf(dataSource),
      clock,
      config.notificationMaxAttempts,
      config.notificationRetryBaseMs,
    );
    this.email = new EmailSender(config.smtpUrl, config.mailFrom, LANE_CONCURRENCY.email, config.publicBaseUrl);
    this.senders = {
      email: this.email,
      webhook: new WebhookSender(config.publicBaseUrl),
      dingtalk: new DingTalkSender(config.publicBaseUrl),
      wecom: new WeComSender(config.publicBaseUrl),
    };
    if (config.smtpUrl && !config.publicBaseUrl)
      this.logger.warn(
        'PUBLIC_BASE_URL 未设置：通知邮件只含系统内路径 / PUBLIC_BASE_URL is not set: notification emails carry paths, not links',
      );
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
    for (let started = 1; started;) {
      await this.ticking;
      started = await this.tick();
      while (this.inFlight.size) await Promise.all([...this.inFlight]);
    }
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
      if (this.ticking) return this.schedule(POLL_MS);
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`delivery tick failed: ${(error as Error).message}`))
        .finally(() => {
          this.ticking = undefined;
          if (!this.stopped) this.schedule(POLL_MS);
        });
    }, ms);
    this.timer.unref();
  }

  /** Starts every idle lane that has something due; returns how many it started. */
  private async tick(): Promise<number> {
    let started = 0;
    for (const { lane, kind } of await this.store.dueLanes()) {
      if (this.busy.has(lane)) continue;
      this.busy.add(lane);
      const run = this.runLane(lane, kind)
        .catch((error: unknown) => this.logger.error(`deliveries of ${lane}: ${(error as Error).message}`))
        .finally(() => {
          this.busy.delete(lane);
          this.inFlight.delete(run);
          // More may be due in this lane: look again soon rather than at the next poll.
          if (!this.stopped) this.schedule(0);
        });
      this.inFlight.add(run);
      started++;
    }
    return started;
  }

  private async runLane(lane: string, kind: ChannelKind): Promise<void> {
    if (lane === USER_EMAIL_LANE) {
      const items = await this.store.claim(lane, LANE_CONCURRENCY.email * CLAIM_PER_SLOT);
      return this.sendEach(items, LANE_CONCURRENCY.email, (item) => ({
        kind: 'email',
        target: item.recipient,
        secret: null,
        deliveryId: item.id,
      }));
    }
    const channel = await this.store.channel(lane);
    if (!channel || !channel.enabled || channel.deleted_at) {
      const items = await this.store.claim(lane, 500);
      if (items.length)
        await this.store.failed(
          items.map((i) => i.id),
          new DeliveryError('渠道已停用或删除 / channel disabled or deleted'),
          true,
        );
      return;
    }
    const destination = (deliveryId: string): Destination => ({
      kind: channel.kind,
      target: channel.target,
      secret: channel.secret,
      deliveryId,
    });
    if (ROBOT_KINDS.includes(channel.kind)) return this.sendDigest(lane, channel.kind, destination);
    const bound = LANE_CONCURRENCY[kind] ?? 1;
    const items = await this.store.claim(lane, bound * CLAIM_PER_SLOT);
    return this.sendEach(items, bound, (item) => destination(item.id));
  }

  /** One message per delivery, at most `bound` at once; the first failure holds back what was not yet sent. */
  private async sendEach(items: Claimed[], bound: number, to: (item: Claimed) => Destination): Promise<void> {
    const queue = [...items];
    const sent: Array<{ id: string; at: Date }> = [];
    let pausedUntil: Date | undefined;
    const slot = async () => {
      for (let item = queue.shift(); item && !pausedUntil; item = queue.shift()) {
        const destination = to(item);
        try {
          await this.senders[destination.kind].send(destination, [item.message]);
          sent.push({ id: item.id, at: this.store.now() });
        } catch (error) {
          const retryAt = await this.store.failed([item.id], deliveryError(error), false);
          this.warnFailed(1, error);
          pausedUntil ??= retryAt;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(bound, items.length) }, slot));
    await this.store.sent(sent);
    if (pausedUntil && queue.length)
      await this.store.release(
        queue.map((i) => i.id),
        pausedUntil,
      );
  }

  /** Robots: one digest within the rate limit; the rest waits for the next slot. */
  private async sendDigest(lane: string, kind: ChannelKind, to: (deliveryId: string) => Destination): Promise<void> {
    // Whatever waits for this robot joins the digest (it gathers for a moment before it is due).
    const items = await this.store.claim(lane, ROBOT_DIGEST_CLAIM, true);
    if (!items.length) return;
    const budget = DIGEST_BYTES[kind] ?? 4000;
    const digest: Claimed[] = [];
    let bytes = 0;
    for (const item of items) {
      const size = Buffer.byteLength(item.message.title + item.message.text, 'utf8') + 16;
      if (digest.length && bytes + size > budget) break;
      digest.push(item);
      bytes += size;
    }
    const nextSlot = await this.store.takeRobotSlot(lane, digest.length);
    if (nextSlot) {
      await this.store.release(
        items.map((i) => i.id),
        nextSlot,
      );
      return;
    }
    await this.store.release(
      items.slice(digest.length).map((i) => i.id),
      this.store.now(),
    );
    try {
      await this.senders[kind].send(
        to(digest[0].id),
        digest.map((i) => i.message),
      );
      const at = this.store.now();
      await this.store.sent(digest.map((i) => ({ id: i.id, at })));
    } catch (error) {
      await this.store.failed(
        digest.map((i) => i.id),
        deliveryError(error),
        false,
      );
      this.warnFailed(digest.length, error);
    }
  }

  private warnFailed(count: number, error: unknown): void {
    this.logger.warn(
      `${count} deliver${count === 1 ? 'y' : 'ies'} failed: ${deliveryError(error).message.slice(0, 200)}`,
    );
  }
}

function deliveryError(error: unknown): DeliveryError {
  return error instanceof DeliveryError ? error : new DeliveryError((error as Error).name ?? 'error');
}
