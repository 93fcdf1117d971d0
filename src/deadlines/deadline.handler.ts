import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { executeCommand, ExecutionResult } from '../shared/event-sourcing/command-executor';
import { RecordDeadlineCommand } from './deadline.commands';
import { deadlineDecider, DeadlineState, deadlineStream } from './deadline.decider';

@CommandHandler(RecordDeadlineCommand)
export class RecordDeadlineHandler implements ICommandHandler<RecordDeadlineCommand, ExecutionResult<DeadlineState>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ deadline, context }: RecordDeadlineCommand): Promise<ExecutionResult<DeadlineState>> {
    return executeCommand(
      this.store,
      deadlineDecider,
      deadlineStream(deadline.planCode),
      { type: 'RecordDeadlinePassed', deadline },
      context,
    );
  }
}
