import Decimal from 'decimal.js';

/** One line of `GET /api/plans/:code/reconciliation` (分解核对). */
export interface ReconciliationLine {
  indicatorCode: string;
  indicatorName: string;
  unitOfMeasure: string;
  districtTarget: string | null;
  sumOfUnitTargets: string;
  unitTargets: number;
  /** sum − district target: negative is a shortfall. */
  difference: string | null;
  notSummable: string[];
}

/** The route's answer: the plan, which targets were reconciled, and the lines. */
export interface ReconciliationAnswer {
  planCode: string;
  basis: 'assessment' | 'work';
  lines: ReconciliationLine[];
}

export type Outcome = 'shortfall' | 'surplus' | 'balanced' | 'no-district';

/** What the server's difference says, read exactly (decimal.js): below zero the units' targets fall short. */
export function outcomeOf(line: Pick<ReconciliationLine, 'difference'>): Outcome {
  if (line.difference === null) return 'no-district';
  const difference = new Decimal(line.difference);
  if (difference.isZero()) return 'balanced';
  return difference.isNegative() ? 'shortfall' : 'surplus';
}

/** The shortfall's size as a positive figure ("-20.5" → "20.5"). */
export function magnitude(difference: string): string {
  return new Decimal(difference).abs().toString();
}
