/** The period after "YYYY-MM": the month a target's next report is for once its latest is in. */
export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The 报送期 the form proposes: the latest overdue period if the server lists any (a year-to-date report answers the earlier ones), else the month after
 * the latest report, else January of the plan year. The user may change it; the server decides.
 */
export function proposedPeriod(
  target: { latest?: { period: string }; overduePeriods?: string[] },
  planYear: number,
): string {
  const overdue = [...(target.overduePeriods ?? [])].sort();
  if (overdue.length) return overdue[overdue.length - 1];
  if (target.latest?.period) return nextPeriod(target.latest.period);
  return `${planYear}-01`;
}
