import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { CatalogQueries } from '../catalog/read-model/catalog.queries';
import { shanghaiDate } from '../rules';
import { ScheduledJob, Scheduler } from '../scheduling/scheduler';
import { CLOCK, Clock } from '../shared/clock';
import { SYSTEM_ACTOR } from '../shared/event-sourcing/command-context';
import { ExecutionResult } from '../shared/event-sourcing/command-executor';
import { RecordDeadlineCommand } from './deadline.commands';
import { DeadlineState } from './deadline.decider';
import { periodsPastDeadline } from './due-periods';

const NAMESPACE = 'a3f1e0c2-5b7d-4e9a-8c6f-1d2e3f4a5b6c';

/**
 * Appends a deadline event for each plan period whose report due time has passed, once per period.
 * A job of the scheduler (at boot and every minute, on one instance); the demo, without the
 * scheduler, and tests call `tick()` with an injected clock.
 */
@Injectable()
export class DeadlineScheduler implements ScheduledJob {
  readonly jobName = 'deadlines';
  readonly everyMs = 60_000;
  readonly atBoot = true;

  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly catalog: CatalogQueries,
    @Optional() scheduler?: Scheduler,
  ) {
    scheduler?.register(this);
  }

  /** Records every deadline passed by now; returns how many new deadline events were appended. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    let recorded = 0;
    for (const plan of await this.catalog.plans()) {
      for (const { period, dueDate } of periodsPastDeadline(plan.year, today, plan.reportDueDay)) {
        const result = await this.commands.execute<RecordDeadlineCommand, ExecutionResult<DeadlineState>>(
          new RecordDeadlineCommand(
            { planCode: plan.code, period, dueDate },
            { commandId: uuidv5(`${plan.code}/${period}`, NAMESPACE), actor: SYSTEM_ACTOR, now, idempotent: true },
          ),
        );
        if (result.events.length && !result.repeated) recorded++;
      }
    }
    return recorded;
  }
}
