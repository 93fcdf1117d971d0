import type { Dec } from '../shared/decimal';
import { cachedExpectedPace } from './expected-pace';
import { RuleInputError } from './errors';
import { figure } from './figures';
import type { CumulativeGrowthInput, CumulativeInput, EvaluatedStatus, Evaluation, GrowthInput } from './status-types';
import { DEFAULT_THRESHOLDS, type RuleThresholds } from './thresholds';
import { worseStatus } from './worse-status';

type Evaluated = Evaluation & { status: EvaluatedStatus };

/**
 * higher_is_better: completed when value ≥ target, otherwise by paceRatio = completion / expectedPace.
 * lower_is_better (a cumulative budget, e.g. energy use): never "completed"; red once value > target,
 * otherwise paceRatio = expectedPace / completion (≥ 1 means using no more than the pace allows)
 * judged against the same thresholds. With an expected pace of 0 nothing is due yet: green.
 * Boundaries are compared by cross-multiplication so that m/12 paces need no rounding.
 */
export function evaluateCumulative(input: Omit<CumulativeInput, 'kind'>): Evaluated {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const value = figure(input.value, 'value');
  const target = figure(input.target, 'target');
  if (target.lte(0)) throw new RuleInputError(`target must be > 0 for a cumulative target, got ${target.toString()}`);
  const pace = cachedExpectedPace(input);
  const expectedPace = pace.value;
  const completion = value.div(target);
  const ruleValues = { target, expectedPace, paceGreen: t.paceGreen, paceYellow: t.paceYellow };

  const higher = (input.direction ?? 'higher_is_better') === 'higher_is_better';
  // Both directions reduce to: is `achieved / required` ≥ threshold, with the fraction's parts exact.
  const { achieved, required } = higher
    ? { achieved: value.times(pace.denominator), required: target.times(pace.numerator) }
    : { achieved: target.times(pace.numerator), required: value.times(pace.denominator) };
  const paceRatio = required.gt(0) ? achieved.div(required) : undefined;

  let status: EvaluatedStatus;
  if (higher && value.gte(target)) status = 'completed';
  else if (!higher && value.gt(target)) status = 'red';
  else if (pace.numerator.isZero() || !required.gt(0)) status = 'green';
  else status = byRatio(achieved, required, t);

  return { status, completion, expectedPace, ...(paceRatio ? { paceRatio } : {}), ruleValues };
}

function byRatio(achieved: Dec, required: Dec, t: RuleThresholds): EvaluatedStatus {
  if (achieved.gte(required.times(t.paceGreen))) return 'green';
  if (achieved.gte(required.times(t.paceYellow))) return 'yellow';
  return 'red';
}

/** gap = growth − targetGrowth (percentage points): green ≥ 0, yellow ≥ −growthYellowGapPp, red below. */
export function evaluateGrowth(input: Omit<GrowthInput, 'kind'>): Evaluated {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const growth = figure(input.growth, 'growth');
  const targetGrowth = figure(input.targetGrowth, 'targetGrowth');
  const growthGap = growth.minus(targetGrowth);
  const status: EvaluatedStatus = growthGap.gte(0)
    ? 'green'
    : growthGap.gte(t.growthYellowGapPp.neg())
      ? 'yellow'
      : 'red';
  return { status, growthGap, ruleValues: { targetGrowth, growthYellowGapPp: t.growthYellowGapPp } };
}

/** Both rules; the worse status counts. */
export function evaluateCumulativeGrowth(input: Omit<CumulativeGrowthInput, 'kind'>): Evaluated {
  const total = evaluateCumulative(input);
  const growth = evaluateGrowth(input);
  return {
    ...total,
    status: worseStatus(total.status, growth.status),
    growthGap: growth.growthGap,
    ruleValues: { ...total.ruleValues, ...growth.ruleValues },
  };
}
