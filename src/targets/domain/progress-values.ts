import { IndicatorKind } from '../../catalog/domain/catalog-codes';
import { isDecimalString } from '../../shared/decimal';
import { FieldError } from '../../shared/problems/domain-error';
import { FigureRules, figureProblems } from '../../shared/validation/figures';

export const SELF_RATINGS = ['on_track', 'at_risk', 'off_track'] as const;
export type SelfRating = (typeof SELF_RATINGS)[number];

/** The figures of a monthly progress report (进度报送); corrections carry the same fields. */
export interface ProgressFigures {
  /** Year-to-date cumulative value, latest level, incident count or current rank (decimal string). */
  value?: string;
  /** Year-to-date growth in %. */
  growthPct?: string;
  /** Milestone reached. */
  done?: boolean;
  selfRating?: SelfRating;
  /** Reference figure for a relative target (e.g. the city average), decimal string. */
  referenceValue?: string;
}

export interface ProgressNarrative {
  narrative?: string;
  problems?: string;
  nextSteps?: string;
}

type FigureField = keyof ProgressFigures;

const NEEDS: Record<IndicatorKind, FigureField[][]> = {
  cumulative: [['value']],
  growth: [['growthPct']],
  cumulative_growth: [['value', 'growthPct']],
  level: [['value']],
  ceiling: [['value']],
  zero_incident: [['value']],
  milestone: [['done']],
  qualitative: [['selfRating']],
  rank: [['value']],
  relative: [['value'], ['referenceValue']],
};

/**
 * What a report for an indicator of `kind` lacks or gets wrong; empty when it is complete. Value and
 * reference are in `rules.unitOfMeasure` (its decimal places) and non-negative unless the indicator
 * allows negatives; a growth rate is signed by nature and in % .
 */
export function progressProblems(figures: ProgressFigures, kind: IndicatorKind, rules: FigureRules = {}): FieldError[] {
  const problems: FieldError[] = [];
  for (const alternatives of NEEDS[kind]) {
    if (!alternatives.some((f) => figures[f] !== undefined)) {
      const names = alternatives.join(' / ');
      problems.push({
        field: alternatives[0],
        message: `${kind} 类指标的进度必须填写 ${names} / a ${kind} report needs ${names}`,
      });
    }
  }
  problems.push(
    ...figureProblems(figures.value, 'value', rules),
    ...figureProblems(figures.growthPct, 'growthPct', { unitOfMeasure: '%', allowNegative: true }),
    ...figureProblems(figures.referenceValue, 'referenceValue', rules),
  );
  if ((kind === 'zero_incident' || kind === 'rank') && isDecimalString(figures.value) && !/^\d+$/.test(figures.value)) {
    problems.push({ field: 'value', message: '必须是非负整数 / must be a whole number' });
  }
  return problems;
}
