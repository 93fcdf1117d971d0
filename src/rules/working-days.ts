/**
 * The Chinese working-day calendar (工作日历): weekends are rest days, except the make-up working days
 * (调休上班) the State Council sets each year; statutory holidays (法定节假日) are rest days. Pure: the
 * year data comes in (see working-days-data.ts for where it is loaded from).
 */
export interface WorkingDayYear {
  year: number;
  /** Rest days that would otherwise be working days, YYYY-MM-DD. */
  holidays: readonly string[];
  /** Weekend days that are working days (调休), YYYY-MM-DD. */
  workdays: readonly string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly years = new Set<number>();

  constructor(years: readonly WorkingDayYear[]) {
    for (const y of years) {
      this.years.add(y.year);
      for (const d of y.holidays) this.holidays.add(assertDate(d));
      for (const d of y.workdays) this.workdays.add(assertDate(d));
    }
  }

  /** Whether the year's holidays and make-up days are known (otherwise only weekends count). */
  knows(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    assertDate(date);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The date itself when it is a working day, else the next working day. */
  onOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** `n` working days after (n > 0) or before (n < 0) the date, not counting the date itself. */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0;) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${assertDate(date)}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

function assertDate(date: string): string {
  const m = DATE.exec(date);
  if (!m || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`日期无效 / Invalid date '${date}' (YYYY-MM-DD)`);
  }
  return date;
}
