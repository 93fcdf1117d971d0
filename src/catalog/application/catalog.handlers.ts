import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ThresholdOverrides, mergeThresholds, paceCurveProblems } from '../../rules';
import { executeCommand } from '../../shared/event-sourcing/command-executor';
import { FieldError, refuseIf } from '../../shared/problems/domain-error';
import { UnitDeclarationError, UNITS, UnitRegistry } from '../../shared/units-of-measure';
import { indicatorStream, planStream, unitStream } from '../domain/catalog-codes';
import { indicatorDecider } from '../domain/indicator.decider';
import { planDecider, PlanDefinition } from '../domain/plan.decider';
import { unitDecider } from '../domain/unit.decider';
import { CatalogLookup } from './catalog-lookup';
import { CreatePlanCommand, DefineIndicatorCommand, RegisterUnitCommand, WriteResult } from './catalog.commands';

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ unit, context }: RegisterUnitCommand) {
    return executeCommand(this.store, unitDecider, unitStream(unit.code), { type: 'RegisterUnit', unit }, context);
  }
}

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ plan, context }: CreatePlanCommand) {
    refuseIf([...thresholdProblems(plan.thresholds, 'thresholds'), ...declarationProblems(plan.unitsOfMeasure)]);
    return executeCommand(this.store, planDecider, planStream(plan.code), { type: 'CreatePlan', plan }, context);
  }
}

@CommandHandler(DefineIndicatorCommand)
export class DefineIndicatorHandler implements ICommandHandler<DefineIndicatorCommand, WriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: CatalogLookup,
  ) {}

  async execute({ indicator, context }: DefineIndicatorCommand) {
    const plan = await this.catalog.plan(indicator.planCode);
    const problems: FieldError[] = [
      ...(unitsOf(plan).isKnown(indicator.unitOfMeasure)
        ? []
        : [{ field: 'unitOfMeasure', message: `未知计量单位“${indicator.unitOfMeasure}” / unknown unit of measure '${indicator.unitOfMeasure}'` }]),
      ...(indicator.paceCurve ? paceCurveProblems(indicator.paceCurve).map((message) => ({ field: 'paceCurve', message })) : []),
      ...(indicator.paceCurve && indicator.reportingMonths
        ? [{ field: 'reportingMonths', message: '报送月数与季节曲线只能二选一 / give reportingMonths or paceCurve, not both' }]
        : []),
      ...thresholdProblems({ ...plan.thresholds, ...indicator.thresholds }, 'thresholds'),
    ];
    refuseIf(problems);
    if (indicator.parentCode) await this.catalog.indicator(indicator.planCode, indicator.parentCode);
    const referenced = [indicator.leadUnitCode, ...(indicator.leadUnitCodes ?? []), indicator.verifyingUnitCode, ...(indicator.cooperatingUnitCodes ?? [])];
    for (const code of new Set(referenced.filter((c): c is string => Boolean(c)))) await this.catalog.unit(code);
    return executeCommand(
      this.store,
      indicatorDecider,
      indicatorStream(indicator.planCode, indicator.code),
      { type: 'DefineIndicator', indicator },
      context,
    );
  }
}

function thresholdProblems(thresholds: Record<string, string | number> | undefined, field: string): FieldError[] {
  if (!thresholds) return [];
  try {
    mergeThresholds(thresholds as ThresholdOverrides);
    return [];
  } catch (error) {
    return [{ field, message: (error as Error).message }];
  }
}

/** The shared registry with the plan's own declared units. */
function unitsOf(plan: PlanDefinition): UnitRegistry {
  return plan.unitsOfMeasure?.length ? UNITS.extend(plan.unitsOfMeasure) : UNITS;
}

function declarationProblems(declarations: PlanDefinition['unitsOfMeasure']): FieldError[] {
  if (!declarations?.length) return [];
  try {
    UNITS.extend(declarations);
    return [];
  } catch (error) {
    if (!(error instanceof UnitDeclarationError)) throw error;
    const index = declarations.findIndex((d) => d.symbol.trim() === error.symbol);
    return [{ field: `unitsOfMeasure[${index}].${error.field}`, message: `${error.zh} / ${error.en}` }];
  }
}
