import { mergeThresholds, paceCurveProblems, ThresholdOverrides } from '../../rules';
import { FieldError } from '../../shared/problems/domain-error';
import { UnitDeclarationError, UNITS, UnitRegistry } from '../../shared/units-of-measure';
import type { IndicatorDefinition } from './indicator.decider';
import type { PlanDefinition } from './plan.decider';

/** A plan's own rules: thresholds that merge with the defaults, unit declarations the registry accepts. */
export function planProblems(plan: PlanDefinition): FieldError[] {
  return [...thresholdProblems(plan.thresholds, 'thresholds'), ...declarationProblems(plan.unitsOfMeasure)];
}

/** An indicator's rules within its plan: a known unit of measure, a sound pace curve, thresholds that merge. */
export function indicatorProblems(indicator: IndicatorDefinition, plan: PlanDefinition): FieldError[] {
  return [
    ...(unitsOf(plan).isKnown(indicator.unitOfMeasure)
      ? []
      : [
          {
            field: 'unitOfMeasure',
            message: `未知计量单位“${indicator.unitOfMeasure}” / unknown unit of measure '${indicator.unitOfMeasure}'`,
          },
        ]),
    ...(indicator.paceCurve
      ? paceCurveProblems(indicator.paceCurve).map((message) => ({ field: 'paceCurve', message }))
      : []),
    ...(indicator.paceCurve && indicator.reportingMonths
      ? [
          {
            field: 'reportingMonths',
            message: '报送月数与季节曲线只能二选一 / give reportingMonths or paceCurve, not both',
          },
        ]
      : []),
    ...thresholdProblems({ ...plan.thresholds, ...indicator.thresholds }, 'thresholds'),
  ];
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
