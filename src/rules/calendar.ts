import { RuleInputError } from './errors';

/** Calendar dates 'YYYY-MM-DD' and periods 'YYYY-MM' are local to Asia/Shanghai; callers pass them in. */
export type IsoDate = string;
export type Period = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // UTC+8, no daylight saving since 1991

export function isValidPeriod(s: unknown): s is Period {
  return typeof s === 'string' && PERIOD.test(s);
}

export function isValidDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const match = DATE.exec(s);
  if (!match) return false;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInMonth(Number(match[1]), Number(match[2]));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parsePeriod(period: Period): { year: number; month: number } {
  const match = PERIOD.exec(period);
  if (!match) throw new RuleInputError(`Invalid period ${JSON.stringify(period)}: expected YYYY-MM`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function formatPeriod(year: number, month: number): Period {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function nextPeriod(period: Period): Period {
  const { year, month } = parsePeriod(period);
  return month === 12 ? formatPeriod(year + 1, 1) : formatPeriod(year, month + 1);
}

export function previousPeriod(period: Period): Period {
  const { year, month } = parsePeriod(period);
  return month === 1 ? formatPeriod(year - 1, 12) : formatPeriod(year, month - 1);
}

export function periodOfDate(date: IsoDate): Period {
  assertDate(date, 'date');
  return date.slice(0, 7);
}

export function assertDate(date: unknown, field: string): asserts date is IsoDate {
  if (!isValidDate(date)) {
    throw new RuleInputError(`${field}: invalid date ${JSON.stringify(date)}, expected an existing YYYY-MM-DD`);
  }
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  assertDate(from, 'from');
  assertDate(to, 'to');
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RuleInputError('shanghaiDate: invalid instant');
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The report for month m is due on day `dueDay` of month m+1 (December → January of the next year).
 * A due day past the end of that month falls on its last day.
 */
export function reportDueDate(period: Period, dueDay = 10): IsoDate {
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) {
    throw new RuleInputError(`reportDueDay must be an integer from 1 to 31, got ${dueDay}`);
  }
  const { year, month } = parsePeriod(nextPeriod(period));
  const day = Math.min(dueDay, daysInMonth(year, month));
  return `${formatPeriod(year, month)}-${String(day).padStart(2, '0')}`;
}

/** Overdue from the day after the due date while no report has arrived. */
export function isReportOverdue(period: Period, evaluationDate: IsoDate, dueDay = 10): boolean {
  assertDate(evaluationDate, 'evaluationDate');
  return evaluationDate > reportDueDate(period, dueDay);
}
