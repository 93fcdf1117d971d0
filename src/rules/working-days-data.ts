import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WorkingDayYear } from './working-days';

/**
 * The statutory holidays and make-up working days of a year as published by the State Council,
 * from the `chinese-days` package's per-year data (`dist/years/<year>.json`). Undefined when the
 * package has no data for the year (the office then loads the year itself).
 */
export function publishedWorkingDayYear(year: number): WorkingDayYear | undefined {
  const file = join(dirname(require.resolve('chinese-days/package.json')), 'dist', 'years', `${year}.json`);
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    holidays?: Record<string, string>;
    workdays?: Record<string, string>;
  };
  return { year, holidays: Object.keys(data.holidays ?? {}).sort(), workdays: Object.keys(data.workdays ?? {}).sort() };
}
