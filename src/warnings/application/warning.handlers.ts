import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand, ExecutionResult } from '../../shared/event-sourcing/command-executor';
import { warningDecider } from '../domain/warning.decider';
import { TargetWarnings, targetIdOfWarning, warningStream } from '../domain/warning.types';
import { AcknowledgeWarningCommand, ObserveTargetCommand } from './warning.commands';

export type WarningWriteResult = ExecutionResult<TargetWarnings>;

@CommandHandler(AcknowledgeWarningCommand)
export class AcknowledgeWarningHandler implements ICommandHandler<AcknowledgeWarningCommand, WarningWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context, authorization }: AcknowledgeWarningCommand): Promise<WarningWriteResult> {
    const stream = warningStream(targetIdOfWarning(input.warningId));
    return executeCommand(this.store, warningDecider, stream, { type: 'AcknowledgeWarning', ...input }, context, {
      ...(authorization ? { authorization: { authorization, unitOf: (state: TargetWarnings) => state.unitCode } } : {}),
    });
  }
}

@CommandHandler(ObserveTargetCommand)
export class ObserveTargetHandler implements ICommandHandler<ObserveTargetCommand, WarningWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ targetId, observation, context }: ObserveTargetCommand): Promise<WarningWriteResult> {
    return executeCommand(this.store, warningDecider, warningStream(targetId), observation, context);
  }
}

export const WARNING_HANDLERS = [AcknowledgeWarningHandler, ObserveTargetHandler];
