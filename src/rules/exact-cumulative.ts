import { cachedExpectedPace, type ExpectedPace } from './expected-pace';
import {
  compare,
  parseScaled,
  plainString,
  PRECISION,
  quotientString,
  type Scaled,
  scaledOf,
  times,
} from './scaled-decimal';
import { plainStringOf } from './shared-plain-strings';
import type { EvaluationJson } from './status';
import type { CumulativeInput, EvaluatedStatus } from './status-types';
import { DEFAULT_THRESHOLDS, type RuleThresholds } from './thresholds';

interface ScaledPace {
  numerator: Scaled;
  denominator: Scaled;
  /** plainStringOf(pace.value), made once */
  value: string;
}

interface ScaledThresholds {
  paceGreen: Scaled;
  paceYellow: Scaled;
  paceGreenText: string;
  paceYellowText: string;
}

const paces = new WeakMap<ExpectedPace, ScaledPace>();
const thresholdSets = new WeakMap<RuleThresholds, ScaledThresholds>();

/**
 * evaluationToJson(evaluateCumulative(input)), digit for digit, on scaled integers instead of
 * decimal.js (src/rules/evaluate-cumulative.ts says what the rule is; exact-cumulative.spec.ts
 * compares the two on random figures, paces and thresholds). Undefined when the Decimal path must
 * answer: a figure given as a Decimal or not a plain decimal string, a target ≤ 0 (its error), or
 * figures so long that decimal.js would round a product to its 40 digits.
 */
export function exactCumulativeJson(input: Omit<CumulativeInput, 'kind'>): EvaluationJson | undefined {
  if (typeof input.value !== 'string' || typeof input.target !== 'string') return undefined;
  const value = parseScaled(input.value);
  const target = parseScaled(input.target);
  if (!value || !target || target.int <= 0n) return undefined;
  const pace = scaledPace(cachedExpectedPace(input));
  const t = scaledThresholds(input.thresholds ?? DEFAULT_THRESHOLDS);
  // Every product below (a figure × a pace part × a threshold) exact within decimal.js's 40 digits.
  const figureDigits = Math.max(value.digits, target.digits);
  const paceDigits = Math.max(pace.numerator.digits, pace.denominator.digits);
  if (figureDigits + paceDigits + Math.max(t.paceGreen.digits, t.paceYellow.digits) > PRECISION) return undefined;

  const higher = (input.direction ?? 'higher_is_better') === 'higher_is_better';
  const achieved = higher ? times(value, pace.denominator) : times(target, pace.numerator);
  const required = higher ? times(target, pace.numerator) : times(value, pace.denominator);
  const positive = required.int > 0n;

  let status: EvaluatedStatus;
  if (higher && compare(value, target) >= 0) status = 'completed';
  else if (!higher && compare(value, target) > 0) status = 'red';
  else if (pace.numerator.int === 0n || !positive) status = 'green';
  else if (compare(achieved, times(required, t.paceGreen)) >= 0) status = 'green';
  else if (compare(achieved, times(required, t.paceYellow)) >= 0) status = 'yellow';
  else status = 'red';

  // The keys in evaluationToJson's order.
  const json: EvaluationJson = { status, ruleValues: {} };
  json.completion = quotientString(value, target);
  json.expectedPace = pace.value;
  if (positive) json.paceRatio = quotientString(achieved, required);
  json.ruleValues.target = plainString(target);
  json.ruleValues.expectedPace = pace.value;
  json.ruleValues.paceGreen = t.paceGreenText;
  json.ruleValues.paceYellow = t.paceYellowText;
  return json;
}

function scaledPace(pace: ExpectedPace): ScaledPace {
  let scaled = paces.get(pace);
  if (!scaled) {
    scaled = {
      numerator: scaledOf(pace.numerator),
      denominator: scaledOf(pace.denominator),
      value: plainStringOf(pace.value),
    };
    paces.set(pace, scaled);
  }
  return scaled;
}

/** Remembered per thresholds object when it cannot change (mergeThresholds and the defaults freeze theirs). */
function scaledThresholds(t: RuleThresholds): ScaledThresholds {
  let scaled = thresholdSets.get(t);
  if (!scaled) {
    scaled = {
      paceGreen: scaledOf(t.paceGreen),
      paceYellow: scaledOf(t.paceYellow),
      paceGreenText: plainStringOf(t.paceGreen),
      paceYellowText: plainStringOf(t.paceYellow),
    };
    if (Object.isFrozen(t)) thresholdSets.set(t, scaled);
  }
  return scaled;
}
