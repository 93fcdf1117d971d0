import { refuseIf } from '../../shared/problems/domain-error';
import { indicatorProblems } from '../domain/catalog-invariants';
import { DefineIndicator, IndicatorDefinition } from '../domain/indicator.decider';
import { CatalogLookup } from './catalog-lookup';

/**
 * DefineIndicator as the decider takes it, with the indicator's plan: the plan's rules first, then the
 * references (a bad figure is a 400 before a missing unit is a 404). Shared by the single handler and the batch.
 */
export async function defineIndicatorOf(
  catalog: CatalogLookup,
  indicator: IndicatorDefinition,
): Promise<DefineIndicator> {
  const plan = await catalog.plan(indicator.planCode);
  refuseIf(indicatorProblems(indicator, plan));
  if (indicator.parentCode) await catalog.indicator(indicator.planCode, indicator.parentCode);
  const referenced = [
    indicator.leadUnitCode,
    ...(indicator.leadUnitCodes ?? []),
    indicator.verifyingUnitCode,
    ...(indicator.cooperatingUnitCodes ?? []),
  ];
  for (const code of new Set(referenced.filter((c): c is string => Boolean(c)))) await catalog.unit(code);
  return { type: 'DefineIndicator', indicator, plan };
}
