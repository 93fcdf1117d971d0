import { DomainEvent } from '../../shared/event-sourcing/decider';
import { streamKind } from '../../shared/event-sourcing/stream-kind';

/** All warnings (预警) of one target live in one stream. */
export const WARNING_STREAMS = streamKind('warnings');
export const warningStream = (targetId: string) => WARNING_STREAMS.of(targetId);
export const warningIdOf = (targetId: string, sequence: number) => `${targetId}.w${sequence}`;
/** The target a warning id belongs to (ids are `<targetId>.w<n>`). */
export const targetIdOfWarning = (warningId: string) => warningId.replace(/\.w\d+$/, '');

export type WarningKind = 'status' | 'overdue';
export type WarningLevel = 'yellow' | 'red';
export type WarningState = 'raised' | 'escalated' | 'acknowledged' | 'cleared';

export interface TargetRef {
  targetId: string;
  planCode: string;
  indicatorCode: string;
  unitCode: string;
}

// Commands ---------------------------------------------------------------------------------------
/** The reactor saw the target's status for a period (after a report, correction or adjustment). */
export interface ObserveStatus {
  type: 'ObserveStatus';
  target: TargetRef;
  period: string;
  status: string;
  reason: string;
  ruleValues: Record<string, string>;
}
/** A report deadline passed without the report. */
export interface ObserveOverdue {
  type: 'ObserveOverdue';
  target: TargetRef;
  period: string;
  dueDate: string;
}
/** The report for a period arrived. */
export interface ObserveReportArrived {
  type: 'ObserveReportArrived';
  period: string;
}
/** The target was withdrawn: its warnings end. */
export interface ObserveWithdrawn {
  type: 'ObserveWithdrawn';
}
/** The responsible unit answers a warning (情况说明和整改措施). */
export interface AcknowledgeWarning {
  type: 'AcknowledgeWarning';
  warningId: string;
  explanation: string;
  measures: string;
}
export type WarningCommand =
  ObserveStatus | ObserveOverdue | ObserveReportArrived | ObserveWithdrawn | AcknowledgeWarning;

// Events -----------------------------------------------------------------------------------------
export type WarningRaised = DomainEvent<
  'WarningRaised',
  TargetRef & {
    warningId: string;
    kind: WarningKind;
    level: WarningLevel;
    period: string;
    reason: string;
    ruleValues: Record<string, string>;
  }
>;
/** An open warning seen again in a later period: its level may have changed (黄转红, 红转黄). */
export type WarningUpdated = DomainEvent<
  'WarningUpdated',
  { warningId: string; level: WarningLevel; period: string; reason: string; ruleValues: Record<string, string> }
>;
export type WarningEscalated = DomainEvent<'WarningEscalated', { warningId: string; period: string; reason: string }>;
export type WarningAcknowledged = DomainEvent<
  'WarningAcknowledged',
  { warningId: string; explanation: string; measures: string }
>;
export type WarningCleared = DomainEvent<'WarningCleared', { warningId: string; period?: string; reason: string }>;
export type WarningEvent = WarningRaised | WarningUpdated | WarningEscalated | WarningAcknowledged | WarningCleared;

export const WARNING_EVENT_TYPES: ReadonlyArray<WarningEvent['type']> = [
  'WarningRaised',
  'WarningUpdated',
  'WarningEscalated',
  'WarningAcknowledged',
  'WarningCleared',
];

// State ------------------------------------------------------------------------------------------
export interface OpenWarning {
  warningId: string;
  kind: WarningKind;
  level: WarningLevel;
  state: Exclude<WarningState, 'cleared'>;
  period: string;
  redPeriods: string[];
}

export interface TargetWarnings {
  /** Warnings raised so far (for the next id). */
  raised: number;
  open: OpenWarning[];
  unitCode?: string;
}
