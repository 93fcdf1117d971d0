import { dec } from '../shared/decimal';
import { assertDate, daysBetween } from './calendar';
import { RuleInputError } from './errors';
import { assertInteger } from './figures';
import type {
  EvaluatedStatus,
  Evaluation,
  MilestoneInput,
  QualitativeInput,
  RankInput,
  ZeroIncidentInput,
} from './status-types';
import { DEFAULT_THRESHOLDS } from './thresholds';

type Evaluated = Evaluation & { status: EvaluatedStatus };

/** Any incident fails the target. */
export function evaluateZeroIncident(input: Omit<ZeroIncidentInput, 'kind'>): Evaluated {
  assertInteger(input.incidents, 'incidents', 0);
  return { status: input.incidents === 0 ? 'green' : 'red', ruleValues: { maxIncidents: dec(0) } };
}

/**
 * completed when done (even if late); otherwise red once the deadline has passed, yellow when it is
 * 0..milestoneWarnDays days away (a deadline today is yellow), green before that.
 */
export function evaluateMilestone(input: Omit<MilestoneInput, 'kind'>): Evaluated {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  assertDate(input.deadline, 'deadline');
  assertDate(input.evaluationDate, 'evaluationDate');
  const daysLeft = daysBetween(input.evaluationDate, input.deadline);
  const ruleValues = { milestoneWarnDays: dec(t.milestoneWarnDays), daysUntilDeadline: dec(daysLeft) };
  if (input.done) return { status: 'completed', ruleValues };
  const status: EvaluatedStatus = daysLeft < 0 ? 'red' : daysLeft <= t.milestoneWarnDays ? 'yellow' : 'green';
  return { status, ruleValues };
}

const STATUS_BY_RATING: Record<string, EvaluatedStatus> = { on_track: 'green', at_risk: 'yellow', off_track: 'red' };

export function evaluateQualitative(input: Omit<QualitativeInput, 'kind'>): Evaluated {
  const status = Object.hasOwn(STATUS_BY_RATING, input.selfRating) ? STATUS_BY_RATING[input.selfRating] : undefined;
  if (!status) {
    const got = JSON.stringify(input.selfRating);
    throw new RuleInputError(`selfRating must be on_track, at_risk or off_track, got ${got}`);
  }
  return { status, ruleValues: {} };
}

/** Lower rank number is better: green at or above the target rank, yellow up to rankYellowPlaces behind it. */
export function evaluateRank(input: Omit<RankInput, 'kind'>): Evaluated {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  assertInteger(input.rank, 'rank', 1);
  assertInteger(input.targetRank, 'targetRank', 1);
  const placesBehind = input.rank - input.targetRank;
  const status: EvaluatedStatus = placesBehind <= 0 ? 'green' : placesBehind <= t.rankYellowPlaces ? 'yellow' : 'red';
  return { status, ruleValues: { targetRank: dec(input.targetRank), rankYellowPlaces: dec(t.rankYellowPlaces) } };
}
