import { governingTarget } from '../targets/domain/target-value';
import { TargetDocument } from '../targets/read-model/target-document';
import { completionOf } from '../targets/read-model/target-view';
import { displayDecimal, displayFigure, displayFraction, periodStatus, PeriodStatus } from '../rules';
import { statusFactsOf } from '../targets/read-model/status-facts';

export interface CompletionFilter {
  unitCode?: string;
  indicatorCode?: string;
  period?: string;
}

/** One row of GET /api/completion. */
export interface CompletionRow {
  targetId: string;
  indicatorCode: string;
  indicatorName: string;
  category: string;
  unitCode: string;
  /** The unit's name (单位名称), beside its code. */
  unitName: string | null;
  period: string | null;
  value: string | null;
  /** The unit of measure `value` is in. */
  unitOfMeasure: string;
  completion: string | null;
  expectedPace: string | null;
  paceRatio: string | null;
  growthPct: string | null;
  growthGap: string | null;
  /** Per the status model (src/rules/status-model.ts): for `period` when asked, else the target's status now. */
  status: PeriodStatus;
  /** Against the work target (工作目标), when there is one. */
  workStatus: string | null;
  workCompletion: string | null;
  /** For people: figures rounded per unit of measure, fractions as percentages (the fields above stay exact). */
  display: {
    value?: string;
    completion?: string;
    expectedPace?: string;
    paceRatio?: string;
    growthPct?: string;
    growthGap?: string;
  };
}

/** Names beside codes: the catalog's unit names. */
export type UnitNames = ReadonlyMap<string, string>;

/**
 * Completion against the expected pace per target. With `period`: that month's figures and its status
 * for the period (not_due before its deadline, overdue after it, …). Without: the latest report's
 * figures and the target's status now — the same status `/api/targets` and the dashboard show.
 */
export function completionRows(
  docs: TargetDocument[],
  filter: CompletionFilter,
  unitNames: UnitNames = new Map(),
): CompletionRow[] {
  return docs
    .filter((d) => d.lifecycle === 'active')
    .filter(
      (d) =>
        (!filter.unitCode || d.unitCode === filter.unitCode) &&
        (!filter.indicatorCode || d.indicator.code === filter.indicatorCode),
    )
    .sort((a, b) => a.indicator.code.localeCompare(b.indicator.code) || a.unitCode.localeCompare(b.unitCode))
    .map((doc) => rowOf(doc, filter.period, unitNames));
}

function rowOf(doc: TargetDocument, askedPeriod: string | undefined, unitNames: UnitNames): CompletionRow {
  const status = askedPeriod ? periodStatus(statusFactsOf(doc), askedPeriod) : doc.status;
  const period = askedPeriod ?? doc.latestPeriod;
  return assembleRow(
    completionBaseOf(doc),
    period ?? null,
    period ? completionFiguresOf(doc, period) : undefined,
    status,
    unitNames,
  );
}

/** What every row of a target shares, whatever the period (the per-period read model stores it once per target). */
export type CompletionBase = Pick<
  CompletionRow,
  'targetId' | 'indicatorCode' | 'indicatorName' | 'category' | 'unitCode'
> & {
  /** The target's unit of measure, for a period without a report. */
  targetUnit: string;
};

/** A reported period's figures (the per-period read model stores one per target and reported period). */
export type CompletionFigures = Pick<
  CompletionRow,
  | 'value'
  | 'unitOfMeasure'
  | 'completion'
  | 'expectedPace'
  | 'paceRatio'
  | 'growthPct'
  | 'growthGap'
  | 'workStatus'
  | 'workCompletion'
  | 'display'
>;

export function completionBaseOf(doc: TargetDocument): CompletionBase {
  return {
    targetId: doc.id,
    indicatorCode: doc.indicator.code,
    indicatorName: doc.indicator.name,
    category: doc.indicator.category,
    unitCode: doc.unitCode,
    targetUnit: governingTarget(doc).unitOfMeasure ?? doc.indicator.unitOfMeasure,
  };
}

/**
 * The period's figures; undefined when the period was not reported. `targetUnit` (the base's) may be
 * given when the caller has it: the completion rows of every period of a document share it.
 */
export function completionFiguresOf(
  doc: TargetDocument,
  period: string,
  targetUnit?: string,
): CompletionFigures | undefined {
  if (!doc.periods[period]?.report) return undefined;
  const c = completionOf(doc, period);
  const unitOfMeasure = doc.periods[period].report.unitOfMeasure ?? targetUnit ?? completionBaseOf(doc).targetUnit;
  // Only the values there are, in this order (a row's JSON as it has always been written).
  const display: CompletionFigures['display'] = {};
  const shown = (key: keyof CompletionFigures['display'], value: string | undefined) => {
    if (value !== undefined) display[key] = value;
  };
  shown('value', displayFigure(c.value, unitOfMeasure));
  shown('completion', displayFraction(c.completion));
  shown('expectedPace', displayFraction(c.expectedPace));
  shown('paceRatio', displayDecimal(c.paceRatio, 3));
  shown('growthPct', displayFigure(c.growthPct, '%'));
  shown('growthGap', displayFigure(c.growthGap, '%'));
  return {
    unitOfMeasure,
    display,
    value: c.value ?? null,
    completion: c.completion ?? null,
    expectedPace: c.expectedPace ?? null,
    paceRatio: c.paceRatio ?? null,
    growthPct: c.growthPct ?? null,
    growthGap: c.growthGap ?? null,
    workStatus: c.work?.status ?? null,
    workCompletion: c.work?.completion ?? null,
  };
}

/** One row from its parts, in the order the API has always answered its fields (one literal: no spreads per row). */
export function assembleRow(
  base: CompletionBase,
  period: string | null,
  figures: CompletionFigures | undefined,
  status: PeriodStatus,
  unitNames: UnitNames,
): CompletionRow {
  const shown = period && figures ? figures : undefined;
  return {
    targetId: base.targetId,
    indicatorCode: base.indicatorCode,
    indicatorName: base.indicatorName,
    category: base.category,
    unitCode: base.unitCode,
    unitName: unitNames.get(base.unitCode) ?? null,
    period,
    value: shown ? shown.value : null,
    unitOfMeasure: shown ? shown.unitOfMeasure : base.targetUnit,
    completion: shown ? shown.completion : null,
    expectedPace: shown ? shown.expectedPace : null,
    paceRatio: shown ? shown.paceRatio : null,
    growthPct: shown ? shown.growthPct : null,
    growthGap: shown ? shown.growthGap : null,
    status,
    workStatus: shown ? shown.workStatus : null,
    workCompletion: shown ? shown.workCompletion : null,
    display: shown ? shown.display : {},
  };
}
