import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { executeCommand } from '../../shared/event-sourcing/command-executor';
import { WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import { UrgedWarning, urgingDecider, UrgingsState, urgingStream } from './urging.decider';

/** The office urges (催办) the unit responsible for a warning, with a message and an optional reply deadline. */
export class UrgeUnitCommand {
  constructor(
    readonly warning: UrgedWarning,
    readonly input: { message: string; replyBy?: string },
    readonly context: CommandContext,
  ) {}
}

/** The reply deadline of an urging passed unanswered (the urging scheduler). */
export class RecordUrgingReplyOverdueCommand {
  constructor(
    readonly warningId: string,
    readonly urgingId: string,
    readonly context: CommandContext,
  ) {}
}

/** The unit replies to an urging; its authorization is checked against the urging's unit before anything is appended. */
export class ReplyToUrgingCommand {
  constructor(
    readonly warningId: string,
    readonly urgingId: string,
    readonly message: string,
    readonly context: CommandContext,
    readonly authorization: WriteAuthorization,
  ) {}
}

export interface UrgingWriteResult {
  urgingId?: string;
  position?: bigint;
  /** False when nothing new was written (already recorded, or nothing to record). */
  appended: boolean;
}

@CommandHandler(UrgeUnitCommand)
export class UrgeUnitHandler implements ICommandHandler<UrgeUnitCommand, UrgingWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ warning, input, context }: UrgeUnitCommand): Promise<UrgingWriteResult> {
    const result = await executeCommand(
      this.store,
      urgingDecider,
      urgingStream(warning.warningId),
      { type: 'UrgeUnit', warning, ...input },
      context,
    );
    const urged = result.events[0] as { data: { urgingId: string } } | undefined;
    return {
      urgingId: urged?.data.urgingId,
      position: result.position,
      appended: result.events.length > 0 && !result.repeated,
    };
  }
}

@CommandHandler(RecordUrgingReplyOverdueCommand)
export class RecordUrgingReplyOverdueHandler implements ICommandHandler<
  RecordUrgingReplyOverdueCommand,
  UrgingWriteResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ warningId, urgingId, context }: RecordUrgingReplyOverdueCommand): Promise<UrgingWriteResult> {
    const result = await executeCommand(
      this.store,
      urgingDecider,
      urgingStream(warningId),
      { type: 'RecordReplyOverdue', urgingId },
      context,
    );
    return { urgingId, position: result.position, appended: result.events.length > 0 && !result.repeated };
  }
}

@CommandHandler(ReplyToUrgingCommand)
export class ReplyToUrgingHandler implements ICommandHandler<ReplyToUrgingCommand, UrgingWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({
    warningId,
    urgingId,
    message,
    context,
    authorization,
  }: ReplyToUrgingCommand): Promise<UrgingWriteResult> {
    const result = await executeCommand(
      this.store,
      urgingDecider,
      urgingStream(warningId),
      { type: 'ReplyToUrging', urgingId, message },
      context,
      {
        authorization: {
          authorization,
          unitOf: (state: UrgingsState) => state.urgings.find((u) => u.urgingId === urgingId)?.unitCode,
        },
      },
    );
    return { urgingId, position: result.position, appended: result.events.length > 0 && !result.repeated };
  }
}
