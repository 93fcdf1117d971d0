import { formatPeriod, reportDueDate } from '../../rules';
import { WorkingDayCalendar } from '../../rules/working-days';
import { ReportReminder } from './reminder.decider';

/** How long after its day a reminder is still worth sending (a server that was down catches up; older ones are stale). */
export const REMINDER_GRACE_DAYS = 3;

/**
 * The reminders of a plan's year: for each month, N working days before the due day and the
 * overdue notice on the first working day after it.
 */
export function remindersOfYear(
  planCode: string,
  planYear: number,
  calendar: WorkingDayCalendar,
  options: { dueDay?: number; workingDaysBefore: number[]; dueDayMovesToWorkingDay: boolean },
): ReportReminder[] {
  const reminders: ReportReminder[] = [];
  for (let month = 1; month <= 12; month++) {
    const period = formatPeriod(planYear, month);
    const stated = reportDueDate(period, options.dueDay ?? 10);
    const dueDate = options.dueDayMovesToWorkingDay ? calendar.onOrAfter(stated) : stated;
    for (const n of [...new Set(options.workingDaysBefore)].sort((a, b) => b - a)) {
      reminders.push({
        planCode,
        period,
        dueDate,
        kind: 'reminder',
        workingDaysBefore: n,
        day: calendar.addWorkingDays(dueDate, -n),
      });
    }
    reminders.push({
      planCode,
      period,
      dueDate,
      kind: 'overdue',
      workingDaysBefore: 0,
      day: calendar.addWorkingDays(dueDate, 1),
    });
  }
  return reminders;
}
