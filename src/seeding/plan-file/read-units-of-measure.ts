/**
 * units-of-measure.yaml 计量单位声明: units the shared registry (src/shared/units-of-measure) does not know,
 * declared by the plan with their dimension, whether they add up, and an exact conversion where there is one.
 */
import { z } from 'zod';
import { UnitDeclarationError } from '../../shared/units-of-measure';
import { PlanReader, UNITS_OF_MEASURE_FILE } from './plan-reader';
import { UnitOfMeasureDef } from './types';
import { checked, isObj, q, readEntry, text, textList } from './yaml/yaml-entry';

const DECLARATION_SHAPE = {
  symbol: text,
  name: text,
  additive: checked(
    (s) => s === 'true' || s === 'false',
    (s) => ({ zh: `additive 应为 true 或 false，而不是 ${q(s)}`, en: `'additive' must be true or false; got ${q(s)}` }),
  ),
  equals: z.unknown().optional(),
  aliases: textList.optional(),
  note: text.optional(),
};
const EQUALS_SHAPE = { factor: text, unit: text };

export function readUnitsOfMeasure(r: PlanReader): void {
  const src = r.yaml(UNITS_OF_MEASURE_FILE, false);
  if (!src) return;
  if (!Array.isArray(src.data)) {
    r.issues.error(
      src.file,
      { line: 1 },
      '计量单位文件应为列表',
      `${UNITS_OF_MEASURE_FILE} must be a list of units of measure`,
    );
    return;
  }
  src.data.forEach((raw, i) => {
    if (!isObj(raw)) {
      r.issues.error(src.file, src.at([i]), '每个计量单位应为映射', 'Each unit of measure must be a mapping');
      return;
    }
    const { value: d } = readEntry(r.issues, src, [i], raw, DECLARATION_SHAPE);
    let equals: UnitOfMeasureDef['equals'];
    if (d.equals !== undefined) {
      if (!isObj(d.equals)) {
        r.issues.error(
          src.file,
          src.at([i, 'equals'], 'equals'),
          'equals 应为映射 { factor, unit }',
          "'equals' must be a mapping { factor, unit }",
        );
        return;
      }
      const { value: e, ok } = readEntry(r.issues, src, [i, 'equals'], d.equals, EQUALS_SHAPE);
      if (!ok || e.factor === undefined || e.unit === undefined) return;
      equals = { factor: e.factor, unit: e.unit };
    }
    if (d.symbol === undefined || d.name === undefined || d.additive === undefined) return;
    const def: UnitOfMeasureDef = {
      symbol: d.symbol,
      name: d.name,
      additive: d.additive === 'true',
      aliases: d.aliases ?? [],
    };
    if (equals) def.equals = equals;
    if (d.note !== undefined) def.note = d.note;
    const line = src.lineOf([i]);
    if (line !== undefined) def.line = line;
    try {
      r.registry = r.registry.extend([def]);
      r.unitsOfMeasure.push(def);
    } catch (e) {
      if (!(e instanceof UnitDeclarationError)) throw e;
      r.issues.error(src.file, src.at([i, e.field], e.field), e.zh, e.en);
    }
  });
}
