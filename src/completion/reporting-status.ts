import { daysBetween, formatPeriod, isReportRequired, parsePeriod, reportDueDate } from '../rules';
import { addDays, WorkingDayCalendar } from '../rules/working-days';
import { statusFactsOf } from '../targets/read-model/status-facts';
import { TargetDocument } from '../targets/read-model/target-document';
import { UnitNames } from './completion-rows';

/** What the 报送情况 matrix reads of a target: its unit, what it owes, what it reported, what was recorded overdue. */
export type ReportingDoc = Pick<
  TargetDocument,
  'unitCode' | 'indicator' | 'assessment' | 'work' | 'periods' | 'overduePeriods'
>;

export interface ReportingMonth {
  period: string;
  /** The report for the month is due by this Asia/Shanghai date (the plan's report due day of the next month). */
  dueDate: string;
  deadlinePassed: boolean;
  /** Calendar days from today to the due date (0: due today; negative: passed). */
  daysLeft: number;
  /** Working days after today up to and including the due date (工作日, the working-day calendar); 0 once passed. */
  workingDaysLeft: number;
}

export interface ReportingCell {
  period: string;
  /** Active targets that owe a report for the month. */
  due: number;
  /** Reported for the month itself. */
  reported: number;
  /** Not reported for the month, but a later year-to-date report answers it. */
  answered: number;
  /** Deadline passed without a report, as recorded (逾期未报). */
  overdue: number;
  /** Not reported and not (yet) overdue. */
  pending: number;
}

export interface ReportingStatus {
  planCode: string;
  asOf: string | null;
  today: string;
  months: ReportingMonth[];
  units: Array<{ unitCode: string; unitName: string | null; cells: ReportingCell[] }>;
}

/**
 * 报送情况: units × the plan year's months up to today's, how many of each unit's targets reported each
 * month, were answered by a later year-to-date report, are overdue or still pending. Who owes a report is
 * the status model's rule (isReportRequired); overdue is what the deadlines recorded.
 */
export function reportingStatusOf(
  plan: { code: string; year: number; reportDueDay?: number },
  docs: ReportingDoc[],
  today: string,
  asOf: string | null,
  calendar: WorkingDayCalendar,
  unitNames: UnitNames = new Map(),
): ReportingStatus {
  const months = monthsUpTo(plan.year, today).map((period): ReportingMonth => {
    const dueDate = reportDueDate(period, plan.reportDueDay ?? 10);
    const daysLeft = daysBetween(today, dueDate);
    return {
      period,
      dueDate,
      deadlinePassed: today > dueDate,
      daysLeft,
      workingDaysLeft: workingDaysAfter(calendar, today, dueDate),
    };
  });
  const units = new Map<string, ReportingCell[]>();
  for (const doc of docs) {
    let cells = units.get(doc.unitCode);
    if (!cells)
      units.set(
        doc.unitCode,
        (cells = months.map(({ period }) => ({ period, due: 0, reported: 0, answered: 0, overdue: 0, pending: 0 }))),
      );
    const facts = statusFactsOf(doc);
    const reported = Object.keys(doc.periods);
    for (const cell of cells) {
      if (!isReportRequired(facts, cell.period)) continue;
      cell.due++;
      if (cell.period in doc.periods) cell.reported++;
      else if (reported.some((p) => p > cell.period)) cell.answered++;
      else if (doc.overduePeriods?.includes(cell.period)) cell.overdue++;
      else cell.pending++;
    }
  }
  return {
    planCode: plan.code,
    asOf,
    today,
    months,
    units: [...units]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([unitCode, cells]) => ({ unitCode, unitName: unitNames.get(unitCode) ?? null, cells })),
  };
}

/** January of the plan year through today's month (all twelve once the year is over; none before it starts). */
function monthsUpTo(year: number, today: string): string[] {
  const { year: y, month: m } = parsePeriod(today.slice(0, 7));
  const last = y > year ? 12 : y < year ? 0 : m;
  return Array.from({ length: last }, (_, i) => formatPeriod(year, i + 1));
}

function workingDaysAfter(calendar: WorkingDayCalendar, today: string, dueDate: string): number {
  let count = 0;
  for (let d = today; d < dueDate;) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) count++;
  }
  return count;
}
