import { formatPeriod, reportDueDate } from '../rules';

/**
 * The plan's periods whose report deadline has passed by `today` (Asia/Shanghai date): a report for
 * month m is due by day `dueDay` of month m+1, so it is overdue from the day after.
 */
export function periodsPastDeadline(
  planYear: number,
  today: string,
  dueDay = 10,
): Array<{ period: string; dueDate: string }> {
  const passed: Array<{ period: string; dueDate: string }> = [];
  for (let month = 1; month <= 12; month++) {
    const period = formatPeriod(planYear, month);
    const dueDate = reportDueDate(period, dueDay);
    if (today > dueDate) passed.push({ period, dueDate });
  }
  return passed;
}
