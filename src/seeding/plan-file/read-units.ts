/** units.yaml 单位 (and the files named in plan.yaml includeUnits). */
import { CODE_PATTERN, PlanReader, UNITS_FILE } from './plan-reader';
import { UNIT_KINDS, UnitDef } from './types';
import { normalizeName } from './values';
import { YamlSource } from './yaml-source';
import { checked, isObj, oneOf, q, readEntry, text, textList } from './yaml/yaml-entry';

const UNIT_SHAPE = {
  code: checked(
    (s) => CODE_PATTERN.test(s),
    (s) => ({
      zh: `单位代码 ${q(s)} 只能用字母、数字、- 和 _`,
      en: `Unit code ${q(s)} must be ASCII letters, digits, - or _`,
    }),
  ),
  name: text,
  kind: oneOf(UNIT_KINDS),
  aliases: textList.optional(),
  note: text.optional(),
};

export function readUnits(r: PlanReader): void {
  const includes = r.meta?.includeUnits ?? [];
  for (const inc of includes) {
    const src = r.yaml(inc, true);
    if (src) readUnitFile(r, src);
  }
  const local = r.yaml(UNITS_FILE, includes.length === 0);
  if (local) readUnitFile(r, local);
  checkDistrict(r);
  (r.meta?.rankingGroups ?? []).forEach((g, i) => {
    for (const code of g.units ?? []) {
      if (!r.units.has(code))
        r.issues.error(
          'plan.yaml',
          r.rankingGroupLines[i] ?? { field: 'rankingGroups' },
          `排名分组 ${q(g.name)} 中的单位代码 ${q(code)} 未知`,
          `Unknown unit code ${q(code)} in ranking group ${q(g.name)}`,
        );
    }
  });
}

/** One units file (also the assessment data's units.yaml: the same rules). */
export function readUnitFile(r: PlanReader, src: YamlSource): void {
  if (!Array.isArray(src.data)) {
    r.issues.error(src.file, { line: 1 }, '单位文件应为列表', 'A units file must be a list of units');
    return;
  }
  src.data.forEach((raw, i) => {
    if (!isObj(raw)) {
      r.issues.error(src.file, src.at([i]), '每个单位应为映射', 'Each unit must be a mapping');
      return;
    }
    const { value: u } = readEntry(r.issues, src, [i], raw, UNIT_SHAPE);
    if (u.code === undefined || u.name === undefined || u.kind === undefined) return;
    const at = (key: string) => src.at([i, key], key);
    const first = r.units.get(u.code);
    if (first) {
      r.issues.error(
        src.file,
        at('code'),
        `单位代码重复 ${q(u.code)}`,
        `Duplicate unit code ${q(u.code)} (first in ${first.file})`,
      );
      return;
    }
    const unit: UnitDef = { code: u.code, name: u.name, kind: u.kind, aliases: u.aliases ?? [], file: src.file };
    if (u.note !== undefined) unit.note = u.note;
    r.units.set(u.code, unit);
    for (const n of [unit.name, ...unit.aliases]) {
      const key = normalizeName(n);
      const other = r.unitByName.get(key);
      if (other && other !== unit) {
        r.issues.error(
          src.file,
          at('aliases'),
          `单位名称 ${q(n)} 已属于 ${q(other.code)}`,
          `Unit name ${q(n)} already belongs to ${q(other.code)}`,
        );
      } else {
        r.unitByName.set(key, unit);
      }
    }
  });
}

/**
 * District targets go to one unit of kind `district`. With more than one (a plan that includes another
 * plan's units), plan.yaml must name it: `districtUnitCode`.
 */
function checkDistrict(r: PlanReader): void {
  const districts = [...r.units.values()].filter((u) => u.kind === 'district');
  const named = r.meta?.districtUnitCode;
  const at = { line: 1, field: 'districtUnitCode' };
  if (named !== undefined) {
    const unit = r.units.get(named);
    if (!unit)
      r.issues.error(
        'plan.yaml',
        at,
        `districtUnitCode ${q(named)} 不是已登记的单位`,
        `districtUnitCode ${q(named)} is not a unit of the plan`,
      );
    else if (unit.kind !== 'district')
      r.issues.error(
        'plan.yaml',
        at,
        `districtUnitCode ${q(named)} 的类型不是 district`,
        `districtUnitCode ${q(named)} is not a unit of kind district`,
      );
    return;
  }
  if (districts.length > 1) {
    r.issues.error(
      'plan.yaml',
      at,
      `有 ${districts.length} 个 district 类单位（${districts.map((d) => d.code).join('、')}），请用 districtUnitCode 指明本计划的全区单位`,
      `${districts.length} units of kind district (${districts.map((d) => d.code).join(', ')}): name the plan's own with districtUnitCode`,
    );
  }
}
