import { EvaluationJson } from '../../rules';
import { governingTarget, TargetValue } from '../domain/target-value';
import { PeriodReport } from './evaluate-target';
import { TargetDocument } from './target-document';

export interface CompletionView {
  period: string;
  value?: string;
  growthPct?: string;
  completion?: string;
  expectedPace?: string;
  paceRatio?: string;
  growthGap?: string;
  status: EvaluationJson['status'];
  /** Against the work target (工作目标). */
  work?: Omit<EvaluationJson, 'ruleValues'>;
}

/** A target as the API shows it. */
export interface TargetView {
  id: string;
  planCode: string;
  indicatorCode: string;
  indicatorName: string;
  category: string;
  unitCode: string;
  kind: string;
  unitOfMeasure: string;
  /** absent on a work target only (指导性计划) */
  assessment?: TargetValue;
  work?: TargetValue;
  baseline?: string;
  weight?: string;
  lifecycle: 'active' | 'withdrawn';
  status: EvaluationJson['status'];
  revision: string;
  latest?: CompletionView;
  /** Months whose report deadline passed unanswered (逾期未报), oldest first; absent when none. */
  overduePeriods?: string[];
  assignedAt: string;
  updatedAt: string;
  /** Demo data touched this target (demo reports; demo adjustments with the figures before and after). */
  demo?: TargetDocument['demo'];
  periods?: Array<
    CompletionView & { report: PeriodReport; reportedAt: string; reportedBy: string; correctedAt?: string }
  >;
}

export function toTargetView(doc: TargetDocument, withPeriods: boolean): TargetView {
  const view: TargetView = {
    id: doc.id,
    planCode: doc.indicator.planCode,
    indicatorCode: doc.indicator.code,
    indicatorName: doc.indicator.name,
    category: doc.indicator.category,
    unitCode: doc.unitCode,
    kind: doc.indicator.kind,
    unitOfMeasure: governingTarget(doc).unitOfMeasure ?? doc.indicator.unitOfMeasure,
    ...(doc.assessment ? { assessment: doc.assessment } : {}),
    ...(doc.work ? { work: doc.work } : {}),
    ...(doc.baseline ? { baseline: doc.baseline } : {}),
    ...(doc.weight ? { weight: doc.weight } : {}),
    lifecycle: doc.lifecycle,
    status: doc.status,
    revision: doc.revision,
    ...(doc.latestPeriod ? { latest: completionOf(doc, doc.latestPeriod) } : {}),
    ...(doc.overduePeriods?.length ? { overduePeriods: doc.overduePeriods } : {}),
    assignedAt: doc.assignedAt,
    updatedAt: doc.updatedAt,
    ...(doc.demo ? { demo: doc.demo } : {}),
  };
  if (withPeriods) {
    view.periods = Object.keys(doc.periods)
      .sort()
      .map((period) => {
        const entry = doc.periods[period];
        return {
          ...completionOf(doc, period),
          report: entry.report,
          reportedAt: entry.reportedAt,
          reportedBy: entry.reportedBy,
          ...(entry.correctedAt ? { correctedAt: entry.correctedAt } : {}),
        };
      });
  }
  return view;
}

export function completionOf(doc: TargetDocument, period: string): CompletionView {
  const entry = doc.periods[period];
  const evaluation = entry.evaluation;
  const work = entry.workEvaluation;
  // Built field by field, in this order (every completion row of a rebuild is made from one: no spreads).
  const view = { period } as CompletionView;
  if (entry.report.value !== undefined) view.value = entry.report.value;
  if (entry.report.growthPct !== undefined) view.growthPct = entry.report.growthPct;
  if (evaluation?.completion) view.completion = evaluation.completion;
  if (evaluation?.expectedPace) view.expectedPace = evaluation.expectedPace;
  if (evaluation?.paceRatio) view.paceRatio = evaluation.paceRatio;
  if (evaluation?.growthGap) view.growthGap = evaluation.growthGap;
  view.status = evaluation?.status ?? 'green';
  if (work)
    view.work = {
      status: work.status,
      completion: work.completion,
      paceRatio: work.paceRatio,
      growthGap: work.growthGap,
    };
  return view;
}
