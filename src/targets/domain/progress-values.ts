import { IndicatorKind } from '../../catalog/domain/catalog-codes';
import { isDecimalString } from '../../shared/decimal';
import { FieldError } from '../../shared/problems/domain-error';

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

/** What a report for an indicator of `kind` lacks or gets wrong; empty when it is complete. */
export function progressProblems(figures: ProgressFigures, kind: IndicatorKind): FieldError[] {
  const problems: FieldError[] = [];
  for (const alternatives of NEEDS[kind]) {
    if (!alternatives.some((f) => figures[f] !== undefined)) {
      const names = alternatives.join(' / ');
      problems.push({ field: alternatives[0], message: `${kind} 类指标的进度必须填写 ${names} / a ${kind} report needs ${names}` });
    }
  }
  for (const field of ['value', 'growthPct', 'referenceValue'] as const) {
    const v = figures[field];
    if (v !== undefined && !isDecimalString(v)) {
      problems.push({ field, message: '必须是十进制数字字符串 / must be a decimal string' });
    }
  }
  if ((kind === 'zero_incident' || kind === 'rank') && figures.value !== undefined && !/^\d+$/.test(figures.value)) {
    problems.push({ field: 'value', message: '必须是非负整数 / must be a whole number' });
  }
  return problems;
}
