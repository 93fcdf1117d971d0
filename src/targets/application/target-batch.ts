import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CatalogLookup } from '../../catalog/application/catalog-lookup';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { BatchedOutcome } from '../../shared/event-sourcing/command-batch';
import { executeInOrder, OrderedCommand } from '../../shared/event-sourcing/ordered-batch';
import { DomainError } from '../../shared/problems/domain-error';
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

type Translated =
  | { targetId: string; ordered: OrderedCommand<TargetCommand, TargetState> }
  | { targetId: string; refused: DomainError };

@CommandHandler(RecordTargetBatchCommand)
export class RecordTargetBatchHandler implements ICommandHandler<RecordTargetBatchCommand, TargetBatchResult[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: CatalogLookup,
  ) {}

  async execute({ items }: RecordTargetBatchCommand): Promise<TargetBatchResult[]> {
    const translated: Translated[] = [];
    for (const item of items) translated.push(await this.translate(item));
    const ordered = translated.flatMap((t) => ('ordered' in t ? [t.ordered] : []));
    const results = await executeInOrder(this.store, targetDecider, ordered);
    let next = 0;
    return translated.map((t) => {
      if (!('ordered' in t))
        return { targetId: t.targetId, outcome: { kind: 'refused', error: t.refused }, revision: -1n };
      return { targetId: t.targetId, ...results[next++] };
    });
  }

  /** The item as its single handler (target.handlers.ts) hands it to the decider. */
  private async translate(item: TargetBatchItem): Promise<Translated> {
    if (item instanceof AssignTargetCommand) {
      try {
        const { targetId, command } = await assignTargetOf(this.catalog, item.input);
        return { targetId, ordered: { streamId: targetStream(targetId), command, context: item.context } };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const { planCode, indicatorCode, unitCode } = item.input;
        return { targetId: targetIdOf(planCode, indicatorCode, unitCode), refused: error };
      }
    }
    const on = (command: TargetCommand, extra: Partial<OrderedCommand<TargetCommand, TargetState>> = {}) => ({
      targetId: item.targetId,
      ordered: { streamId: targetStream(item.targetId), command, context: item.context, ...extra },
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
