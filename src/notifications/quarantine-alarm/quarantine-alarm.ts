import { Inject, Injectable, Optional } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { poolOf } from '../../database/data-source';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ScheduledJob, Scheduler } from '../../scheduling/scheduler';
import { CLOCK, Clock } from '../../shared/clock';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { NoticeWriter } from '../dispatcher/notice-writer';
import { NotificationRules } from '../rules/notification-rules';

interface Entry {
  follower: string;
  position: string;
  event_type: string;
  stream_id: string;
  error: string;
  at: Date;
}

/** How often the quarantine is looked at: an alarm within seconds, at the cost of one indexed query. */
export const QUARANTINE_ALARM_INTERVAL_MS = 5_000;
const LISTED = 5;

/**
 * 隔离告警: when a follower puts an event in quarantine (`follower_quarantine`, written by the follower
 * runner, not an event in the log), the office is told — one notice per follower and look, naming the
 * events. What was alarmed is recorded in the same transaction as the notices, so each quarantining
 * alarms once; a re-quarantine (the entry's time changes) alarms again.
 */
@Injectable()
export class QuarantineAlarm implements ScheduledJob {
  readonly jobName = 'quarantine-alarm';
  readonly everyMs = QUARANTINE_ALARM_INTERVAL_MS;
  readonly atBoot = false;
  private readonly pool: Pool;
  private readonly writer: NoticeWriter;
  private running?: Promise<number>;

  constructor(
    dataSource: DataSource,
    config: AppConfig,
    rules: NotificationRules,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly worker: DeliveryWorker,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() scheduler?: Scheduler,
  ) {
    this.pool = poolOf(dataSource);
    this.writer = new NoticeWriter(rules, !!config.smtpUrl, clock);
    scheduler?.register(this);
  }

  /** Alarms of what was quarantined since the last look; returns how many entries it alarmed of. */
  tick(): Promise<number> {
    this.running ??= this.look().finally(() => (this.running = undefined));
    return this.running;
  }

  private async look(): Promise<number> {
    const { rows } = await this.pool.query<Entry>(
      `SELECT q.follower, q.position::text AS position, q.event_type, q.stream_id, q.error, q.at FROM follower_quarantine q
        WHERE q.resolved_at IS NULL AND NOT EXISTS (
          SELECT 1 FROM notification_quarantine_alarms a WHERE a.follower = q.follower AND a.position = q.position AND a.quarantined_at = q.at)
        ORDER BY q.follower, q.position LIMIT 1000`,
    );
    if (!rows.length) return 0;
    const byFollower = new Map<string, Entry[]>();
    for (const row of rows) byFollower.set(row.follower, [...(byFollower.get(row.follower) ?? []), row]);
    for (const [follower, entries] of byFollower) await this.alarm(follower, entries);
    this.worker.wakeSoon();
    return rows.length;
  }

  private async alarm(follower: string, entries: Entry[]): Promise<void> {
    const first = entries[0];
    const [event] = await this.store.readLog({ after: BigInt(first.position) - 1n, limit: 1 });
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // From the table itself: its times have microseconds, which a JavaScript Date would lose.
      await client.query(
        `INSERT INTO notification_quarantine_alarms (follower, position, quarantined_at, alarmed_at)
         SELECT follower, position, at, $3::timestamptz FROM follower_quarantine WHERE follower = $1 AND position = ANY($2::bigint[]) AND resolved_at IS NULL
         ON CONFLICT DO NOTHING`,
        [follower, entries.map((e) => e.position), this.clock.now()],
      );
      if (event && event.position === BigInt(first.position)) {
        const listed = entries
          .slice(0, LISTED)
          .map((e) => `#${e.position} ${e.event_type}（${e.stream_id}）：${e.error.split('\n')[0].slice(0, 200)}`);
        await this.writer.write(client, event, {
          kind: 'follower_quarantined',
          key: `${follower}/${first.at.toISOString()}`,
          title: `【隔离告警】${follower} 隔离了 ${entries.length} 个事件 / ${follower} quarantined ${entries.length} event(s)`,
          text:
            `${listed.join('\n')}${entries.length > LISTED ? `\n… 共 ${entries.length} 个 / ${entries.length} in all` : ''}\n` +
            '修复后在隔离区重试（GET /api/quarantine，POST /api/quarantine/:id/retry）/ Retry them from the quarantine once fixed.',
          link: '/inbox',
        });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
