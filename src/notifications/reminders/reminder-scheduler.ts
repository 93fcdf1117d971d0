import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import { shanghaiDate } from '../../rules';
import { addDays } from '../../rules/working-days';
import { CLOCK, Clock } from '../../shared/clock';
import { SYSTEM_ACTOR } from '../../shared/event-sourcing/command-context';
import { ExecutionResult } from '../../shared/event-sourcing/command-executor';
import { ScheduledJob, Scheduler } from '../../scheduling/scheduler';
import { WorkingDayCalendars } from '../calendar/working-day-calendars';
import { RecordUrgingReplyOverdueCommand, UrgingWriteResult } from '../urging/urge.handler';
import { NotificationRules } from '../rules/notification-rules';
import { REMINDER_GRACE_DAYS, remindersOfYear } from './reminder-days';
import { ReminderState } from './reminder.decider';
import { RecordReminderDueCommand } from './reminder.handler';

const NAMESPACE = '9e4b7c2a-3d5f-4a1b-8c6e-2f7d9a0b1c3e';

/**
 * Time as an event, for notifications: records report reminders and overdue notices on their
 * working days, and urgings whose reply deadline passed unanswered, through idempotent commands on
 * the bus. A job of the scheduler (at boot and every minute, on one instance) on the application
 * clock; tests call `tick()`.
 */
@Injectable()
export class ReminderScheduler implements ScheduledJob {
  readonly jobName = 'reminders';
  readonly everyMs = 60_000;
  readonly atBoot = true;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly catalog: CatalogQueries,
    private readonly calendars: WorkingDayCalendars,
    private readonly rules: NotificationRules,
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    @Optional() scheduler?: Scheduler,
  ) {
    scheduler?.register(this);
  }

  /** Records what is due by now; returns how many new events were appended. */
  async tick(): Promise<number> {
    return (await this.reminders()) + (await this.urgingsPastReplyBy());
  }

  private async reminders(): Promise<number> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const plans = await this.catalog.plans();
    if (!plans.length) return 0;
    const calendar = await this.calendars.calendarFor(plans.map((p) => p.year));
    let recorded = 0;
    for (const plan of plans) {
      const table = this.rules.forPlan(plan.code);
      const reminders = remindersOfYear(plan.code, plan.year, calendar, {
        dueDay: plan.reportDueDay,
        workingDaysBefore: table.reminderWorkingDays,
        dueDayMovesToWorkingDay: table.dueDayMovesToWorkingDay,
      });
      for (const reminder of reminders) {
        // Due today or a little while ago (a server that was down catches up); older ones are stale.
        if (reminder.day > today || addDays(reminder.day, REMINDER_GRACE_DAYS) < today) continue;
        const kindEnabled = this.rules.rule(
          reminder.kind === 'overdue' ? 'report_overdue' : 'report_reminder',
          plan.code,
        ).enabled;
        if (!kindEnabled) continue;
        const result = await this.commands.execute<RecordReminderDueCommand, ExecutionResult<ReminderState>>(
          new RecordReminderDueCommand(reminder, {
            commandId: uuidv5(
              `${plan.code}/${reminder.period}/${reminder.kind}/${reminder.workingDaysBefore}`,
              NAMESPACE,
            ),
            actor: SYSTEM_ACTOR,
            now,
            idempotent: true,
          }),
        );
        if (result.events.length && !result.repeated) recorded++;
      }
    }
    return recorded;
  }

  private async urgingsPastReplyBy(): Promise<number> {
    const now = this.clock.now();
    const due: Array<{ urging_id: string; warning_id: string }> = await this.dataSource.query(
      `SELECT urging_id, warning_id FROM notification_urgings WHERE replied_at IS NULL AND reply_overdue_at IS NULL AND reply_by < $1 ORDER BY reply_by`,
      [now],
    );
    let recorded = 0;
    for (const u of due) {
      const result = await this.commands.execute<RecordUrgingReplyOverdueCommand, UrgingWriteResult>(
        new RecordUrgingReplyOverdueCommand(u.warning_id, u.urging_id, {
          commandId: uuidv5(`${u.urging_id}/reply-overdue`, NAMESPACE),
          actor: SYSTEM_ACTOR,
          now,
          idempotent: true,
        }),
      );
      if (result.appended) recorded++;
    }
    return recorded;
  }
}
