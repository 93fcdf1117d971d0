import { DecompositionMode, Direction, IndicatorKind } from '../../catalog/domain/catalog-codes';
import { PlanSettings } from '../../catalog/domain/plan-settings';
import { Dictionary } from '../../shared/validation/dictionary';
import { DomainEvent } from '../../shared/event-sourcing/decider';
import { ProgressFigures, ProgressNarrative } from './progress-values';
import { TargetValue } from './target-value';

/** What a target keeps of its plan and indicator at assignment: its rules travel with it. */
export interface IndicatorSnapshot {
  planCode: string;
  planYear: number;
  code: string;
  name: string;
  category: string;
  parentCode?: string;
  kind: IndicatorKind;
  unitOfMeasure: string;
  direction?: Direction;
  reportingMonths?: number;
  paceCurve?: string[];
  decomposition: DecompositionMode;
  /** Threshold overrides: the plan's, then the indicator's. */
  thresholds?: Record<string, string | number>;
  reportDueDay?: number;
  /** The plan's own settings (defaults through `planSettingsOf`); absent on plans without any. */
  planSettings?: Partial<PlanSettings>;
  /** The indicator allows negative figures. */
  allowNegative?: boolean;
}

export type ProgressReport = ProgressFigures & ProgressNarrative;

// Commands ---------------------------------------------------------------------------------------
export interface AssignTarget {
  type: 'AssignTarget';
  targetId: string;
  indicator: IndicatorSnapshot;
  unitCode: string;
  /** Absent when the plan sets only a work target (指导性计划); then `work` is required. */
  assessment?: TargetValue;
  work?: TargetValue;
  /** Last year's actual (上年基数), decimal string. */
  baseline?: string;
  /** Points (分值), decimal string. */
  weight?: string;
}
export interface AdjustTarget {
  type: 'AdjustTarget';
  assessment?: TargetValue;
  work?: TargetValue;
  reason: string;
  approvalDocument: string;
}
/** The reporter's explicit confirmation that a year-to-date value really falls, with the reason. */
export interface DecreaseConfirmation {
  confirmed: boolean;
  reason?: string;
}
/** The mark a confirmed falling year-to-date value carries in its event (history and audit show it). */
export interface YearToDateDecrease {
  /** The reported month it is lower than (or, for a late report, higher than). */
  comparedWith: string;
  comparedValue: string;
  reason: string;
}

export interface ReportProgress {
  type: 'ReportProgress';
  period: string;
  report: ProgressReport;
  decrease?: DecreaseConfirmation;
  /** The command's time: a report may not be for a month after it (Asia/Shanghai). */
  reportedAt: Date;
}
export interface CorrectProgress {
  type: 'CorrectProgress';
  period: string;
  correction: ProgressReport;
  reason: string;
  decrease?: DecreaseConfirmation;
}
export interface WithdrawTarget {
  type: 'WithdrawTarget';
  reason: string;
  document: string;
}
export type TargetCommand = AssignTarget | AdjustTarget | ReportProgress | CorrectProgress | WithdrawTarget;

// Events -----------------------------------------------------------------------------------------
export type TargetAssigned = DomainEvent<'TargetAssigned', Omit<AssignTarget, 'type'>>;
export type TargetAdjusted = DomainEvent<'TargetAdjusted', Omit<AdjustTarget, 'type'>>;
/** `unitOfMeasure`: the unit the value was reported in (the target's unit at the time). */
export type ProgressReported = DomainEvent<
  'ProgressReported',
  { period: string; unitOfMeasure?: string; yearToDateDecrease?: YearToDateDecrease } & ProgressReport
>;
export type ProgressCorrected = DomainEvent<
  'ProgressCorrected',
  { period: string; reason: string; yearToDateDecrease?: YearToDateDecrease } & ProgressReport
>;
export type TargetWithdrawn = DomainEvent<'TargetWithdrawn', { reason: string; document: string }>;
export type TargetEvent = TargetAssigned | TargetAdjusted | ProgressReported | ProgressCorrected | TargetWithdrawn;

export const TARGET_EVENT_TYPES: ReadonlyArray<TargetEvent['type']> = [
  'TargetAssigned',
  'TargetAdjusted',
  'ProgressReported',
  'ProgressCorrected',
  'TargetWithdrawn',
];

// State ------------------------------------------------------------------------------------------
export interface AssignedTarget {
  targetId: string;
  indicator: IndicatorSnapshot;
  unitCode: string;
  assessment?: TargetValue;
  work?: TargetValue;
  baseline?: string;
  weight?: string;
  withdrawn: boolean;
  /** By period; a null-prototype dictionary (keys come from user input). */
  reports: Dictionary<ProgressReport>;
}
export type TargetState = AssignedTarget | null;
