import { Inject, Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { AppConfig } from '../../config/app-config';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import { CLOCK, Clock } from '../../shared/clock';
import { TargetsRepository } from '../../targets/read-model/targets.repository';
import { RecordedEvent } from '../../event-store/event-store.port';
import { Follower } from '../../projections/follower/follower';
import { FollowerRunner, FollowerStats } from '../../projections/follower/follower-runner';
import { ProjectionsService } from '../../projections/projections.service';
import { WARNING_EVENT_TYPES } from '../../warnings/domain/warning.types';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { URGING_EVENT_TYPES } from '../urging/urging.decider';
import { NotificationRules } from '../rules/notification-rules';
import { NoticeWriter } from './notice-writer';
import { CatalogNameCache, NoticeLookups } from './notice-lookups';
import { Notice } from './notice';
import { NoticesOfEvents } from './notices-of-events';

const TYPES = new Set<string>([...WARNING_EVENT_TYPES, ...URGING_EVENT_TYPES, 'ReportReminderDue', 'BulletinIssued']);

/**
 * The notification dispatcher (通知分发): a follower of the log — the log is the outbox. In the
 * transaction that moves its checkpoint it writes the in-app notifications and the pending
 * deliveries derived from each event, so a crash or restart neither loses nor repeats one; the
 * delivery worker then sends the deliveries. It has no rebuild: a replay would only find its rows
 * already written (ids derive from event and recipient), so nothing is sent again.
 */
@Injectable()
export class NotificationDispatcher implements Follower {
  readonly name = 'dispatcher:notifications';
  readonly version = 1;
  readonly mode = 'transactional';
  readonly role = 'readModel';
  private readonly runner: FollowerRunner;
  private readonly writer: NoticeWriter;
  /** Unit and indicator documents from batch to batch, checked against the database before each use. */
  private readonly names: CatalogNameCache;

  constructor(
    projections: ProjectionsService,
    config: AppConfig,
    rules: NotificationRules,
    private readonly worker: DeliveryWorker,
    @Inject(CLOCK) clock: Clock,
    catalog: CatalogQueries,
    private readonly targets: TargetsRepository,
  ) {
    this.writer = new NoticeWriter(rules, !!config.smtpUrl, clock);
    this.names = new CatalogNameCache(catalog);
    this.runner = projections.register(this);
  }

  get position(): bigint {
    return this.runner.position;
  }

  /** Batches and events so far (benchmarks). */
  get stats(): FollowerStats {
    return this.runner.stats;
  }

  waitFor(position: bigint, timeoutMs = 10_000): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }

  /** The events it writes notices for; the runner passes batches of others without a transaction. */
  handles(event: RecordedEvent): boolean {
    return TYPES.has(event.type);
  }

  async apply(batch: readonly RecordedEvent[], client: PoolClient | undefined): Promise<void> {
    if (!client) throw new Error('the notification dispatcher writes in the checkpoint transaction');
    const notices = new NoticesOfEvents(client, new NoticeLookups(client, this.names, this.targets));
    const rows = this.writer.batch(client);
    const derived: Array<{ event: RecordedEvent; notice: Notice }> = [];
    for (const event of batch) {
      if (!TYPES.has(event.type)) continue;
      for (const notice of await notices.of(event)) derived.push({ event, notice });
    }
    await notices.flush();
    // Everyone the batch's notices go to, in one query (not one per unit).
    await rows.loadRecipients(derived.map((d) => d.notice));
    for (const { event, notice } of derived) rows.add(event, notice, await rows.addressees(notice));
    const wrote = rows.size > 0;
    await rows.flush();
    // The worker looks once the transaction has committed (it polls as well).
    if (wrote) this.worker.wakeSoon();
  }
}
