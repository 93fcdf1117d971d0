import { IndicatorKind, SUMMABLE_KINDS } from '../catalog/domain/catalog-codes';
import { dec, Dec, toPlainString } from '../shared/decimal';
import { UNITS, UnitRegistry } from '../shared/units-of-measure';
import { TargetDocument } from '../targets/read-model/target-document';

export interface ReconciliationLine {
  indicatorCode: string;
  indicatorName: string;
  unitOfMeasure: string;
  /** The district's own target (全区目标), when assigned. */
  districtTarget: string | null;
  /** Sum of the unit targets, converted to the indicator's unit of measure. */
  sumOfUnitTargets: string;
  unitTargets: number;
  /** sum − district target; negative is a shortfall (the district figure also holds undistributed parts). */
  difference: string | null;
  /** Unit targets that carry no total (text or growth only) and so are not in the sum. */
  notSummable: string[];
}

/** Only totals add up across units: not levels, rates, ranks, or figures in units that do not add up (%, ‰, per 10万). */
function isSummable(doc: TargetDocument, units: UnitRegistry): boolean {
  if (!SUMMABLE_KINDS.has(doc.indicator.kind as IndicatorKind)) return false;
  return units.isAdditive(doc.indicator.unitOfMeasure);
}

/**
 * Decomposition reconciliation (分解核对): for each decomposed indicator, the district target against
 * the sum of the unit targets in one unit of measure. Shortfalls are reported, not hidden. Indicators
 * whose figures do not add up (levels, rates, ranks) are left out.
 */
export function reconcile(
  docs: TargetDocument[],
  districtUnitCodes: ReadonlySet<string>,
  work = false,
  /** the shared registry, extended by the plan's declared units */
  registry: UnitRegistry = UNITS,
): ReconciliationLine[] {
  const byIndicator = new Map<string, TargetDocument[]>();
  for (const doc of docs) {
    if (doc.lifecycle !== 'active' || doc.indicator.decomposition !== 'decomposed' || !isSummable(doc, registry))
      continue;
    const list = byIndicator.get(doc.indicator.code) ?? [];
    list.push(doc);
    byIndicator.set(doc.indicator.code, list);
  }
  return [...byIndicator.values()]
    .map((targets) => {
      const indicator = targets[0].indicator;
      const inIndicatorUnit = (doc: TargetDocument): Dec | undefined => {
        const value = work ? doc.work : doc.assessment;
        if (!value?.total) return undefined;
        return registry.convert(
          dec(value.total),
          value.unitOfMeasure ?? indicator.unitOfMeasure,
          indicator.unitOfMeasure,
        );
      };
      const district = targets.find((d) => districtUnitCodes.has(d.unitCode));
      const units = targets.filter((d) => !districtUnitCodes.has(d.unitCode));
      let sum = dec(0);
      const notSummable: string[] = [];
      for (const unit of units) {
        const value = inIndicatorUnit(unit);
        if (value) sum = sum.plus(value);
        else notSummable.push(unit.unitCode);
      }
      const districtValue = district ? inIndicatorUnit(district) : undefined;
      return {
        indicatorCode: indicator.code,
        indicatorName: indicator.name,
        unitOfMeasure: indicator.unitOfMeasure,
        districtTarget: districtValue ? toPlainString(districtValue) : null,
        sumOfUnitTargets: toPlainString(sum),
        unitTargets: units.length,
        difference: districtValue ? toPlainString(sum.minus(districtValue)) : null,
        notSummable,
      };
    })
    .sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode, undefined, { numeric: true }));
}
