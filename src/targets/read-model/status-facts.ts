import { EvaluatedStatus, StatusFacts } from '../../rules';
import { governingTarget } from '../domain/target-value';
import { PeriodEntry, TargetDocument } from './target-document';

/** What `statusFactsOf` reads of a target document (a whole document is one). */
export interface StatusFactsSource extends Pick<TargetDocument, 'assessment' | 'work' | 'overduePeriods'> {
  indicator: Pick<TargetDocument['indicator'], 'kind' | 'reportingMonths'> & {
    planSettings?: Pick<NonNullable<TargetDocument['indicator']['planSettings']>, 'zeroTargetRequiresReport'>;
  };
  periods: Record<string, Pick<PeriodEntry, 'evaluation'>>;
}

/** What the status model (src/rules/status-model.ts) reads from a target document. */
export function statusFactsOf(doc: StatusFactsSource): StatusFacts {
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
