import {
  EvaluationInput,
  EvaluationJson,
  Figure,
  RuleInputError,
  RuleThresholds,
  ThresholdOverrides,
  evaluateStatusJson,
  mergeThresholds,
  parsePeriod,
} from '../../rules';
import { convert } from '../../shared/units-of-measure';
import { dec, isDecimalString, toPlainString } from '../../shared/decimal';
import { IndicatorSnapshot, ProgressReport } from '../domain/target.types';
import { TargetValue } from '../domain/target-value';

/** A report as the read model keeps it: figures plus the unit they were reported in. */
export interface PeriodReport extends ProgressReport {
  unitOfMeasure?: string;
}

/**
 * Status of one period's report against a target value (assessment or work), per the rules of the
 * indicator's kind. `undefined` when the target value lacks what the kind needs (e.g. a text-only
 * target such as 完成市下达目标): such a target is judged at year end, not by pace.
 */
export function evaluateReport(
  indicator: IndicatorSnapshot,
  target: TargetValue,
  period: string,
  report: PeriodReport,
  evaluationDate: string,
): EvaluationJson | undefined {
  const input = evaluationInput(indicator, target, period, report, evaluationDate);
  if (!input) return undefined;
  if (input.kind === 'cumulative' && isZeroFigure(input.target)) {
    // A target of 0 (printed for units with nothing to deliver, e.g. 0 new projects) is met from the start.
    return { status: 'completed', ruleValues: { target: '0' } };
  }
  try {
    return evaluateStatusJson(input);
  } catch (error) {
    // A figure no rule can judge (e.g. a negative cap) must not stop the read models: it shows as unjudged.
    if (error instanceof RuleInputError) return undefined;
    throw error;
  }
}

/** dec(figure).isZero(), without a Decimal for a plain decimal string (every report's target). */
function isZeroFigure(figure: Figure): boolean {
  if (typeof figure !== 'string' || !isDecimalString(figure)) return dec(figure).isZero();
  for (let i = 0; i < figure.length; i++) {
    const c = figure.charCodeAt(i);
    if (c >= 49 && c <= 57) return false; // a digit 1–9
  }
  return true;
}

function evaluationInput(
  indicator: IndicatorSnapshot,
  target: TargetValue,
  period: string,
  report: PeriodReport,
  evaluationDate: string,
): EvaluationInput | undefined {
  const thresholds = thresholdsOf(indicator.thresholds);
  const pace = {
    month: parsePeriod(period).month,
    reportingMonths: indicator.reportingMonths,
    paceCurve: indicator.paceCurve,
  };
  const value =
    report.value !== undefined ? inTargetUnit(report.value, report.unitOfMeasure, target, indicator) : undefined;
  const common = { thresholds };
  switch (indicator.kind) {
    case 'cumulative':
      return value !== undefined && target.total !== undefined
        ? { kind: 'cumulative', ...common, ...pace, value, target: target.total, direction: indicator.direction }
        : undefined;
    case 'growth':
      return report.growthPct !== undefined && target.growthPct !== undefined
        ? { kind: 'growth', ...common, growth: report.growthPct, targetGrowth: target.growthPct }
        : undefined;
    case 'cumulative_growth': {
      const hasTotal = value !== undefined && target.total !== undefined;
      const hasGrowth = report.growthPct !== undefined && target.growthPct !== undefined;
      if (hasTotal && hasGrowth) {
        return {
          kind: 'cumulative_growth',
          ...common,
          ...pace,
          value: value!,
          target: target.total!,
          growth: report.growthPct!,
          targetGrowth: target.growthPct!,
        };
      }
      if (hasTotal) return { kind: 'cumulative', ...common, ...pace, value: value!, target: target.total! };
      if (hasGrowth) return { kind: 'growth', ...common, growth: report.growthPct!, targetGrowth: target.growthPct! };
      return undefined;
    }
    case 'level':
      return value !== undefined && target.total !== undefined
        ? { kind: 'level', ...common, value, target: target.total, direction: indicator.direction }
        : undefined;
    case 'ceiling':
      return value !== undefined && target.total !== undefined
        ? { kind: 'ceiling', ...common, value, cap: target.total }
        : undefined;
    case 'zero_incident':
      return report.value !== undefined
        ? { kind: 'zero_incident', ...common, incidents: Number(report.value) }
        : undefined;
    case 'milestone':
      return target.deadline !== undefined
        ? { kind: 'milestone', ...common, done: report.done === true, deadline: target.deadline, evaluationDate }
        : undefined;
    case 'qualitative':
      return report.selfRating ? { kind: 'qualitative', ...common, selfRating: report.selfRating } : undefined;
    case 'rank':
      return report.value !== undefined && target.rank !== undefined
        ? { kind: 'rank', ...common, rank: Number(report.value), targetRank: target.rank }
        : undefined;
    case 'relative':
      return value !== undefined && report.referenceValue !== undefined
        ? { kind: 'relative', ...common, value, reference: report.referenceValue, direction: indicator.direction }
        : undefined;
  }
}

const mergedThresholds = new Map<string, RuleThresholds>();

/** Merged thresholds, cached per distinct override set: a projection evaluates every report with them. */
function thresholdsOf(overrides: Record<string, string | number> | undefined): RuleThresholds {
  const key = overrides ? JSON.stringify(overrides) : '';
  let merged = mergedThresholds.get(key);
  if (!merged) mergedThresholds.set(key, (merged = mergeThresholds(overrides as ThresholdOverrides | undefined)));
  return merged;
}

/** The reported value in the unit the target is expressed in (e.g. a report in 万元 against a target in 亿元). */
function inTargetUnit(
  value: string,
  reportedIn: string | undefined,
  target: TargetValue,
  indicator: IndicatorSnapshot,
): string {
  const targetUnit = target.unitOfMeasure ?? indicator.unitOfMeasure;
  if (!reportedIn || reportedIn === targetUnit) return value;
  return toPlainString(convert(dec(value), reportedIn, targetUnit));
}
