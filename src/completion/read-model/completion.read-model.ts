import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectionsService } from '../../projections/projections.service';
import { ProjectionRunner } from '../../projections/runner/projection-runner';
import { PeriodStatus, periodStatus, StatusFacts, TargetStatus } from '../../rules';
import {
  assembleRow,
  CompletionBase,
  CompletionFigures,
  CompletionFilter,
  CompletionRow,
  UnitNames,
} from '../completion-rows';
import { BASE_PERIOD, COMPLETION_PERIODS_TABLE } from './completion.projection';

const collator = new Intl.Collator();

/**
 * The per-period completion read model (`rm_completion_periods`, rows the targets projection derives):
 * answers live completion lists. While the rows are not there (a targets projection run without them,
 * the first rebuild after a deploy) it says so and the caller reads the target documents.
 */
@Injectable()
export class CompletionReadModel {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly projections?: ProjectionsService,
  ) {}

  /** Whether the rows are there (without followers in this process: maintained elsewhere, e.g. a benchmark's rebuild). */
  ready(): boolean {
    if (!this.projections) return true;
    const targets = this.projections.runner('targets');
    if (!(targets instanceof ProjectionRunner) || targets.projection.derived?.name !== COMPLETION_PERIODS_TABLE)
      return false;
    return targets.state === 'following' || targets.state === 'standby';
  }

  /** Completion rows of active targets, as `completionRows` computes them from the target documents. */
  async rows(filter: CompletionFilter & { planCode?: string }, unitNames: UnitNames): Promise<CompletionRow[]> {
    const params: Array<string | null> = [filter.period ?? null];
    const where = [`b.period = '${BASE_PERIOD}'`, "b.lifecycle = 'active'"];
    if (filter.planCode) where.push(`b.plan_code = $${params.push(filter.planCode)}`);
    if (filter.unitCode) where.push(`b.unit_code = $${params.push(filter.unitCode)}`);
    if (filter.indicatorCode) where.push(`b.indicator_code = $${params.push(filter.indicatorCode)}`);
    // The status model's facts travel only for a period asked that the target has no row for.
    const found: Array<{
      base: CompletionBase;
      status: TargetStatus;
      latestPeriod: string | null;
      figures: CompletionFigures | null;
      periodStatus: PeriodStatus | null;
      facts: StatusFacts | null;
    }> = await this.dataSource.query(
      `SELECT b.row AS base, b.status, b.latest_period AS "latestPeriod", p.row AS figures, p.status AS "periodStatus",
              CASE WHEN $1::text IS NOT NULL AND p.key IS NULL THEN b.facts END AS facts
         FROM ${COMPLETION_PERIODS_TABLE} b
         LEFT JOIN ${COMPLETION_PERIODS_TABLE} p ON p.key = b.key AND p.period = coalesce($1::text, b.latest_period)
        WHERE ${where.join(' AND ')}`,
      params,
    );
    const asked = filter.period;
    return (
      found
        // Ties (the same indicator and unit codes in two plans) by target id, so the order is stable.
        .sort(
          (a, b) =>
            collator.compare(a.base.indicatorCode, b.base.indicatorCode) ||
            collator.compare(a.base.unitCode, b.base.unitCode) ||
            (a.base.targetId < b.base.targetId ? -1 : 1),
        )
        .map((r) =>
          assembleRow(
            r.base,
            asked ?? r.latestPeriod,
            r.figures ?? undefined,
            asked ? (r.periodStatus ?? periodStatus(r.facts!, asked)) : r.status,
            unitNames,
          ),
        )
    );
  }
}
