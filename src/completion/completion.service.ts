import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogQueries } from '../catalog/read-model/catalog.queries';
import { TargetDocument } from '../targets/read-model/target-document';
import { AsOfService } from '../time-travel/as-of.service';
import { CompletionFilter, completionRows } from './completion-rows';
import { Dashboard, StatusCount, buildDashboard, byLagging, dashboardOf, demoNoticeOf } from './dashboard';
import { reconcile } from './reconciliation';
import { UNITS } from '../shared/units-of-measure';
import { CompletionReadModel } from './read-model/completion.read-model';

/** The read side's answers: live from the read models, or "as of" a past moment from the log. */
@Injectable()
export class CompletionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly asOfService: AsOfService,
    private readonly catalog: CatalogQueries,
    private readonly readModel: CompletionReadModel,
  ) {}

  async completion(filter: CompletionFilter & { planCode?: string; asOf?: string }) {
    // Live: the per-period read model (two small rows per target) once it has caught up with the targets.
    if (!filter.asOf && this.readModel.ready()) return this.readModel.rows(filter, await this.unitNames());
    const docs = filter.asOf
      ? await this.targets(filter.planCode, filter.asOf, filter.unitCode)
      : await this.slimTargets(filter);
    return completionRows(docs, filter, await this.unitNames());
  }

  /** The catalog's unit names by code, shown beside the codes. */
  private async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.catalog.units()).map((u) => [u.code, u.name]));
  }

  async dashboard(planCode: string, asOf?: string): Promise<Dashboard> {
    await this.catalog.plan(planCode);
    if (asOf) {
      const [docs, warnings] = await Promise.all([
        this.targets(planCode, asOf),
        this.asOfService.warnings(asOf, { planCode }),
      ]);
      return buildDashboard(planCode, docs, warnings, asOf, await this.unitNames());
    }
    // Live: counted by the database over indexed columns; only the worst 20 documents are read.
    const counts: Array<StatusCount & { count: string }> = await this.dataSource.query(
      `SELECT unit_code AS "unitCode", category, status, count(*) AS count FROM rm_targets
        WHERE plan_code = $1 AND lifecycle = 'active' GROUP BY unit_code, category, status`,
      [planCode],
    );
    const worst: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM rm_targets WHERE plan_code = $1 AND lifecycle = 'active' AND status IN ('red', 'overdue', 'yellow')
        ORDER BY CASE status WHEN 'red' THEN 0 WHEN 'overdue' THEN 1 ELSE 2 END, pace_ratio NULLS FIRST, key LIMIT 20`,
      [planCode],
    );
    const warnings: Array<{ level: string; state: string; count: string }> = await this.dataSource.query(
      `SELECT level, state, count(*) AS count FROM rm_warnings WHERE plan_code = $1 AND state <> 'cleared' GROUP BY level, state`,
      [planCode],
    );
    const names = await this.unitNames();
    const demo: Array<{ doc: Pick<TargetDocument, 'id' | 'unitCode' | 'indicator' | 'demo'> }> =
      await this.dataSource.query(
        `SELECT jsonb_build_object('id', doc->'id', 'unitCode', doc->'unitCode', 'demo', doc->'demo',
                'indicator', jsonb_build_object('code', doc->'indicator'->'code', 'name', doc->'indicator'->'name', 'unitOfMeasure', doc->'indicator'->'unitOfMeasure')) AS doc
         FROM rm_targets WHERE plan_code = $1 AND lifecycle = 'active' AND doc ? 'demo'`,
        [planCode],
      );
    return dashboardOf(
      planCode,
      counts.map((c) => ({ ...c, count: Number(c.count) })),
      completionRows(
        worst.map((r) => r.doc),
        {},
        names,
      ).sort(byLagging),
      warnings.flatMap((w) => Array.from({ length: Number(w.count) }, () => ({ level: w.level, state: w.state }))),
      null,
      demoNoticeOf(demo.map((r) => r.doc as TargetDocument)),
      names,
    );
  }

  async reconciliation(planCode: string, work = false) {
    const plan = await this.catalog.plan(planCode);
    const districts = new Set((await this.catalog.units()).filter((u) => u.kind === 'district').map((u) => u.code));
    const units = plan.unitsOfMeasure?.length ? UNITS.extend(plan.unitsOfMeasure) : UNITS;
    return {
      planCode,
      basis: work ? 'work' : 'assessment',
      lines: reconcile(await this.targets(planCode), districts, work, units),
    };
  }

  /** Just what completion rows need: the requested (or latest) period's entry, not the whole year. */
  private async slimTargets(filter: CompletionFilter & { planCode?: string }): Promise<TargetDocument[]> {
    const params: Array<string | null> = [filter.period ?? null];
    const where = ["lifecycle = 'active'"];
    if (filter.planCode) where.push(`plan_code = $${params.push(filter.planCode)}`);
    if (filter.unitCode) where.push(`unit_code = $${params.push(filter.unitCode)}`);
    if (filter.indicatorCode) where.push(`indicator_code = $${params.push(filter.indicatorCode)}`);
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT jsonb_build_object(
          'id', doc->'id', 'unitCode', doc->'unitCode', 'lifecycle', doc->'lifecycle', 'status', doc->'status',
          'latestPeriod', doc->'latestPeriod', 'overduePeriods', doc->'overduePeriods',
          'assessment', doc->'assessment', 'work', doc->'work',
          'indicator', jsonb_build_object('code', doc->'indicator'->'code', 'name', doc->'indicator'->'name',
                                          'category', doc->'indicator'->'category', 'planCode', doc->'indicator'->'planCode',
                                          'kind', doc->'indicator'->'kind', 'reportingMonths', doc->'indicator'->'reportingMonths',
                                          'unitOfMeasure', doc->'indicator'->'unitOfMeasure',
                                          'planSettings', doc->'indicator'->'planSettings'),
          -- the asked (or latest) period whole; of the others only their status, which the status model reads
          'periods', coalesce((SELECT jsonb_object_agg(k, CASE WHEN k = p THEN v
                                     WHEN v ? 'evaluation' THEN jsonb_build_object('evaluation', jsonb_build_object('status', v->'evaluation'->'status'))
                                     ELSE '{}'::jsonb END)
                                FROM jsonb_each(doc->'periods') AS e(k, v)), '{}'::jsonb)
        ) AS doc
        FROM rm_targets, LATERAL (SELECT coalesce($1, doc->>'latestPeriod') AS p) period
        WHERE ${where.join(' AND ')}`,
      params,
    );
    return rows.map((r) => r.doc);
  }

  private async targets(planCode?: string, asOf?: string, unitCode?: string): Promise<TargetDocument[]> {
    if (asOf) {
      const docs = await this.asOfService.targets(asOf, planCode);
      return unitCode ? docs.filter((d) => d.unitCode === unitCode) : docs;
    }
    const where: string[] = [];
    const params: string[] = [];
    if (planCode) where.push(`plan_code = $${params.push(planCode)}`);
    if (unitCode) where.push(`unit_code = $${params.push(unitCode)}`);
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM rm_targets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return rows.map((r) => r.doc);
  }
}
