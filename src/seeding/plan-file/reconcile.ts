/**
 * Decomposition reconciliation (分解核对): for each decomposed indicator, the sum of the unit targets,
 * converted to the district target's unit of measure, against the district target. A shortfall is reported,
 * not hidden: the printed tables do not always add up (the district figure also holds undistributed parts).
 */
import Decimal from 'decimal.js';
import { IndicatorDef, PlanFile, TargetSide, TargetValue } from './types';
import { dec } from '../../shared/decimal';
import { planUnits } from './plan-units';
import { isSummableKind } from './values';

export type ReconciliationStatus =
  'balanced' | 'shortfall' | 'excess' | 'no_district_total' | 'no_unit_totals' | 'not_summable' | 'inconvertible';
// not_summable: the kind (growth, level, rank, qualitative, …) or the unit (%, 1/10万) does not add up across units

export interface ReconciliationRow {
  indicatorCode: string;
  name: string;
  kind: IndicatorDef['kind'];
  side: TargetSide;
  /** unit of measure of districtTotal, sum, difference and the printed rows */
  unitOfMeasure?: string;
  /** district target from indicators.yaml (考核目标 or 工作目标 总量) */
  districtTotal: string | null;
  /** sum of the unit targets' totals */
  sum: string | null;
  /** sum − districtTotal (negative: shortfall) */
  difference: string | null;
  /** unit targets with a total */
  unitCount: number;
  /** unit targets on this side without a total (text only, or unreadable) */
  unitsWithoutTotal: number;
  /** the table's printed 全区 row, converted */
  printedDistrictRow: string | null;
  /** printed subtotal rows (街镇合计), converted */
  printedSubtotals: string[];
  /** a conversion did not terminate in decimal (values rounded) */
  inexact: boolean;
  /** decomposition tables the unit targets come from */
  tables: string[];
  status: ReconciliationStatus;
}

function unitOf(value: TargetValue | undefined, ind: IndicatorDef): string | undefined {
  return value?.unitOfMeasure ?? ind.unitOfMeasure;
}

/** For every decomposed indicator and each side (assessment, work) that has a district or unit target. */
export function reconcile(plan: PlanFile): ReconciliationRow[] {
  const rows: ReconciliationRow[] = [];
  const units = planUnits(plan);
  for (const ind of plan.indicators) {
    if (ind.decomposition !== 'decomposed') continue;
    const targets = plan.targets.filter((t) => t.indicatorCode === ind.code);
    for (const side of ['assessment', 'work'] as const) {
      const district = ind[side];
      const unitValues = targets
        .map((t) => ({ t, v: t[side] }))
        .filter((x): x is { t: typeof x.t; v: TargetValue } => x.v !== undefined);
      const printed = plan.tables.flatMap((tb) =>
        tb.rows
          .filter((r) => r.kind !== 'unit')
          .flatMap((r) =>
            r.values.filter((v) => v.indicatorCode === ind.code).map((v) => ({ kind: r.kind, v: v[side] })),
          ),
      );
      if (district === undefined && unitValues.length === 0) continue;
      const row: ReconciliationRow = {
        indicatorCode: ind.code,
        name: ind.name,
        kind: ind.kind,
        side,
        districtTotal: null,
        sum: null,
        difference: null,
        unitCount: unitValues.filter((x) => x.v.total !== undefined).length,
        unitsWithoutTotal: unitValues.filter((x) => x.v.total === undefined).length,
        printedDistrictRow: null,
        printedSubtotals: [],
        inexact: false,
        tables: [...new Set(unitValues.map((x) => x.t.origin.table).filter((t): t is string => t !== undefined))],
        status: 'not_summable',
      };
      rows.push(row);
      const target =
        district?.total !== undefined
          ? unitOf(district, ind)
          : (ind.unitOfMeasure ?? unitValues.map((x) => unitOf(x.v, ind)).find((u) => u !== undefined));
      if (target !== undefined) row.unitOfMeasure = target;
      if (district?.total !== undefined) row.districtTotal = new Decimal(district.total).toFixed();
      // growth rates, levels, ranks, texts, and figures in %, 1/10万 … do not add up across units
      if (!isSummableKind(ind.kind) || (target !== undefined && !units.isAdditive(target))) continue;
      let ok = true;
      const toTarget = (value: string, from: string | undefined): Decimal | undefined => {
        if (target === undefined || from === undefined) return from === target ? new Decimal(value) : undefined;
        if (!units.canConvert(from, target)) return from === target ? new Decimal(value) : undefined;
        const r = units.convertExactly(dec(value), from, target);
        if (!r.exact) row.inexact = true;
        return new Decimal(r.value.toFixed());
      };
      let sum = new Decimal(0);
      for (const { v } of unitValues) {
        if (v.total === undefined) continue;
        const d = toTarget(v.total, unitOf(v, ind));
        if (d === undefined) ok = false;
        else sum = sum.plus(d);
      }
      for (const p of printed) {
        if (p.v?.total === undefined) continue;
        const d = toTarget(p.v.total, unitOf(p.v, ind));
        if (d === undefined) continue;
        if (p.kind === 'district') row.printedDistrictRow = d.toFixed();
        else row.printedSubtotals.push(d.toFixed());
      }
      if (!ok) {
        row.status = 'inconvertible';
        continue;
      }
      if (row.unitCount === 0) {
        row.status = 'no_unit_totals';
        continue;
      }
      row.sum = sum.toFixed();
      if (row.districtTotal === null) {
        row.status = 'no_district_total';
        continue;
      }
      const diff = sum.minus(row.districtTotal);
      row.difference = diff.toFixed();
      row.status = diff.isZero() ? 'balanced' : diff.isNegative() ? 'shortfall' : 'excess';
    }
  }
  return rows;
}
