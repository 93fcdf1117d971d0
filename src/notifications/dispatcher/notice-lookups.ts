import { PoolClient } from 'pg';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import { IndicatorDocument } from '../../catalog/read-model/catalog.projections';
import { TargetDocument } from '../../targets/read-model/target-document';
import { TargetsRepository } from '../../targets/read-model/targets.repository';

/**
 * What notices name (units, indicators) and what reminders count (targets), read through the read
 * models' own repositories inside the dispatcher's transaction, once per batch.
 */
export class NoticeLookups {
  private units?: Promise<Map<string, string>>;
  private readonly indicators = new Map<string, Promise<Map<string, IndicatorDocument>>>();

  constructor(
    private readonly client: PoolClient,
    private readonly catalog: CatalogQueries,
    private readonly targets: TargetsRepository,
  ) {}

  async unitName(code: string): Promise<string | undefined> {
    this.units ??= this.catalog.units(this.client).then((units) => new Map(units.map((u) => [u.code, u.name])));
    return (await this.units).get(code);
  }

  async indicator(planCode: string, code: string): Promise<IndicatorDocument | undefined> {
    let ofPlan = this.indicators.get(planCode);
    if (!ofPlan) {
      ofPlan = this.catalog.indicators(planCode, this.client).then((list) => new Map(list.map((i) => [i.code, i])));
      this.indicators.set(planCode, ofPlan);
    }
    return (await ofPlan).get(code);
  }

  targetsOfPlan(planCode: string): Promise<TargetDocument[]> {
    return this.targets.documentsOfPlan(planCode, this.client);
  }
}
