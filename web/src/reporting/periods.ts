/** The period after "YYYY-MM": the month a target's next report is for once its latest is in. */
export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The 报送期 the form proposes: the latest overdue period if the server lists any (a year-to-date report
 * answers the earlier ones), else the month after the latest report, else the month now open for reports
 * (`openPeriod`: the first whose deadline has not passed, from the server's reporting status), else
 * January of the plan year. The user may change it; the server decides.
 */
export function proposedPeriod(
  target: { latest?: { period: string }; overduePeriods?: string[] },
  planYear: number,
  openPeriod?: string,
): string {
  const overdue = [...(target.overduePeriods ?? [])].sort();
  if (overdue.length) return overdue[overdue.length - 1];
  if (target.latest?.period) return nextPeriod(target.latest.period);
  return openPeriod ?? `${planYear}-01`;
}

/** The month open for reports now: the first of the plan year whose deadline has not passed (else the last). */
export function openPeriodOf(
  months: ReadonlyArray<{ period: string; deadlinePassed: boolean }> | undefined,
): string | undefined {
  if (!months?.length) return undefined;
  return (months.find((x) => !x.deadlinePassed) ?? months[months.length - 1]).period;
}
