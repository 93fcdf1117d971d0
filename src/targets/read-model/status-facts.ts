import { EvaluatedStatus, StatusFacts } from '../../rules';
import { TargetDocument } from './target-document';

/** What the status model (src/rules/status-model.ts) reads from a target document. */
export function statusFactsOf(doc: Pick<TargetDocument, 'indicator' | 'assessment' | 'periods' | 'overduePeriods'>): StatusFacts {
  const reported: Record<string, EvaluatedStatus | undefined> = {};
  for (const [period, entry] of Object.entries(doc.periods)) reported[period] = (entry.evaluation?.status ?? undefined) as EvaluatedStatus | undefined;
  return {
    kind: doc.indicator.kind,
    ...(doc.assessment.total !== undefined ? { total: doc.assessment.total } : {}),
    ...(doc.assessment.growthPct !== undefined ? { growthPct: doc.assessment.growthPct } : {}),
    ...(doc.indicator.reportingMonths ? { reportingMonths: doc.indicator.reportingMonths } : {}),
    zeroTargetRequiresReport: doc.indicator.planSettings?.zeroTargetRequiresReport ?? false,
    reported,
    ...(doc.overduePeriods ? { overduePeriods: doc.overduePeriods } : {}),
  };
}
