import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CatalogLookup } from '../../catalog/application/catalog-lookup';
import { WriteResult } from '../../catalog/application/catalog.commands';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand, ExecuteOptions } from '../../shared/event-sourcing/command-executor';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { targetDecider } from '../domain/target.decider';
import { targetIdOf, targetStream } from '../domain/target-ids';
import { IndicatorSnapshot, TargetCommand, TargetState } from '../domain/target.types';
import {
  AdjustTargetCommand,
  AssignTargetCommand,
  CorrectProgressCommand,
  ReportProgressCommand,
  UnitScopeCheck,
  WithdrawTargetCommand,
} from './target.commands';

export interface TargetWriteResult extends WriteResult {
  targetId: string;
  /** True when an identical command had been recorded before (idempotent retry or re-import). */
  repeated: boolean;
}

abstract class TargetCommandHandler {
  constructor(@Inject(EVENT_STORE) protected readonly store: EventStore) {}

  protected async run(
    targetId: string,
    command: TargetCommand,
    context: CommandContext,
    options: ExecuteOptions & { scope?: UnitScopeCheck } = {},
  ): Promise<TargetWriteResult> {
    const { scope, ...rest } = options;
    const authorize = scope
      ? (state: unknown) => {
          if (state) scope((state as NonNullable<TargetState>).unitCode);
        }
      : undefined;
    const result = await executeCommand(this.store, targetDecider, targetStream(targetId), command, context, { ...rest, authorize });
    return { targetId, revision: result.revision, position: result.position, repeated: result.repeated };
  }
}

@CommandHandler(AssignTargetCommand)
export class AssignTargetHandler extends TargetCommandHandler implements ICommandHandler<AssignTargetCommand> {
  constructor(@Inject(EVENT_STORE) store: EventStore, private readonly catalog: CatalogLookup) {
    super(store);
  }

  async execute({ input, context }: AssignTargetCommand) {
    const plan = await this.catalog.plan(input.planCode);
    const indicator = await this.catalog.indicator(input.planCode, input.indicatorCode);
    await this.catalog.unit(input.unitCode);
    const snapshot: IndicatorSnapshot = {
      planCode: plan.code,
      planYear: plan.year,
      code: indicator.code,
      name: indicator.name,
      category: indicator.category,
      ...(indicator.parentCode ? { parentCode: indicator.parentCode } : {}),
      kind: indicator.kind,
      unitOfMeasure: indicator.unitOfMeasure,
      ...(indicator.direction ? { direction: indicator.direction } : {}),
      ...(indicator.reportingMonths ? { reportingMonths: indicator.reportingMonths } : {}),
      ...(indicator.paceCurve ? { paceCurve: indicator.paceCurve } : {}),
      decomposition: indicator.decomposition,
      ...(plan.thresholds || indicator.thresholds ? { thresholds: { ...plan.thresholds, ...indicator.thresholds } } : {}),
      ...(plan.reportDueDay ? { reportDueDay: plan.reportDueDay } : {}),
      // Only what the catalog states travels: an unchanged re-import then meets an identical target.
      ...(plan.settings && Object.keys(plan.settings).length ? { planSettings: { ...plan.settings } } : {}),
      ...(indicator.allowNegative ? { allowNegative: true } : {}),
    };
    const targetId = targetIdOf(input.planCode, input.indicatorCode, input.unitCode);
    const { planCode: _p, indicatorCode: _i, ...values } = input;
    return this.run(targetId, { type: 'AssignTarget', targetId, indicator: snapshot, ...values }, context);
  }
}

@CommandHandler(AdjustTargetCommand)
export class AdjustTargetHandler extends TargetCommandHandler implements ICommandHandler<AdjustTargetCommand> {
  execute({ targetId, input, expectedRevision, context }: AdjustTargetCommand) {
    return this.run(targetId, { type: 'AdjustTarget', ...input }, context, { expectedRevision });
  }
}

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler extends TargetCommandHandler implements ICommandHandler<ReportProgressCommand> {
  execute({ targetId, period, report, context, scope }: ReportProgressCommand) {
    return this.run(targetId, { type: 'ReportProgress', period, report, reportedAt: context.now }, context, { scope });
  }
}

@CommandHandler(CorrectProgressCommand)
export class CorrectProgressHandler extends TargetCommandHandler implements ICommandHandler<CorrectProgressCommand> {
  execute({ targetId, period, correction, reason, context, scope }: CorrectProgressCommand) {
    return this.run(targetId, { type: 'CorrectProgress', period, correction, reason }, context, { scope });
  }
}

@CommandHandler(WithdrawTargetCommand)
export class WithdrawTargetHandler extends TargetCommandHandler implements ICommandHandler<WithdrawTargetCommand> {
  execute({ targetId, input, expectedRevision, context }: WithdrawTargetCommand) {
    return this.run(targetId, { type: 'WithdrawTarget', ...input }, context, { expectedRevision });
  }
}

export const TARGET_HANDLERS = [
  AssignTargetHandler,
  AdjustTargetHandler,
  ReportProgressHandler,
  CorrectProgressHandler,
  WithdrawTargetHandler,
];
