/** A target value 目标值 written in YAML (a district target, or an inline unit target): shape, then the kind's rules. */
import { z } from 'zod';
import { PlanReader } from './plan-reader';
import { IndicatorDef, SecondQuantity, TargetValue } from './types';
import { checkValueForKind, isPlainDecimal, isPositiveInteger, isValidDate } from './values';
import { YamlPath, YamlSource } from './yaml-source';
import { checked, flags, isObj, q, readEntry, text } from './yaml/yaml-entry';

const decimal = checked(isPlainDecimal, (s) => ({
  zh: `不是纯数字 ${q(s)}（不要千分位、单位或百分号）`,
  en: `Not a plain decimal: ${q(s)} (no thousands separators, units or %)`,
}));

export const VALUE_SHAPE = {
  total: decimal.optional(),
  unitOfMeasure: text.optional(),
  growthPct: decimal.optional(),
  text: text.optional(),
  deadline: checked(isValidDate, (s) => ({
    zh: `期限 ${q(s)} 不是有效日期 YYYY-MM-DD`,
    en: `Deadline ${q(s)} is not a valid date YYYY-MM-DD`,
  })).optional(),
  rank: checked(isPositiveInteger, (s) => ({
    zh: `名次 ${q(s)} 应为正整数`,
    en: `Rank ${q(s)} must be a positive integer`,
  })).optional(),
  also: z.unknown().optional(),
  unreadable: flags.optional(),
  ambiguous: flags.optional(),
  note: text.optional(),
};

const ALSO_SHAPE = { label: text.optional(), total: decimal, unitOfMeasure: text.optional() };

export function readYamlValue(
  r: PlanReader,
  src: YamlSource,
  path: YamlPath,
  raw: unknown,
  ind: IndicatorDef,
  requireComplete: boolean,
): TargetValue | undefined {
  if (!isObj(raw)) {
    r.issues.error(
      src.file,
      src.at(path),
      '目标值应为映射 {total, growthPct, text, …}',
      'A target value must be a mapping {total, growthPct, text, …}',
    );
    return undefined;
  }
  const { value: v } = readEntry(r.issues, src, path, raw, VALUE_SHAPE);
  const value: TargetValue = {};
  for (const f of ['total', 'growthPct', 'text', 'deadline', 'rank', 'note'] as const)
    if (v[f] !== undefined) value[f] = v[f];
  if (v.unitOfMeasure !== undefined) {
    value.unitOfMeasure = v.unitOfMeasure;
    checkUnitCompatible(r, v.unitOfMeasure, ind, (zh, en) =>
      r.issues.error(src.file, src.at([...path, 'unitOfMeasure'], 'unitOfMeasure'), zh, en),
    );
  }
  if (v.also !== undefined) {
    const list = Array.isArray(v.also) ? v.also : [v.also];
    list.forEach((raw, i) => {
      const at = Array.isArray(v.also) ? [...path, 'also', i] : [...path, 'also'];
      if (!isObj(raw)) {
        r.issues.error(
          src.file,
          src.at(at, 'also'),
          'also 的每项应为映射 { label, total, unitOfMeasure }',
          "Each 'also' entry must be a mapping { label, total, unitOfMeasure }",
        );
        return;
      }
      const { value: a, ok } = readEntry(r.issues, src, at, raw, ALSO_SHAPE);
      if (!ok || a.total === undefined) return;
      if (a.unitOfMeasure !== undefined && !r.registry.isKnown(a.unitOfMeasure)) {
        const m = r.unknownUnitOfMeasure(a.unitOfMeasure);
        r.issues.error(src.file, src.at([...at, 'unitOfMeasure'], 'unitOfMeasure'), m.zh, m.en);
      }
      const also: SecondQuantity = { total: a.total };
      if (a.label !== undefined) also.label = a.label;
      if (a.unitOfMeasure !== undefined) also.unitOfMeasure = a.unitOfMeasure;
      value.also = [...(value.also ?? []), also];
    });
  }
  if (v.unreadable?.length) value.unreadable = v.unreadable;
  if (v.ambiguous?.length) value.ambiguous = v.ambiguous;
  for (const p of checkValueForKind(value, ind.kind, requireComplete)) {
    const at =
      p.field !== undefined && !p.field.includes('|') ? src.at([...path, p.field], p.field) : src.at(path, p.field);
    r.issues.error(src.file, at, `${p.zh}（指标 ${ind.code}）`, `${p.en} (indicator ${ind.code})`);
  }
  return value;
}

/** A figure's own unit must be known (or declared) and convert to the indicator's. */
export function checkUnitCompatible(
  r: PlanReader,
  uom: string,
  ind: IndicatorDef,
  error: (zh: string, en: string) => void,
): void {
  if (!r.registry.isKnown(uom)) {
    const m = r.unknownUnitOfMeasure(uom);
    error(m.zh, m.en);
    return;
  }
  const base = ind.unitOfMeasure;
  if (base !== undefined && r.registry.isKnown(base) && !r.registry.canConvert(uom, base)) {
    error(
      `计量单位 ${q(uom)} 不能换算为指标 ${ind.code} 的单位 ${q(base)}`,
      `Unit ${q(uom)} cannot be converted to ${q(base)}, the unit of indicator ${ind.code}`,
    );
  }
}
