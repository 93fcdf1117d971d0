import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CatalogLookup } from '../../catalog/application/catalog-lookup';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { BatchedOutcome } from '../../shared/event-sourcing/command-batch';
import { OrderedCommand } from '../../shared/event-sourcing/ordered-batch';
import { executeSingleCommands } from '../../shared/event-sourcing/single-command-batch';
import { targetDecider } from '../domain/target.decider';
import { targetIdOf, targetStream } from '../domain/target-ids';
import { TargetCommand, TargetState } from '../domain/target.types';
import { assignTargetOf } from './assign-target';
import { adjustTargetOf, correctProgressOf, reportProgressOf, targetUnitScope } from './target-command-of';
import {
  AdjustTargetCommand,
  AssignTargetCommand,
  CorrectProgressCommand,
  ReportProgressCommand,
} from './target.commands';

/** The target commands a batch carries: each exactly as it would be sent alone. */
export type TargetBatchItem =
  AssignTargetCommand | ReportProgressCommand | CorrectProgressCommand | AdjustTargetCommand;

/**
 * Many target commands in one go, in their order (the plan importer's assignments, a simulated day of the
 * demo year): each decided as its own handler decides it — the catalog looked up for an assignment, the
 * command's unit-scope authorization and expected revision checked against the target's state, the
 * target decider — every target stream read once, and the events appended in the same order, many
 * targets to a transaction (`executeInOrder`): a few commits, and the followers take them in a few
 * batches, instead of a commit per command.
 */
export class RecordTargetBatchCommand {
  constructor(readonly items: readonly TargetBatchItem[]) {}
}

export interface TargetBatchResult {
  targetId: string;
  outcome: BatchedOutcome;
  /** The target stream's revision after the item's turn (-1n while it has no events). */
  revision: bigint;
  /** Position of the append holding the item's events (or of its recorded events when repeated). */
  position?: bigint;
}

@CommandHandler(RecordTargetBatchCommand)
export class RecordTargetBatchHandler implements ICommandHandler<RecordTargetBatchCommand, TargetBatchResult[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: CatalogLookup,
  ) {}

  async execute({ items }: RecordTargetBatchCommand): Promise<TargetBatchResult[]> {
    const results = await executeSingleCommands(this.store, targetDecider, items, (item) => this.translate(item));
    return results.map((result, i) => ({ targetId: targetIdOfItem(items[i]), ...result }));
  }

  /** The item as its single handler (target.handlers.ts) hands it to the decider. */
  private async translate(item: TargetBatchItem): Promise<OrderedCommand<TargetCommand, TargetState>> {
    if (item instanceof AssignTargetCommand) {
      const { targetId, command } = await assignTargetOf(this.catalog, item.input);
      return { streamId: targetStream(targetId), command, context: item.context };
    }
    const on = (command: TargetCommand, extra: Partial<OrderedCommand<TargetCommand, TargetState>> = {}) => ({
      streamId: targetStream(item.targetId),
      command,
      context: item.context,
      ...extra,
    });
    const scoped = (authorization: ReportProgressCommand['authorization']) => {
      const check = targetUnitScope(authorization);
      return check ? { authorization: check } : {};
    };
    if (item instanceof ReportProgressCommand) return on(reportProgressOf(item), scoped(item.authorization));
    if (item instanceof CorrectProgressCommand) return on(correctProgressOf(item), scoped(item.authorization));
    return on(adjustTargetOf(item), { expectedRevision: item.expectedRevision });
  }
}

function targetIdOfItem(item: TargetBatchItem): string {
  if (!(item instanceof AssignTargetCommand)) return item.targetId;
  const { planCode, indicatorCode, unitCode } = item.input;
  return targetIdOf(planCode, indicatorCode, unitCode);
}
