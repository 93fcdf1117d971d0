import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { DEFAULT_RETRIES } from '../../shared/event-sourcing/command-executor';
import { executeInOrder } from '../../shared/event-sourcing/ordered-batch';
import { UrgedWarning, UrgingCommand, urgingDecider, urgingStream, WarningUrged } from './urging.decider';

/** Per-stream command ids of one batch urging (each stream's events get ids of their own). */
const NAMESPACE = '9a4e1c7b-3d2f-4b8a-8e6c-1f0d2b3a4c5e';

/**
 * The office urges a unit on several warnings at once — a month's missing reports from the 报送情况
 * matrix — with one message and reply deadline: all of them or none.
 */
export class UrgeUnitOnWarningsCommand {
  constructor(
    readonly warnings: readonly UrgedWarning[],
    readonly input: { message: string; replyBy?: string },
    readonly context: CommandContext,
  ) {}
}

export interface UrgingsWriteResult {
  urgings: Array<{ urgingId: string; warningId: string }>;
  /** Position of the last event appended. */
  position: bigint;
}

/**
 * Each warning's urging stream decided as `UrgeUnitCommand` decides it, all or none (`executeInOrder`
 * with `allOrNone`): a refusal of any one (a cleared warning) refuses the whole command before anything
 * is written, the streams go in one transaction, and a concurrent write to any of them re-reads and
 * re-decides. Each stream's command id derives from the request's, so a retry on an event store without
 * cross-stream transactions (EventStoreDB) answers the urgings already written instead of repeating them.
 */
@CommandHandler(UrgeUnitOnWarningsCommand)
export class UrgeUnitOnWarningsHandler implements ICommandHandler<UrgeUnitOnWarningsCommand, UrgingsWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ warnings, input, context }: UrgeUnitOnWarningsCommand): Promise<UrgingsWriteResult> {
    const commands = warnings.map((warning) => ({
      streamId: urgingStream(warning.warningId),
      command: { type: 'UrgeUnit', warning, ...input } as UrgingCommand,
      context: {
        ...context,
        commandId: uuidv5(`${context.commandId}/${warning.warningId}`, NAMESPACE),
        correlationId: context.correlationId ?? context.commandId,
        idempotent: true,
      },
    }));
    const results = await executeInOrder(this.store, urgingDecider, commands, {
      allOrNone: true,
      retries: DEFAULT_RETRIES,
    });
    return {
      urgings: results.map(({ outcome }, i) => ({
        urgingId: outcome.kind === 'refused' ? '' : (outcome.events[0] as WarningUrged).data.urgingId,
        warningId: warnings[i].warningId,
      })),
      position: results.reduce((max, r) => (r.position !== undefined && r.position > max ? r.position : max), -1n),
    };
  }
}
