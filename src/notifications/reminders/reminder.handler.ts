import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { executeCommand, ExecutionResult } from '../../shared/event-sourcing/command-executor';
import { ReminderState, ReportReminder, reminderDecider, reminderStream } from './reminder.decider';

/** A report reminder (临期提醒) or overdue notice (逾期提醒) is due (the reminder job's write; idempotent by its command id). */
export class RecordReminderDueCommand {
  constructor(
    readonly reminder: ReportReminder,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordReminderDueCommand)
export class RecordReminderDueHandler implements ICommandHandler<
  RecordReminderDueCommand,
  ExecutionResult<ReminderState>
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ reminder, context }: RecordReminderDueCommand): Promise<ExecutionResult<ReminderState>> {
    return executeCommand(
      this.store,
      reminderDecider,
      reminderStream(reminder.planCode),
      { type: 'RecordReminderDue', reminder },
      context,
    );
  }
}
