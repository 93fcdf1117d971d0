import { PoolClient } from 'pg';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import { IndicatorDocument } from '../../catalog/read-model/catalog.projections';
import { ReminderTarget, TargetsRepository } from '../../targets/read-model/targets.repository';

/** Plans whose indicators the cache keeps at most (the one read longest ago goes first). */
const CACHED_PLANS = 32;

interface Kept<V> {
  stamp: string;
  value: V;
}

/**
 * The catalog documents notices name (unit names, a plan's indicators), kept by the dispatcher from
 * batch to batch. Before a batch uses what was kept it compares the stamp of the rows read then with
 * the database's now (`CatalogQueries.unitsStamp`: rebuild generation, rows, latest position; one
 * row back instead of every document) and reads the documents again when they differ. The check
 * asks the database, not this process, so a unit or an indicator changed, or a read model rebuilt,
 * through another instance on the same database shows in the next batch all the same.
 */
export class CatalogNameCache {
  private units?: Kept<Map<string, string>>;
  private readonly indicators = new Map<string, Kept<Map<string, IndicatorDocument>>>();

  constructor(private readonly catalog: CatalogQueries) {}

  /** Unit names by code, as the database holds them now. */
  async unitNames(client: PoolClient): Promise<Map<string, string>> {
    if (this.units && this.units.stamp === (await this.catalog.unitsStamp(client))) return this.units.value;
    const read = await this.catalog.stampedUnits(client);
    const names = new Map(read.value.map((u) => [u.code, u.name]));
    this.units = read.stamp === undefined ? undefined : { stamp: read.stamp, value: names };
    return names;
  }

  /** A plan's indicators by code, as the database holds them now. */
  async indicatorsOf(planCode: string, client: PoolClient): Promise<Map<string, IndicatorDocument>> {
    const kept = this.indicators.get(planCode);
    if (kept && kept.stamp === (await this.catalog.indicatorsStamp(planCode, client))) return kept.value;
    const read = await this.catalog.stampedIndicators(planCode, client);
    const byCode = new Map(read.value.map((i) => [i.code, i]));
    this.indicators.delete(planCode);
    if (read.stamp !== undefined) {
      this.indicators.set(planCode, { stamp: read.stamp, value: byCode });
      if (this.indicators.size > CACHED_PLANS) this.indicators.delete(this.indicators.keys().next().value as string);
    }
    return byCode;
  }
}

/**
 * What notices name (units, indicators) and what reminders count (targets), read inside the
 * dispatcher's transaction once per batch: names through the dispatcher's `CatalogNameCache`, the
 * targets through their repository.
 */
export class NoticeLookups {
  private units?: Promise<Map<string, string>>;
  private readonly indicators = new Map<string, Promise<Map<string, IndicatorDocument>>>();

  constructor(
    private readonly client: PoolClient,
    private readonly names: CatalogNameCache,
    private readonly targets: TargetsRepository,
  ) {}

  async unitName(code: string): Promise<string | undefined> {
    this.units ??= this.names.unitNames(this.client);
    return (await this.units).get(code);
  }

  async indicator(planCode: string, code: string): Promise<IndicatorDocument | undefined> {
    let ofPlan = this.indicators.get(planCode);
    if (!ofPlan) {
      ofPlan = this.names.indicatorsOf(planCode, this.client);
      this.indicators.set(planCode, ofPlan);
    }
    return (await ofPlan).get(code);
  }

  /** The plan's active targets with no report of `period` or later, only what a reminder reads of them. */
  unreportedTargetsOfPlan(planCode: string, period: string): Promise<ReminderTarget[]> {
    return this.targets.reminderTargetsOfPlan(planCode, period, this.client);
  }
}
