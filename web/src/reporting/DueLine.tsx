import type { ReportingStatusView } from '../api/views';
import { formatPeriod } from '../format/format';
import { useI18n } from '../i18n/i18n';

type Month = ReportingStatusView['months'][number];

/**
 * 报送期 with its due date and the days left, as the server counted them (working days from the
 * working-day calendar, calendar days beside); said in words, red when the server lists the period overdue.
 */
export function DueLine({ period, month, overdue }: { period: string; month: Month | undefined; overdue: boolean }) {
  const { m, t, language } = useI18n();
  const r = m.reporting;
  const name = formatPeriod(period, language);
  if (!month)
    return (
      <span>
        {m.period}：{name}
      </span>
    );
  // Overdue is the server's word (the deadline recorded it); a passed deadline the target did not owe
  // (a target of 0, or answered by a later report) is no reason for alarm.
  if (month.deadlinePassed && !overdue)
    return (
      <span className="due-line">
        {m.period}：{name}
      </span>
    );
  if (month.deadlinePassed) {
    return (
      <span className="due-line due-passed">
        {m.period}：{name} · {t(r.duePassed, { date: month.dueDate, days: -month.daysLeft })}
      </span>
    );
  }
  return (
    <span className={`due-line${month.workingDaysLeft <= 3 ? ' due-soon' : ''}`}>
      {m.period}：{name} ·{' '}
      {t(month.daysLeft === 0 ? r.dueToday : r.dueIn, {
        date: month.dueDate,
        working: month.workingDaysLeft,
        days: month.daysLeft,
      })}
    </span>
  );
}
