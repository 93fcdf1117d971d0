import { UNITS, UnitRegistry } from '../../shared/units-of-measure';
import { PlanFile } from './types';

/** The shared registry extended by the units the plan declares (units-of-measure.yaml); validated, so it does not throw. */
export function planUnits(plan: Pick<PlanFile, 'unitsOfMeasure'>): UnitRegistry {
  return plan.unitsOfMeasure.length === 0 ? UNITS : UNITS.extend(plan.unitsOfMeasure);
}
