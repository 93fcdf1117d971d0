import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogQueries } from '../catalog/read-model/catalog.queries';
import { WorkingDayCalendars } from '../notifications/calendar/working-day-calendars';
import { shanghaiDate } from '../rules';
import { CLOCK, Clock } from '../shared/clock';
import { TargetDocument } from '../targets/read-model/target-document';
import { parseAsOf } from '../time-travel/as-of';
import { AsOfService } from '../time-travel/as-of.service';
import { StatusCount } from './dashboard';
import { HeatMap, heatMapOf } from './heat-map';
import { ReportingDoc, ReportingStatus, reportingStatusOf } from './reporting-status';

/**
 * The dashboard's aggregated panels beside GET /api/dashboard: the heat map and the 报送情况 matrix.
 * Live answers read only indexed columns and small slices of the documents; "as of" answers fold the log.
 */
@Injectable()
export class OverviewService {
  private readonly calendars: WorkingDayCalendars;

  constructor(
    private readonly dataSource: DataSource,
    private readonly asOfService: AsOfService,
    private readonly catalog: CatalogQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // The notifications' calendar reader (the office's loaded years, else the published ones), read only.
    this.calendars = new WorkingDayCalendars(dataSource);
  }

  async heatMap(planCode: string, asOf?: string): Promise<HeatMap> {
    await this.catalog.plan(planCode);
    const names = await this.unitNames();
    if (asOf) {
      const docs = (await this.asOfService.targets(asOf, planCode)).filter((d) => d.lifecycle === 'active');
      return heatMapOf(
        planCode,
        docs.map((d) => ({ unitCode: d.unitCode, category: d.indicator.category, status: d.status, count: 1 })),
        asOf,
        names,
      );
    }
    const counts: Array<StatusCount & { count: string }> = await this.dataSource.query(
      `SELECT unit_code AS "unitCode", category, status, count(*) AS count FROM rm_targets
        WHERE plan_code = $1 AND lifecycle = 'active' GROUP BY unit_code, category, status`,
      [planCode],
    );
    return heatMapOf(
      planCode,
      counts.map((c) => ({ ...c, count: Number(c.count) })),
      null,
      names,
    );
  }

  async reportingStatus(planCode: string, filter: { unitCode?: string; asOf?: string }): Promise<ReportingStatus> {
    const plan = await this.catalog.plan(planCode);
    const at = filter.asOf ? (asOfInstant(filter.asOf) ?? this.clock.now()) : this.clock.now();
    const today = shanghaiDate(at);
    const docs = filter.asOf
      ? await this.foldedDocs(planCode, filter.asOf, filter.unitCode)
      : await this.liveDocs(planCode, filter.unitCode);
    const calendar = await this.calendars.calendarFor([plan.year, Number(today.slice(0, 4))]);
    return reportingStatusOf(plan, docs, today, filter.asOf ?? null, calendar, await this.unitNames());
  }

  private async foldedDocs(planCode: string, asOf: string, unitCode?: string): Promise<ReportingDoc[]> {
    const docs = await this.asOfService.targets(asOf, planCode);
    return docs.filter((d) => d.lifecycle === 'active' && (!unitCode || d.unitCode === unitCode));
  }

  /** Just what the matrix reads: the periods' keys, not their reports. */
  private async liveDocs(planCode: string, unitCode?: string): Promise<ReportingDoc[]> {
    const params = [planCode];
    const unit = unitCode ? `AND unit_code = $${params.push(unitCode)}` : '';
    const rows: Array<{ doc: ReportingDoc }> = await this.dataSource.query(
      `SELECT jsonb_build_object(
          'unitCode', doc->'unitCode', 'assessment', doc->'assessment', 'work', doc->'work', 'overduePeriods', coalesce(doc->'overduePeriods', '[]'::jsonb),
          'indicator', jsonb_build_object('kind', doc->'indicator'->'kind', 'reportingMonths', doc->'indicator'->'reportingMonths',
                                          'planSettings', doc->'indicator'->'planSettings'),
          'periods', coalesce((SELECT jsonb_object_agg(k, '{}'::jsonb) FROM jsonb_object_keys(doc->'periods') AS k), '{}'::jsonb)
        ) AS doc
        FROM rm_targets WHERE plan_code = $1 AND lifecycle = 'active' ${unit}`,
      params,
    );
    return rows.map((r) => withoutNulls(r.doc));
  }

  private async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.catalog.units()).map((u) => [u.code, u.name]));
  }
}

/** A JSON null (an absent member read by jsonb_build_object) is an absent member for the status model. */
function withoutNulls(doc: ReportingDoc): ReportingDoc {
  const indicator = Object.fromEntries(
    Object.entries(doc.indicator).filter(([, v]) => v !== null),
  ) as TargetDocument['indicator'];
  return { ...doc, indicator };
}

/** The instant of an ISO asOf; a global position (digits) has none of its own, so "today" is the clock's. */
function asOfInstant(asOf: string): Date | undefined {
  const parsed = parseAsOf(asOf);
  return 'time' in parsed ? new Date(parsed.time) : undefined;
}
