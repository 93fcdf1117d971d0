import { CommandContext } from '../shared/event-sourcing/command-context';
import { ReportDeadline } from './deadline.decider';

/** A plan period's report due time has passed (the scheduler's write; idempotent by its command id). */
export class RecordDeadlineCommand {
  constructor(
    readonly deadline: ReportDeadline,
    readonly context: CommandContext,
  ) {}
}
