import { dec, type Dec } from '../shared/decimal';
import { RuleInputError } from './errors';
import { sharedDecimal } from './shared-plain-strings';

export interface PaceOptions {
  /** calendar month 1..12 of the reporting period */
  month: number;
  /** the indicator reports over months 1..reportingMonths only (e.g. 11 for 1–11月) */
  reportingMonths?: number;
  /** 12 cumulative fractions of the year's target due by the end of each month */
  paceCurve?: readonly (Dec | string)[];
}

/** Kept as a fraction so that status boundaries can be compared exactly (m/12 is not a finite decimal). */
export interface PaceFraction {
  numerator: Dec;
  denominator: Dec;
}

/** A pace fraction with its quotient: both immutable, so shared by every evaluation with the same options. */
export interface ExpectedPace extends PaceFraction {
  value: Dec;
}

const paces = new Map<string, ExpectedPace>();

/**
 * expectedPaceFraction and its quotient, remembered per distinct options: a rebuild evaluates a
 * million reports against a handful of paces, and the 40-digit division of m/12 is not free.
 */
export function cachedExpectedPace(options: PaceOptions): ExpectedPace {
  const { month, reportingMonths, paceCurve } = options;
  if (paceCurve !== undefined && !Array.isArray(paceCurve)) return withValue(expectedPaceFraction(options));
  const key = `${month}|${reportingMonths}|${paceCurve === undefined ? '' : paceCurve.map(String).join(',')}`;
  let pace = paces.get(key);
  if (!pace) {
    pace = withValue(expectedPaceFraction(options));
    // Curves come from configuration: few, but a bound keeps a hostile plan from growing this without end.
    if (paces.size >= 10_000) paces.clear();
    paces.set(key, pace);
  }
  return pace;
}

function withValue(fraction: PaceFraction): ExpectedPace {
  return Object.freeze({ ...fraction, value: sharedDecimal(fraction.numerator.div(fraction.denominator)) });
}

export function expectedPaceFraction({ month, reportingMonths, paceCurve }: PaceOptions): PaceFraction {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RuleInputError(`month must be an integer from 1 to 12, got ${month}`);
  }
  if (paceCurve !== undefined && reportingMonths !== undefined) {
    throw new RuleInputError('give either reportingMonths or paceCurve, not both');
  }
  if (paceCurve !== undefined) {
    const problems = paceCurveProblems(paceCurve);
    if (problems.length > 0) throw new RuleInputError(`Invalid paceCurve: ${problems.join('; ')}`);
    return { numerator: dec(paceCurve[month - 1]), denominator: dec(1) };
  }
  const months = reportingMonths ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 12) {
    throw new RuleInputError(`reportingMonths must be an integer from 1 to 12, got ${months}`);
  }
  return { numerator: dec(Math.min(month, months)), denominator: dec(months) };
}

/** m/12 by default; m/reportingMonths capped at 1; or curve[m−1]. */
export function expectedPace(options: PaceOptions): Dec {
  const { numerator, denominator } = expectedPaceFraction(options);
  return numerator.div(denominator);
}

/** Empty when the curve is 12 non-decreasing decimals in [0, 1] ending at 1. */
export function paceCurveProblems(curve: readonly unknown[]): string[] {
  if (!Array.isArray(curve)) return ['must be an array of 12 decimals'];
  if (curve.length !== 12) return [`must have 12 values, has ${curve.length}`];
  const problems: string[] = [];
  let previous: Dec | undefined;
  curve.forEach((raw, i) => {
    let value: Dec;
    try {
      value = dec(raw as Dec | string);
    } catch {
      problems.push(`month ${i + 1}: not a decimal (${JSON.stringify(raw)})`);
      return;
    }
    if (value.lt(0) || value.gt(1)) problems.push(`month ${i + 1}: ${value.toString()} is outside [0, 1]`);
    if (previous && value.lt(previous)) {
      problems.push(`month ${i + 1}: ${value.toString()} is below the previous month`);
    }
    previous = value;
  });
  if (problems.length === 0 && !dec(curve[11] as Dec | string).eq(1)) problems.push('month 12 must be 1');
  return problems;
}
