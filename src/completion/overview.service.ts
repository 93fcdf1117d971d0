import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogQueries } from '../catalog/read-model/catalog.queries';
import { WorkingDayCalendars } from '../notifications/calendar/working-day-calendars';
import { shanghaiDate } from '../rules';
import { CLOCK, Clock } from '../shared/clock';
import { TargetsRepository } from '../targets/read-model/targets.repository';
import { parseAsOf } from '../time-travel/as-of';
import { AsOfService } from '../time-travel/as-of.service';
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
    dataSource: DataSource,
    private readonly targetsRepository: TargetsRepository,
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
    return heatMapOf(planCode, await this.targetsRepository.statusCounts(planCode), null, names);
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

  private liveDocs(planCode: string, unitCode?: string): Promise<ReportingDoc[]> {
    return this.targetsRepository.reportingSlices(planCode, unitCode);
  }

  private async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.catalog.units()).map((u) => [u.code, u.name]));
  }
}

/** The instant of an ISO asOf; a global position (digits) has none of its own, so "today" is the clock's. */
function asOfInstant(asOf: string): Date | undefined {
  const parsed = parseAsOf(asOf);
  return 'time' in parsed ? new Date(parsed.time) : undefined;
}
