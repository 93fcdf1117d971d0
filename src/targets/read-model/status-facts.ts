import { EvaluatedStatus, StatusFacts } from '../../rules';
import { governingTarget } from '../domain/target-value';
import { TargetDocument } from './target-document';

/** What the status model (src/rules/status-model.ts) reads from a target document. */
export function statusFactsOf(
  doc: Pick<TargetDocument, 'indicator' | 'assessment' | 'work' | 'periods' | 'overduePeriods'>,
): StatusFacts {
  const target = governingTarget(doc);
  const reported: Record<string, EvaluatedStatus | undefined> = {};
  for (const [period, entry] of Object.entries(doc.periods))
    reported[period] = (entry.evaluation?.status ?? undefined) as EvaluatedStatus | undefined;
  return {
    kind: doc.indicator.kind,
    ...(target.total !== undefined ? { total: target.total } : {}),
    ...(target.growthPct !== undefined ? { growthPct: target.growthPct } : {}),
    ...(doc.indicator.reportingMonths ? { reportingMonths: doc.indicator.reportingMonths } : {}),
    zeroTargetRequiresReport: doc.indicator.planSettings?.zeroTargetRequiresReport ?? false,
    reported,
    ...(doc.overduePeriods ? { overduePeriods: doc.overduePeriods } : {}),
  };
}
