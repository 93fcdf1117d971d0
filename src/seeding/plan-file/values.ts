import { isValidDate as isCalendarDate } from '../../rules';
import { isDecimalString } from '../../shared/decimal';
import { IndicatorKind, TargetValue } from './types';

/** The domain's decimal check (src/shared/decimal), without a sign a printed figure never carries: "760", "-2.5". */
export function isPlainDecimal(s: string): boolean {
  return isDecimalString(s) && !s.startsWith('+');
}

export function isPositiveInteger(s: string): boolean {
  return /^[1-9]\d*$/.test(s);
}

/** The domain's date check (src/rules/calendar): a real calendar date written YYYY-MM-DD. */
export function isValidDate(s: string): boolean {
  return isCalendarDate(s);
}

type FigureField = 'total' | 'growthPct' | 'deadline' | 'rank';

export interface KindRule {
  /** figure fields that may appear (text and unitOfMeasure may always appear) */
  allowed: readonly FigureField[];
  /** what a complete target of this kind must carry */
  required: { anyOf: readonly ('total' | 'growthPct' | 'deadline' | 'rank' | 'text')[]; zh: string; en: string };
  /** a target written only as words (e.g. 根据…排名得分, 完成市下达目标) is accepted */
  textOnlyAllowed: boolean;
  /** unit targets can be added up and compared with the district target */
  summable: boolean;
  /** the indicator must name a unit of measure */
  needsUnitOfMeasure: boolean;
}

export const KIND_RULES: Record<IndicatorKind, KindRule> = {
  cumulative: {
    allowed: ['total'],
    required: { anyOf: ['total'], zh: '累计目标需要总量', en: 'a cumulative target needs a total' },
    textOnlyAllowed: true,
    summable: true,
    needsUnitOfMeasure: true,
  },
  growth: {
    allowed: ['growthPct'],
    required: { anyOf: ['growthPct'], zh: '增幅目标需要增幅', en: 'a growth target needs growthPct' },
    textOnlyAllowed: true,
    summable: false,
    needsUnitOfMeasure: true,
  },
  cumulative_growth: {
    allowed: ['total', 'growthPct'],
    required: {
      anyOf: ['total', 'growthPct'],
      zh: '总量加增幅目标至少需要总量或增幅',
      en: 'a total-and-growth target needs a total or growthPct',
    },
    textOnlyAllowed: true,
    summable: true,
    needsUnitOfMeasure: true,
  },
  level: {
    allowed: ['total', 'growthPct'],
    required: { anyOf: ['total'], zh: '水平目标需要目标值', en: 'a level target needs a total' },
    textOnlyAllowed: true,
    summable: false,
    needsUnitOfMeasure: true,
  },
  ceiling: {
    allowed: ['total', 'growthPct'],
    required: { anyOf: ['total'], zh: '上限目标需要上限值', en: 'a ceiling target needs its cap as total' },
    textOnlyAllowed: true,
    summable: true,
    needsUnitOfMeasure: true,
  },
  zero_incident: {
    allowed: ['total'],
    required: { anyOf: ['text'], zh: '零事故目标需要文字', en: 'a zero-incident target needs a text' },
    textOnlyAllowed: true,
    summable: false,
    needsUnitOfMeasure: false,
  },
  milestone: {
    allowed: ['deadline', 'total'],
    required: { anyOf: ['deadline'], zh: '节点目标需要期限', en: 'a milestone needs a deadline' },
    textOnlyAllowed: false,
    summable: false,
    needsUnitOfMeasure: false,
  },
  qualitative: {
    allowed: ['total', 'rank'],
    required: { anyOf: ['text'], zh: '定性目标需要文字', en: 'a qualitative target needs a text' },
    textOnlyAllowed: true,
    summable: false,
    needsUnitOfMeasure: false,
  },
  rank: {
    allowed: ['rank'],
    required: { anyOf: ['rank'], zh: '排名目标需要名次', en: 'a rank target needs a rank' },
    textOnlyAllowed: true,
    summable: false,
    needsUnitOfMeasure: false,
  },
  relative: {
    allowed: ['total', 'growthPct'],
    required: {
      anyOf: ['text'],
      zh: '相对目标需要参照文字',
      en: 'a relative target needs the reference as text',
    },
    textOnlyAllowed: true,
    summable: false,
    needsUnitOfMeasure: false,
  },
};

const FIGURE_FIELDS: readonly FigureField[] = ['total', 'growthPct', 'deadline', 'rank'];

export interface KindProblem {
  field?: string;
  zh: string;
  en: string;
}

/**
 * Does the value fit the indicator's kind? Fields listed as `unreadable` count as present.
 * With `requireComplete` false (printed 全区 rows of a table) only forbidden fields are reported.
 */
export function checkValueForKind(value: TargetValue, kind: IndicatorKind, requireComplete = true): KindProblem[] {
  const rule = KIND_RULES[kind];
  const problems: KindProblem[] = [];
  for (const f of FIGURE_FIELDS) {
    if (value[f] !== undefined && !rule.allowed.includes(f)) {
      problems.push({
        field: f,
        zh: `指标类型 ${kind} 不用字段 ${f}`,
        en: `field '${f}' does not fit an indicator of kind '${kind}'`,
      });
    }
  }
  if (!requireComplete) return problems;
  const present = (f: string) =>
    (f === 'text' ? value.text !== undefined && value.text !== '' : value[f as FigureField] !== undefined) ||
    (value.unreadable ?? []).includes(f);
  const hasFigure = FIGURE_FIELDS.some((f) => value[f] !== undefined);
  const textOnly = !hasFigure && value.text !== undefined && value.text !== '';
  if (!rule.required.anyOf.some(present) && !(textOnly && rule.textOnlyAllowed)) {
    problems.push({ field: rule.required.anyOf.join('|'), zh: rule.required.zh, en: rule.required.en });
  }
  return problems;
}

/** Same text after removing all whitespace and unifying full-width brackets. */
export function normalizeName(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
