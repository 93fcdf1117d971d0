import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { WorkingDayCalendar, WorkingDayYear } from '../../rules/working-days';
import { publishedWorkingDayYear } from '../../rules/working-days-data';

/**
 * The working-day calendar years: those the office loaded (per year, replacing the published data),
 * else the State Council's notices as published in the `chinese-days` package.
 */
@Injectable()
export class WorkingDayCalendars {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async year(year: number): Promise<(WorkingDayYear & { source: 'office' | 'published' | 'none' }) | undefined> {
    const { rows } = await this.pool.query<{ holidays: string[]; workdays: string[] }>(
      `SELECT holidays, workdays FROM working_day_calendar_years WHERE year = $1`,
      [year],
    );
    if (rows[0]) return { year, holidays: rows[0].holidays, workdays: rows[0].workdays, source: 'office' };
    const published = publishedWorkingDayYear(year);
    return published ? { ...published, source: 'published' } : undefined;
  }

  /** The calendar for these years and their neighbours (a December due day falls in January). */
  async calendarFor(years: number[]): Promise<WorkingDayCalendar> {
    const wanted = [...new Set(years.flatMap((y) => [y - 1, y, y + 1]))];
    const loaded = await Promise.all(wanted.map((y) => this.year(y)));
    return new WorkingDayCalendar(loaded.filter((y): y is NonNullable<typeof y> => !!y));
  }

  async load(year: WorkingDayYear, by: string, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO working_day_calendar_years (year, holidays, workdays, loaded_at, loaded_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays, loaded_at = EXCLUDED.loaded_at, loaded_by = EXCLUDED.loaded_by`,
      [year.year, JSON.stringify([...year.holidays].sort()), JSON.stringify([...year.workdays].sort()), at, by],
    );
  }
}
