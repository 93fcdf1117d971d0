import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { BatchedOutcome } from '../../shared/event-sourcing/command-batch';
import { Decider, DomainEvent } from '../../shared/event-sourcing/decider';
import { OrderedCommand } from '../../shared/event-sourcing/ordered-batch';
import { executeSingleCommands } from '../../shared/event-sourcing/single-command-batch';
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

/** Consecutive items of one kind, decided together; `at[i]` is the batch index of the run's i-th item. */
interface Run {
  kind: Kind;
  items: CatalogBatchItem[];
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
    // A run is translated only once the runs before it are appended: its items look those up.
    for (const run of runsOf(items)) {
      const decided = await executeSingleCommands(this.store, DECIDERS[run.kind], run.items, (item) =>
        this.translate(item),
      );
      decided.forEach((result, i) => (results[run.at[i]] = result));
    }
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

/**
 * The items in runs: a new run where the kind changes, or where an indicator names as parent one the run
 * defines (what an item looks up — its plan, its parent, the units it names — must be appended first).
 */
function runsOf(items: readonly CatalogBatchItem[]): Run[] {
  const runs: Run[] = [];
  for (const [index, item] of items.entries()) {
    const kind = kindOf(item);
    let run: Run | undefined = runs[runs.length - 1];
    const waits =
      run !== undefined &&
      (run.kind !== kind ||
        (item instanceof DefineIndicatorCommand &&
          item.indicator.parentCode !== undefined &&
          run.streams.has(indicatorStream(item.indicator.planCode, item.indicator.parentCode))));
    if (run === undefined || waits) {
      run = { kind, items: [], at: [], streams: new Set() };
      runs.push(run);
    }
    run.items.push(item);
    run.at.push(index);
    if (item instanceof DefineIndicatorCommand) {
      run.streams.add(indicatorStream(item.indicator.planCode, item.indicator.code));
    }
  }
  return runs;
}

function kindOf(item: CatalogBatchItem): Kind {
  if (item instanceof RegisterUnitCommand) return 'unit';
  if (item instanceof CreatePlanCommand) return 'plan';
  return 'indicator';
}
