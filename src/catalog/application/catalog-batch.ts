import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { BatchedOutcome } from '../../shared/event-sourcing/command-batch';
import { Decider, DomainEvent } from '../../shared/event-sourcing/decider';
import { executeInOrder, OrderedCommand } from '../../shared/event-sourcing/ordered-batch';
import { DomainError } from '../../shared/problems/domain-error';
import { indicatorStream, planStream, unitStream } from '../domain/catalog-codes';
import { indicatorDecider } from '../domain/indicator.decider';
import { planDecider } from '../domain/plan.decider';
import { unitDecider } from '../domain/unit.decider';
import { CatalogLookup } from './catalog-lookup';
import { CreatePlanCommand, DefineIndicatorCommand, RegisterUnitCommand } from './catalog.commands';
import { defineIndicatorOf } from './define-indicator';

/** The catalog commands a batch carries: each exactly as it would be sent alone. */
export type CatalogBatchItem = RegisterUnitCommand | CreatePlanCommand | DefineIndicatorCommand;

/**
 * Many catalog commands in one go, in their order (the plan importer's units, plan and indicators): each
 * decided as its own handler (catalog.handlers.ts) decides it — an indicator's plan rules and references
 * looked up in the catalog's streams (defineIndicatorOf) — and appended in the same order, many entries to a transaction
 * (`executeInOrder`), instead of a read and a commit per command.
 */
export class RecordCatalogBatchCommand {
  constructor(readonly items: readonly CatalogBatchItem[]) {}
}

export interface CatalogBatchResult {
  outcome: BatchedOutcome;
  /** The entry stream's revision after the item's turn (-1n while it has no events). */
  revision: bigint;
  /** Position of the append holding the item's events (or of its recorded events when repeated). */
  position?: bigint;
}

type Kind = 'unit' | 'plan' | 'indicator';
// The run's decider is the one of its kind; the commands of a run are all of that kind.
type AnyDecider = Decider<unknown, DomainEvent, unknown>;
const DECIDERS: Record<Kind, AnyDecider> = {
  unit: unitDecider as unknown as AnyDecider,
  plan: planDecider as unknown as AnyDecider,
  indicator: indicatorDecider as unknown as AnyDecider,
};

/** Consecutive items of one kind, decided together; `at[i]` is the batch index of the run's i-th command. */
interface Run {
  kind: Kind;
  commands: Array<OrderedCommand<unknown, unknown>>;
  at: number[];
  /** Indicator streams this run defines (an indicator naming one of them as parent waits for its append). */
  streams: Set<string>;
}

@CommandHandler(RecordCatalogBatchCommand)
export class RecordCatalogBatchHandler implements ICommandHandler<RecordCatalogBatchCommand, CatalogBatchResult[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: CatalogLookup,
  ) {}

  async execute({ items }: RecordCatalogBatchCommand): Promise<CatalogBatchResult[]> {
    const results: CatalogBatchResult[] = new Array(items.length);
    let run: Run | undefined;
    const flush = async () => {
      if (!run) return;
      const done = run;
      run = undefined;
      const decided = await executeInOrder(this.store, DECIDERS[done.kind], done.commands);
      decided.forEach((result, i) => (results[done.at[i]] = result));
    };
    for (const [index, item] of items.entries()) {
      const kind = kindOf(item);
      // What an item looks up (its plan, its parent, the units it names) must be appended before it is looked up.
      const waits =
        run !== undefined &&
        (run.kind !== kind ||
          (item instanceof DefineIndicatorCommand &&
            item.indicator.parentCode !== undefined &&
            run.streams.has(indicatorStream(item.indicator.planCode, item.indicator.parentCode))));
      if (waits) await flush();
      let ordered: OrderedCommand<unknown, unknown>;
      try {
        ordered = await this.translate(item);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results[index] = { outcome: { kind: 'refused', error }, revision: -1n };
        continue;
      }
      run ??= { kind, commands: [], at: [], streams: new Set() };
      run.commands.push(ordered);
      run.at.push(index);
      if (kind === 'indicator') run.streams.add(ordered.streamId);
    }
    await flush();
    return results;
  }

  /** The item as its single handler hands it to the decider (the same lookups, in the same order). */
  private async translate(item: CatalogBatchItem): Promise<OrderedCommand<unknown, unknown>> {
    const { context } = item;
    if (item instanceof RegisterUnitCommand) {
      return { streamId: unitStream(item.unit.code), command: { type: 'RegisterUnit', unit: item.unit }, context };
    }
    if (item instanceof CreatePlanCommand) {
      return { streamId: planStream(item.plan.code), command: { type: 'CreatePlan', plan: item.plan }, context };
    }
    const { indicator } = item;
    const command = await defineIndicatorOf(this.catalog, indicator);
    return { streamId: indicatorStream(indicator.planCode, indicator.code), command, context };
  }
}

function kindOf(item: CatalogBatchItem): Kind {
  if (item instanceof RegisterUnitCommand) return 'unit';
  if (item instanceof CreatePlanCommand) return 'plan';
  return 'indicator';
}
