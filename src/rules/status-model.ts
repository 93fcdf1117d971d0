import { dec, isDecimalString } from '../shared/decimal';
import { parsePeriod, type Period } from './calendar';
import type { EvaluatedStatus, TargetStatus } from './status-types';

/**
 * The one status model (状态模型) every read answer counts from: `/api/targets`, `/api/completion`,
 * `/api/dashboard`, the warnings and the "as of" views.
 *
 * Status of a target for a period (月度状态), `periodStatus`:
 *  1. the period was reported → the status its figures earn (completed / green / yellow / red; a report
 *     no rule can judge, e.g. against a text-only target, counts as green);
 *  2. not reported, but a later month was (reports are year to date) → the status of the earliest later report;
 *  3. no report is needed (a target of 0 unless the plan setting `zeroTargetRequiresReport`; a month
 *     after the indicator's reporting months) → `completed` for a target of 0, else the latest earlier
 *     report's status, else `not_started`;
 *  4. its report deadline passed without a report (a recorded `ReportDeadlinePassed`) → `overdue`;
 *  5. otherwise → `not_due` (未到期: the month's report is not due yet).
 *
 * Status of a target now (当前状态), `currentStatus`: `overdue` while any due report is missing; else the
 * status of its latest report; else `completed` for a target of 0 that needs no report; else `not_started`.
 */
export type PeriodStatus = TargetStatus | 'not_due';

export const PERIOD_STATUSES: readonly PeriodStatus[] = [
  'completed',
  'green',
  'yellow',
  'red',
  'overdue',
  'not_due',
  'not_started',
];

/** Names for people: zh-CN first, English second (the workbench shows the Chinese). */
export const STATUS_LABELS: Readonly<Record<PeriodStatus, string>> = {
  completed: '已完成 / completed',
  green: '绿灯 / on pace',
  yellow: '黄灯 / behind',
  red: '红灯 / far behind',
  overdue: '逾期未报 / overdue',
  not_due: '未到期 / not yet due',
  not_started: '未开始 / not started',
};

/** What the status model needs to know about a target (a read-model document satisfies it). */
export interface StatusFacts {
  kind: string;
  /** The assessment target's total, when it has one. */
  total?: string;
  growthPct?: string;
  /** Months that need a report (default 12). */
  reportingMonths?: number;
  /** The plan setting `zeroTargetRequiresReport` (default false). */
  zeroTargetRequiresReport?: boolean;
  /** Status of each reported period (undefined: a report no rule can judge). */
  reported: Readonly<Record<Period, EvaluatedStatus | undefined>>;
  /** Periods whose deadline passed without a report and that no later report has answered yet. */
  overduePeriods?: readonly Period[];
}

/** A target of 0 (e.g. 公园绿地 0 for a sub-district with no park to build): nothing to deliver, met from the start. */
export function isZeroTarget(facts: Pick<StatusFacts, 'kind' | 'total' | 'growthPct'>): boolean {
  if (facts.kind !== 'cumulative' && facts.kind !== 'cumulative_growth') return false;
  if (facts.growthPct !== undefined) return false;
  return facts.total !== undefined && isDecimalString(facts.total) && dec(facts.total).isZero();
}

/** Whether a target must send a report for `period` at all. */
export function isReportRequired(facts: Omit<StatusFacts, 'reported'>, period: Period): boolean {
  if (parsePeriod(period).month > (facts.reportingMonths ?? 12)) return false;
  return !isZeroTarget(facts) || facts.zeroTargetRequiresReport === true;
}

/**
 * The one "due and missing" rule: at the deadline of `period`, the target owes that report when it needs
 * one and no report for this or a later period (year to date) has arrived.
 */
export function isDueAndMissing(
  facts: Omit<StatusFacts, 'reported'>,
  period: Period,
  reportedPeriods: Iterable<Period>,
): boolean {
  if (!isReportRequired(facts, period)) return false;
  for (const reported of reportedPeriods) if (reported >= period) return false;
  return true;
}

const judged = (status: EvaluatedStatus | undefined): EvaluatedStatus => status ?? 'green';

export function periodStatus(facts: StatusFacts, period: Period): PeriodStatus {
  if (period in facts.reported) return judged(facts.reported[period]);
  const periods = Object.keys(facts.reported).sort();
  const later = periods.find((p) => p > period);
  if (later) return judged(facts.reported[later]);
  if (!isReportRequired(facts, period)) {
    if (isZeroTarget(facts)) return 'completed';
    const earlier = periods.filter((p) => p < period).pop();
    return earlier ? judged(facts.reported[earlier]) : 'not_started';
  }
  if (facts.overduePeriods?.includes(period)) return 'overdue';
  return 'not_due';
}

export function currentStatus(facts: StatusFacts): TargetStatus {
  if (facts.overduePeriods?.length) return 'overdue';
  const latest = Object.keys(facts.reported).sort().pop();
  if (latest) return judged(facts.reported[latest]);
  if (isZeroTarget(facts) && !facts.zeroTargetRequiresReport) return 'completed';
  return 'not_started';
}

/** The status model in words, for the OpenAPI descriptions of every route that answers a status. */
export const STATUS_MODEL_DESCRIPTION = [
  'Statuses (one model for targets, completion, dashboard and warnings):',
  '`completed` 已完成, `green` 绿灯, `yellow` 黄灯, `red` 红灯 — what the figures of a report earn;',
  '`overdue` 逾期未报 — a due report is missing (its `ReportDeadlinePassed` was recorded);',
  '`not_due` 未到期 — a month whose report is not due yet (only as a status for a period);',
  '`not_started` 未开始 — no report yet and none due.',
  'Status now: overdue while any due report is missing, else the latest report’s status, else completed for a target of 0 that needs no report (plan setting `zeroTargetRequiresReport`, default false), else not_started.',
  'Status for a period: the report’s status; if unreported, the next year-to-date report’s; if no report is needed, completed (target of 0) or the last report’s; overdue after its deadline; else not_due.',
].join(' ');
