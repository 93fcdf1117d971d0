import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand, ExecutionResult } from '../../shared/event-sourcing/command-executor';
import { executeInOrder, OrderedResult } from '../../shared/event-sourcing/ordered-batch';
import { warningDecider } from '../domain/warning.decider';
import { TargetWarnings, targetIdOfWarning, warningStream } from '../domain/warning.types';
import { AcknowledgeWarningCommand, ObserveTargetCommand, ObserveTargetsCommand } from './warning.commands';

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

/** In order, all or none: a refused observation refuses the batch before anything is appended. */
@CommandHandler(ObserveTargetsCommand)
export class ObserveTargetsHandler implements ICommandHandler<ObserveTargetsCommand, OrderedResult[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ observations }: ObserveTargetsCommand): Promise<OrderedResult[]> {
    if (!observations.length) return [];
    const ordered = observations.map(({ targetId, observation, context }) => ({
      streamId: warningStream(targetId),
      command: observation,
      context,
    }));
    return executeInOrder(this.store, warningDecider, ordered, { allOrNone: true });
  }
}

export const WARNING_HANDLERS = [AcknowledgeWarningHandler, ObserveTargetHandler, ObserveTargetsHandler];
