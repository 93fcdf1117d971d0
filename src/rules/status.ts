import { RuleInputError } from './errors';
import { evaluateCumulative, evaluateCumulativeGrowth, evaluateGrowth } from './evaluate-cumulative';
import { evaluateMilestone, evaluateQualitative, evaluateRank, evaluateZeroIncident } from './evaluate-discrete';
import { evaluateCeiling, evaluateLevel, evaluateRelative } from './evaluate-level';
import type { Evaluation, EvaluationInput } from './status-types';
import { plainStringOf } from './shared-plain-strings';

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
