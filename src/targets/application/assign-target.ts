import { CatalogLookup } from '../../catalog/application/catalog-lookup';
import { targetIdOf } from '../domain/target-ids';
import { IndicatorSnapshot, TargetCommand } from '../domain/target.types';
import { AssignTargetCommand } from './target.commands';

/**
 * The decider's AssignTarget for an AssignTarget command: the plan, indicator and unit looked up in the
 * catalog (refused with a 404 DomainError when one is missing) and the indicator's snapshot taken into the
 * target. The single command's handler and the batch's use this one translation.
 */
export async function assignTargetOf(
  catalog: CatalogLookup,
  input: AssignTargetCommand['input'],
): Promise<{ targetId: string; command: Extract<TargetCommand, { type: 'AssignTarget' }> }> {
  const plan = await catalog.plan(input.planCode);
  const indicator = await catalog.indicator(input.planCode, input.indicatorCode);
  await catalog.unit(input.unitCode);
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
  return { targetId, command: { type: 'AssignTarget', targetId, indicator: snapshot, ...values } };
}
