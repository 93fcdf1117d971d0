import { IndicatorKind } from '../../catalog/domain/catalog-codes';
import { FieldError } from '../../shared/problems/domain-error';
import { figureProblems } from '../../shared/validation/figures';
import { areCompatible, isKnownUnit } from '../../shared/units-of-measure';
import { isValidDate } from '../../rules';

/**
 * A further quantity printed in the same cell as the target (其中): "3（其中流转面积 1200 亩）" is the target 3 with
 * the second quantity { label: 流转面积, total: 1200, unitOfMeasure: 亩 }. It has its own unit and is not added to
 * the figure, converted or judged: it is part of what the target says.
 */
export interface SecondQuantity {
  /** What it counts, as printed (流转面积). */
  label?: string;
  /** Decimal string. */
  total: string;
  /** Its own unit (亩); absent: the indicator's. */
  unitOfMeasure?: string;
}

/** An assessment (考核目标) or work (工作目标) target. Which fields apply follows the indicator's kind. */
export interface TargetValue {
  /** Total (总量), level or cap, as a decimal string. */
  total?: string;
  /** Unit of the total when it differs from the indicator's (e.g. 万元 under an indicator in 亿元). */
  unitOfMeasure?: string;
  /** Growth target in % (增幅). */
  growthPct?: string;
  /** The target as printed, or a qualitative target's text (e.g. 完成市下达目标). */
  text?: string;
  /** Milestone deadline, YYYY-MM-DD. */
  deadline?: string;
  /** Target rank (名次), 1 = first. */
  rank?: number;
  /** Further quantities printed with it (其中…), any kind. */
  also?: SecondQuantity[];
}

type Field = keyof TargetValue;

/** Fields each kind needs (one of each inner list) and the numeric fields it may carry. */
const RULES: Record<IndicatorKind, { required: Field[][]; allowed: Field[] }> = {
  cumulative: { required: [['total']], allowed: ['total', 'unitOfMeasure'] },
  growth: { required: [['growthPct']], allowed: ['growthPct'] },
  cumulative_growth: { required: [['total', 'growthPct']], allowed: ['total', 'unitOfMeasure', 'growthPct'] },
  level: { required: [['total']], allowed: ['total', 'unitOfMeasure'] },
  ceiling: { required: [['total']], allowed: ['total', 'unitOfMeasure'] },
  zero_incident: { required: [], allowed: ['total'] },
  milestone: { required: [['deadline']], allowed: ['deadline'] },
  qualitative: { required: [['text']], allowed: [] },
  rank: { required: [['rank']], allowed: ['rank'] },
  relative: { required: [], allowed: ['total', 'unitOfMeasure', 'growthPct'] },
};

const NUMERIC_FIELDS: Field[] = ['total', 'unitOfMeasure', 'growthPct', 'deadline', 'rank'];
const FIGURE_FIELDS: Field[] = ['total', 'growthPct', 'deadline', 'rank'];

const KIND_NAMES: Record<IndicatorKind, string> = {
  cumulative: '累计总量 cumulative',
  growth: '增幅 growth',
  cumulative_growth: '总量和增幅 cumulative_growth',
  level: '水平值 level',
  ceiling: '上限 ceiling',
  zero_incident: '零事故 zero_incident',
  milestone: '节点 milestone',
  qualitative: '定性 qualitative',
  rank: '排名 rank',
  relative: '相对 relative',
};

/** A field of a target value that a kind needs or refuses, with what it says. */
export interface KindShapeProblem {
  /** the field refused, or the first of the fields one of which is needed */
  field: Field;
  /** set when one of these is needed and none is given */
  missing?: Field[];
  message: string;
}

/**
 * The kind's shape: which figures a target of `kind` needs and which it does not take. The one table of it:
 * the target rules, the plan files and the import use it (presence only: see targetValueProblems for forms).
 * With `requireComplete` false (a printed 全区 row kept for comparison) only refused fields are reported.
 */
export function kindShapeProblems(
  value: Partial<Record<Field, unknown>>,
  kind: IndicatorKind,
  requireComplete = true,
): KindShapeProblem[] {
  const problems: KindShapeProblem[] = [];
  const rule = RULES[kind];
  const present = (f: Field) => value[f] !== undefined && value[f] !== '';
  // A target written only in words (根据…排名得分, 良好, 3+2) is accepted for every kind but a milestone,
  // which always needs its deadline: such a target is judged at year end, not by pace (see seeds/README.md §5).
  const textOnly =
    kind !== 'milestone' &&
    typeof value.text === 'string' &&
    value.text.trim() !== '' &&
    FIGURE_FIELDS.every((f) => !present(f));
  for (const alternatives of textOnly || !requireComplete ? [] : rule.required) {
    if (!alternatives.some(present)) {
      const names = alternatives.join(' / ');
      problems.push({
        field: alternatives[0],
        missing: alternatives,
        message: `${KIND_NAMES[kind]} 类指标的目标必须填写 ${names} / a ${kind} target needs ${names}`,
      });
    }
  }
  for (const field of NUMERIC_FIELDS) {
    if (value[field] !== undefined && !rule.allowed.includes(field)) {
      problems.push({
        field,
        message: `${KIND_NAMES[kind]} 类指标的目标不使用 ${field} / ${field} does not apply to a ${kind} target`,
      });
    }
  }
  return problems;
}

/** Every way `value` does not fit an indicator of `kind` measured in `indicatorUnit`; empty when it fits. */
export function targetValueProblems(
  value: TargetValue,
  kind: IndicatorKind,
  indicatorUnit: string,
  path: string,
  options: { allowNegative?: boolean } = {},
): FieldError[] {
  const problems: FieldError[] = kindShapeProblems(value, kind).map((p) => ({
    field: `${path}.${p.field}`,
    message: p.message,
  }));
  const unitOfMeasure = value.unitOfMeasure ?? indicatorUnit;
  problems.push(
    ...figureProblems(value.total, `${path}.total`, { unitOfMeasure, allowNegative: options.allowNegative }),
    // A growth target is signed by nature (a planned fall of 18 %).
    ...figureProblems(value.growthPct, `${path}.growthPct`, { unitOfMeasure: '%', allowNegative: true }),
  );
  if (value.unitOfMeasure !== undefined)
    problems.push(...unitProblems(value.unitOfMeasure, indicatorUnit, `${path}.unitOfMeasure`));
  if (value.deadline !== undefined && !isValidDate(value.deadline)) {
    problems.push({ field: `${path}.deadline`, message: '日期格式应为 YYYY-MM-DD / must be a date YYYY-MM-DD' });
  }
  if (value.rank !== undefined && (!Number.isInteger(value.rank) || value.rank < 1)) {
    problems.push({ field: `${path}.rank`, message: '名次必须是正整数 / rank must be a positive integer' });
  }
  (value.also ?? []).forEach((q, i) =>
    problems.push(...secondQuantityProblems(q, indicatorUnit, `${path}.also[${i}]`)),
  );
  return problems;
}

/** A second quantity (其中…): a plain non-negative figure, in a known unit (its own, or the indicator's). */
export function secondQuantityProblems(
  quantity: SecondQuantity,
  indicatorUnit: string,
  path: string,
  isKnown: (unit: string) => boolean = isKnownUnit,
): FieldError[] {
  const unitOfMeasure = quantity.unitOfMeasure ?? indicatorUnit;
  const problems = figureProblems(quantity.total, `${path}.total`, { unitOfMeasure });
  if (quantity.total === undefined)
    problems.push({ field: `${path}.total`, message: '其中的数量必须填写 / a second quantity needs its total' });
  if (quantity.unitOfMeasure !== undefined && !isKnown(quantity.unitOfMeasure))
    problems.push({
      field: `${path}.unitOfMeasure`,
      message: `未知计量单位“${quantity.unitOfMeasure}” / unknown unit of measure '${quantity.unitOfMeasure}'`,
    });
  return problems;
}

export function unitProblems(unit: string, indicatorUnit: string, field: string): FieldError[] {
  if (!isKnownUnit(unit)) return [{ field, message: `未知计量单位“${unit}” / unknown unit of measure '${unit}'` }];
  if (isKnownUnit(indicatorUnit) && !areCompatible(unit, indicatorUnit)) {
    return [
      {
        field,
        message: `计量单位“${unit}”与指标单位“${indicatorUnit}”不可换算 / unit '${unit}' is incompatible with the indicator's '${indicatorUnit}'`,
      },
    ];
  }
  return [];
}

/**
 * The target a unit is judged by: its assessment target (考核目标), or its work target (工作目标) when
 * the plan sets only work targets (指导性计划: no 考核目标 printed).
 */
export function governingTarget(target: { assessment?: TargetValue; work?: TargetValue }): TargetValue {
  return target.assessment ?? target.work ?? {};
}
