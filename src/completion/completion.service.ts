import { Injectable } from '@nestjs/common';
import { CatalogQueries } from '../catalog/read-model/catalog.queries';
import { TargetDocument } from '../targets/read-model/target-document';
import { TargetsRepository } from '../targets/read-model/targets.repository';
import { WarningsRepository } from '../warnings/read-model/warnings.repository';
import { AsOfService } from '../time-travel/as-of.service';
import { CompletionFilter, completionRows } from './completion-rows';
import { Dashboard, buildDashboard, byLagging, dashboardOf, demoNoticeOf } from './dashboard';
import { reconcile } from './reconciliation';
import { UNITS } from '../shared/units-of-measure';
import { CompletionReadModel } from './read-model/completion.read-model';

/** The read side's answers: live from the read models, or "as of" a past moment from the log. */
@Injectable()
export class CompletionService {
  constructor(
    private readonly targetsRepository: TargetsRepository,
    private readonly warningsRepository: WarningsRepository,
    private readonly asOfService: AsOfService,
    private readonly catalog: CatalogQueries,
    private readonly readModel: CompletionReadModel,
  ) {}

  async completion(filter: CompletionFilter & { planCode?: string; asOf?: string }) {
    // Live: the per-period read model (two small rows per target) once it has caught up with the targets.
    if (!filter.asOf && this.readModel.ready()) return this.readModel.rows(filter, await this.unitNames());
    const docs = filter.asOf
      ? await this.targets(filter.planCode, filter.asOf, filter.unitCode)
      : await this.targetsRepository.completionSlices(filter);
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
    const [counts, worst, warnings, demo, names] = await Promise.all([
      this.targetsRepository.statusCounts(planCode),
      this.targetsRepository.worstActive(planCode, 20),
      this.warningsRepository.openCounts(planCode),
      this.targetsRepository.demoSlices(planCode),
      this.unitNames(),
    ]);
    return dashboardOf(
      planCode,
      counts,
      completionRows(worst, {}, names).sort(byLagging),
      warnings.flatMap((w) => Array.from({ length: w.count }, () => ({ level: w.level, state: w.state }))),
      null,
      demoNoticeOf(demo.adjusted, demo.touched),
      names,
    );
  }

  /** The targets as they stood at `asOf` when given (folded from the log, as the dashboard's as-of view). */
  async reconciliation(planCode: string, work = false, asOf?: string) {
    const plan = await this.catalog.plan(planCode);
    const districts = new Set((await this.catalog.units()).filter((u) => u.kind === 'district').map((u) => u.code));
    const units = plan.unitsOfMeasure?.length ? UNITS.extend(plan.unitsOfMeasure) : UNITS;
    return {
      planCode,
      basis: work ? 'work' : 'assessment',
      asOf: asOf ?? null,
      lines: reconcile(await this.targets(planCode, asOf), districts, work, units),
    };
  }

  private async targets(planCode?: string, asOf?: string, unitCode?: string): Promise<TargetDocument[]> {
    if (asOf) {
      const docs = await this.asOfService.targets(asOf, planCode);
      return unitCode ? docs.filter((d) => d.unitCode === unitCode) : docs;
    }
    return this.targetsRepository.documents({ planCode, unitCode });
  }
}
