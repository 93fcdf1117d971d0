import { figure } from './figures';
import type { CeilingInput, EvaluatedStatus, Evaluation, LevelInput, RelativeInput } from './status-types';
import { DEFAULT_THRESHOLDS } from './thresholds';

type Evaluated = Evaluation & { status: EvaluatedStatus };

/**
 * higher_is_better: green ≥ target, yellow ≥ levelYellowRatio × target, red below.
 * lower_is_better mirrors it: green ≤ target, yellow ≤ target / levelYellowRatio, red above.
 */
export function evaluateLevel(input: Omit<LevelInput, 'kind'>): Evaluated {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const value = figure(input.value, 'value');
  const target = figure(input.target, 'target');
  const ruleValues = { target, levelYellowRatio: t.levelYellowRatio };
  if ((input.direction ?? 'higher_is_better') === 'lower_is_better') {
    const status: EvaluatedStatus = value.lte(target)
      ? 'green'
      : value.times(t.levelYellowRatio).lte(target)
        ? 'yellow'
        : 'red';
    return { status, ruleValues };
  }
  const status: EvaluatedStatus = value.gte(target)
    ? 'green'
    : value.gte(target.times(t.levelYellowRatio))
      ? 'yellow'
      : 'red';
  return { status, ...(target.gt(0) ? { completion: value.div(target) } : {}), ruleValues };
}

/** green ≤ ceilingGreenRatio × cap, yellow up to and including the cap, red above it. */
export function evaluateCeiling(input: Omit<CeilingInput, 'kind'>): Evaluated {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const value = figure(input.value, 'value');
  const cap = figure(input.cap, 'cap');
  const status: EvaluatedStatus = value.lte(cap.times(t.ceilingGreenRatio))
    ? 'green'
    : value.lte(cap)
      ? 'yellow'
      : 'red';
  return { status, ruleValues: { cap, ceilingGreenRatio: t.ceilingGreenRatio } };
}

/**
 * Against a reference reported alongside (不低于全市平均水平, 与经济增长同步): green when meeting it,
 * yellow when short of it by at most relativeYellowTolerance × |reference|, red beyond.
 */
export function evaluateRelative(input: Omit<RelativeInput, 'kind'>): Evaluated {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const value = figure(input.value, 'value');
  const reference = figure(input.reference, 'reference');
  const tolerance = reference.abs().times(t.relativeYellowTolerance);
  const higher = (input.direction ?? 'higher_is_better') === 'higher_is_better';
  const shortfall = higher ? reference.minus(value) : value.minus(reference);
  const status: EvaluatedStatus = shortfall.lte(0) ? 'green' : shortfall.lte(tolerance) ? 'yellow' : 'red';
  return { status, ruleValues: { reference, relativeYellowTolerance: t.relativeYellowTolerance } };
}
