import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogQueries } from '../catalog/read-model/catalog.queries';
import { TargetDocument } from '../targets/read-model/target-document';
import { AsOfService } from '../time-travel/as-of.service';
import { WarningDocument } from '../warnings/read-model/warnings.projection';
import { CompletionFilter, completionRows } from './completion-rows';
import { buildDashboard } from './dashboard';
import { reconcile } from './reconciliation';

/** The read side's answers: live from the read models, or "as of" a past moment from the log. */
@Injectable()
export class CompletionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly asOfService: AsOfService,
    private readonly catalog: CatalogQueries,
  ) {}

  async completion(filter: CompletionFilter & { planCode?: string; asOf?: string }) {
    const docs = await this.targets(filter.planCode, filter.asOf, filter.unitCode);
    return completionRows(docs, filter);
  }

  async dashboard(planCode: string, asOf?: string) {
    await this.catalog.plan(planCode);
    const docs = await this.targets(planCode, asOf);
    const warnings = asOf
      ? await this.asOfService.warnings(asOf, { planCode })
      : (
          await this.dataSource.query<Array<{ doc: Pick<WarningDocument, 'level' | 'state'> }>>(
            `SELECT jsonb_build_object('level', doc->>'level', 'state', doc->>'state') AS doc FROM rm_warnings WHERE plan_code = $1 AND state <> 'cleared'`,
            [planCode],
          )
        ).map((r) => r.doc);
    return buildDashboard(planCode, docs, warnings, asOf ?? null);
  }

  async reconciliation(planCode: string, work = false) {
    await this.catalog.plan(planCode);
    const districts = new Set((await this.catalog.units()).filter((u) => u.kind === 'district').map((u) => u.code));
    return { planCode, basis: work ? 'work' : 'assessment', lines: reconcile(await this.targets(planCode), districts, work) };
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
