import { TargetDocument } from '../targets/read-model/target-document';
import { completionOf } from '../targets/read-model/target-view';

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
  period: string | null;
  value: string | null;
  completion: string | null;
  expectedPace: string | null;
  paceRatio: string | null;
  growthPct: string | null;
  growthGap: string | null;
  status: string;
  /** Against the work target (工作目标), when there is one. */
  workStatus: string | null;
  workCompletion: string | null;
}

/**
 * Completion against the expected pace per target: for `period` when given (a target without that
 * report is overdue once its deadline passed, else not started), otherwise the latest period.
 */
export function completionRows(docs: TargetDocument[], filter: CompletionFilter): CompletionRow[] {
  return docs
    .filter((d) => d.lifecycle === 'active')
    .filter((d) => (!filter.unitCode || d.unitCode === filter.unitCode) && (!filter.indicatorCode || d.indicator.code === filter.indicatorCode))
    .sort((a, b) => a.indicator.code.localeCompare(b.indicator.code) || a.unitCode.localeCompare(b.unitCode))
    .map((doc) => rowOf(doc, filter.period ?? doc.latestPeriod));
}

function rowOf(doc: TargetDocument, period: string | undefined): CompletionRow {
  const base = {
    targetId: doc.id,
    indicatorCode: doc.indicator.code,
    indicatorName: doc.indicator.name,
    category: doc.indicator.category,
    unitCode: doc.unitCode,
  };
  if (!period || !doc.periods[period]) {
    const status = period && doc.overduePeriods?.includes(period) ? 'overdue' : period ? 'not_started' : doc.status;
    return {
      ...base, period: period ?? null, value: null, completion: null, expectedPace: null, paceRatio: null,
      growthPct: null, growthGap: null, status, workStatus: null, workCompletion: null,
    };
  }
  const c = completionOf(doc, period);
  return {
    ...base,
    period,
    value: c.value ?? null,
    completion: c.completion ?? null,
    expectedPace: c.expectedPace ?? null,
    paceRatio: c.paceRatio ?? null,
    growthPct: c.growthPct ?? null,
    growthGap: c.growthGap ?? null,
    status: c.status,
    workStatus: c.work?.status ?? null,
    workCompletion: c.work?.completion ?? null,
  };
}
