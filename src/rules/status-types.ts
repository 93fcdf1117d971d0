import type { Dec } from '../shared/decimal';
import type { IsoDate } from './calendar';
import type { PaceOptions } from './expected-pace';
import type { RuleThresholds } from './thresholds';

export type TargetStatus = 'completed' | 'green' | 'yellow' | 'red' | 'overdue' | 'not_started';

/** The statuses a rule can produce from a report (overdue / not_started come from a missing report). */
export type EvaluatedStatus = Extract<TargetStatus, 'completed' | 'green' | 'yellow' | 'red'>;

export type Direction = 'higher_is_better' | 'lower_is_better';

export type SelfRating = 'on_track' | 'at_risk' | 'off_track';

/** A figure as it arrives: a Dec or a plain decimal string. */
export type Figure = Dec | string;

interface WithThresholds {
  /** already merged (see mergeThresholds); defaults when absent */
  thresholds?: RuleThresholds;
}

export interface CumulativeInput extends PaceOptions, WithThresholds {
  kind: 'cumulative';
  /** year-to-date value */
  value: Figure;
  /** the year's assessment target, in the same unit as value */
  target: Figure;
  direction?: Direction;
}

export interface GrowthInput extends WithThresholds {
  kind: 'growth';
  /** reported year-to-date growth in % */
  growth: Figure;
  /** target growth in % */
  targetGrowth: Figure;
}

export interface CumulativeGrowthInput extends PaceOptions, WithThresholds {
  kind: 'cumulative_growth';
  value: Figure;
  target: Figure;
  growth: Figure;
  targetGrowth: Figure;
}

export interface LevelInput extends WithThresholds {
  kind: 'level';
  /** latest value */
  value: Figure;
  target: Figure;
  direction?: Direction;
}

export interface CeilingInput extends WithThresholds {
  kind: 'ceiling';
  value: Figure;
  cap: Figure;
}

export interface ZeroIncidentInput extends WithThresholds {
  kind: 'zero_incident';
  incidents: number;
}

export interface MilestoneInput extends WithThresholds {
  kind: 'milestone';
  done: boolean;
  deadline: IsoDate;
  evaluationDate: IsoDate;
}

export interface QualitativeInput extends WithThresholds {
  kind: 'qualitative';
  selfRating: SelfRating;
}

export interface RankInput extends WithThresholds {
  kind: 'rank';
  /** 1 = first */
  rank: number;
  targetRank: number;
}

export interface RelativeInput extends WithThresholds {
  kind: 'relative';
  value: Figure;
  /** the reference figure reported alongside (e.g. the city average) */
  reference: Figure;
  direction?: Direction;
}

export type EvaluationInput =
  | CumulativeInput
  | GrowthInput
  | CumulativeGrowthInput
  | LevelInput
  | CeilingInput
  | ZeroIncidentInput
  | MilestoneInput
  | QualitativeInput
  | RankInput
  | RelativeInput;

export type TargetKind = EvaluationInput['kind'];

export interface Evaluation {
  status: TargetStatus;
  /** value / target */
  completion?: Dec;
  expectedPace?: Dec;
  /** completion / expectedPace (mirrored for lower_is_better, see evaluateCumulative) */
  paceRatio?: Dec;
  /** reported growth − target growth, percentage points */
  growthGap?: Dec;
  /** the thresholds and reference figures the status was decided with */
  ruleValues: Readonly<Record<string, Dec>>;
}
