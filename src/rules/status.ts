import { RuleInputError } from './errors';
import { evaluateCumulative, evaluateCumulativeGrowth, evaluateGrowth } from './evaluate-cumulative';
import { exactCumulativeJson } from './exact-cumulative';
import { evaluateMilestone, evaluateQualitative, evaluateRank, evaluateZeroIncident } from './evaluate-discrete';
import { evaluateCeiling, evaluateLevel, evaluateRelative } from './evaluate-level';
import type { EvaluatedStatus, Evaluation, EvaluationInput } from './status-types';
import { plainStringOf } from './shared-plain-strings';
import { worseStatus } from './worse-status';

/** Status of a target from its latest report. For a period without a report see periodStatus (status-model.ts). */
export function evaluateStatus(input: EvaluationInput): Evaluation {
  switch (input.kind) {
    case 'cumulative':
      return evaluateCumulative(input);
    case 'growth':
      return evaluateGrowth(input);
    case 'cumulative_growth':
      return evaluateCumulativeGrowth(input);
    case 'level':
      return evaluateLevel(input);
    case 'ceiling':
      return evaluateCeiling(input);
    case 'zero_incident':
      return evaluateZeroIncident(input);
    case 'milestone':
      return evaluateMilestone(input);
    case 'qualitative':
      return evaluateQualitative(input);
    case 'rank':
      return evaluateRank(input);
    case 'relative':
      return evaluateRelative(input);
    default: {
      const unknownInput: never = input;
      throw new RuleInputError(`Unknown target kind: ${JSON.stringify((unknownInput as { kind?: unknown }).kind)}`);
    }
  }
}

export interface EvaluationJson {
  status: Evaluation['status'];
  completion?: string;
  expectedPace?: string;
  paceRatio?: string;
  growthGap?: string;
  ruleValues: Record<string, string>;
}

/** Decimals as plain strings, for events and API responses. */
export function evaluationToJson(evaluation: Evaluation): EvaluationJson {
  const json: EvaluationJson = { status: evaluation.status, ruleValues: {} };
  for (const key of ['completion', 'expectedPace', 'paceRatio', 'growthGap'] as const) {
    const value = evaluation[key];
    if (value !== undefined) json[key] = plainStringOf(value);
  }
  for (const [key, value] of Object.entries(evaluation.ruleValues)) json.ruleValues[key] = plainStringOf(value);
  return json;
}

/**
 * evaluationToJson(evaluateStatus(input)), the same JSON digit for digit; a cumulative rule's
 * figures (as plain decimal strings) computed on scaled integers instead of decimal.js, as a
 * projection evaluates every report (see exact-cumulative.ts).
 */
export function evaluateStatusJson(input: EvaluationInput): EvaluationJson {
  if (input.kind === 'cumulative') {
    const json = exactCumulativeJson(input);
    if (json) return json;
  } else if (input.kind === 'cumulative_growth') {
    const total = exactCumulativeJson(input);
    if (total) {
      // As evaluateCumulativeGrowth: both rules, the worse status; the growth rule's figures are few.
      const growth = evaluationToJson(evaluateGrowth(input));
      const json: EvaluationJson = {
        status: worseStatus(total.status as EvaluatedStatus, growth.status as EvaluatedStatus),
        ruleValues: {},
      };
      json.completion = total.completion;
      json.expectedPace = total.expectedPace;
      if (total.paceRatio !== undefined) json.paceRatio = total.paceRatio;
      json.growthGap = growth.growthGap;
      json.ruleValues = { ...total.ruleValues, ...growth.ruleValues };
      return json;
    }
  }
  return evaluationToJson(evaluateStatus(input));
}
