import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand, ExecutionResult } from '../../shared/event-sourcing/command-executor';
import { executeInOrder, OrderedResult } from '../../shared/event-sourcing/ordered-batch';
import { streamStatesOf } from '../../shared/event-sourcing/stream-states';
import { warningDecider } from '../domain/warning.decider';
import { TargetWarnings, targetIdOfWarning, warningStream } from '../domain/warning.types';
import { AcknowledgeWarningCommand, ObserveTargetCommand, ObserveTargetsCommand } from './warning.commands';

export type WarningWriteResult = ExecutionResult<TargetWarnings>;

/** Every writer of warning streams shares them: a write through one leaves the others' states current. */
const warningStates = (store: EventStore) => streamStatesOf<TargetWarnings>(store, 'warning');

@CommandHandler(AcknowledgeWarningCommand)
export class AcknowledgeWarningHandler implements ICommandHandler<AcknowledgeWarningCommand, WarningWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, context, authorization }: AcknowledgeWarningCommand): Promise<WarningWriteResult> {
    const stream = warningStream(targetIdOfWarning(input.warningId));
    return executeCommand(this.store, warningDecider, stream, { type: 'AcknowledgeWarning', ...input }, context, {
      states: warningStates(this.store),
      ...(authorization ? { authorization: { authorization, unitOf: (state: TargetWarnings) => state.unitCode } } : {}),
    });
  }
}

@CommandHandler(ObserveTargetCommand)
export class ObserveTargetHandler implements ICommandHandler<ObserveTargetCommand, WarningWriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ targetId, observation, context }: ObserveTargetCommand): Promise<WarningWriteResult> {
    return executeCommand(this.store, warningDecider, warningStream(targetId), observation, context, {
      states: warningStates(this.store),
    });
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
    return executeInOrder(this.store, warningDecider, ordered, {
      allOrNone: true,
      states: warningStates(this.store),
    });
  }
}

export const WARNING_HANDLERS = [AcknowledgeWarningHandler, ObserveTargetHandler, ObserveTargetsHandler];
