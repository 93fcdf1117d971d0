/** indicators.yaml 指标: one entry per printed row, its district targets, and inline unit targets (key tasks). */
import { z } from 'zod';
import { dec, toPlainString } from '../../shared/decimal';
import { CODE_PATTERN, INDICATORS_FILE, PlanReader } from './plan-reader';
import { readYamlValue } from './read-value';
import { DECOMPOSITION_MODES, DIRECTIONS, Figure, INDICATOR_KINDS, IndicatorDef, SourceRef, UnitTarget } from './types';
import { isPlainDecimal, isPositiveInteger, isSummableKind, needsUnitOfMeasure, normalizeName } from './values';
import { formatPath, YamlPath, YamlSource } from './yaml-source';
import { checked, flags, isObj, oneOf, q, readEntry, text, textList } from './yaml/yaml-entry';

const INDICATOR_SHAPE = {
  code: checked(
    (s) => CODE_PATTERN.test(s),
    (s) => ({
      zh: `指标代码 ${q(s)} 只能用字母、数字、- 和 _`,
      en: `Indicator code ${q(s)} must be ASCII letters, digits, - or _`,
    }),
  ),
  serialNo: checked(isPositiveInteger, (s) => ({
    zh: `序号 ${q(s)} 应为正整数`,
    en: `serialNo must be a positive integer; got ${q(s)}`,
  })).optional(),
  group: text.optional(),
  category: text,
  name: text,
  parentCode: text.optional(),
  unitOfMeasure: text.optional(),
  kind: oneOf(INDICATOR_KINDS),
  direction: oneOf(DIRECTIONS).optional(),
  reportingMonths: checked(
    (s) => /^(1[0-2]|[1-9])$/.test(s),
    (s) => ({ zh: `报送月数 ${q(s)} 应为 1-12`, en: `reportingMonths must be 1-12; got ${q(s)}` }),
  ).optional(),
  leadUnitCodes: textList.optional(),
  leadUnitCode: textList.optional(),
  cooperatingUnitCodes: textList.optional(),
  cooperatingOther: textList.optional(),
  verifyingUnitCode: text.optional(),
  decomposition: oneOf(DECOMPOSITION_MODES),
  assessment: z.unknown().optional(),
  work: z.unknown().optional(),
  figures: z.unknown().optional(),
  responsiblePrinted: text.optional(),
  targets: z.unknown().optional(),
  split: z.unknown().optional(),
  source: z.unknown().optional(),
  note: text.optional(),
  unreadable: flags.optional(),
  ambiguous: flags.optional(),
  fromMergedCell: textList.optional(),
};

const SOURCE_SHAPE = {
  file: text,
  table: text.optional(),
  lines: checked(
    (s) => /^\d+(-\d+)?$/.test(s),
    (s) => ({ zh: `行号 ${q(s)} 应写作 12 或 12-30`, en: `lines must look like 12 or 12-30; got ${q(s)}` }),
  ).optional(),
};
const FIGURE_SHAPE = {
  value: checked(isPlainDecimal, (s) => ({
    zh: `不是纯数字 ${q(s)}（不要千分位、单位或百分号）`,
    en: `Not a plain decimal: ${q(s)}`,
  })),
  unitOfMeasure: text,
  text,
};
const INLINE_TARGET_SHAPE = {
  unit: text,
  assessment: z.unknown().optional(),
  work: z.unknown().optional(),
  note: text.optional(),
};

interface PendingInlineTargets {
  indicator: IndicatorDef;
  src: YamlSource;
  path: YamlPath;
  raw: unknown;
  /** `split:` shares of the district figure by lead department, rather than inline `targets:` */
  split: boolean;
}

export function readIndicators(r: PlanReader): void {
  const src = r.yaml(INDICATORS_FILE, true);
  if (!src) return;
  if (!Array.isArray(src.data)) {
    r.issues.error(INDICATORS_FILE, { line: 1 }, '指标文件应为列表', 'indicators.yaml must be a list of indicators');
    return;
  }
  const pending: PendingInlineTargets[] = [];
  src.data.forEach((raw, i) => {
    if (!isObj(raw)) {
      r.issues.error(INDICATORS_FILE, src.at([i]), '每个指标应为映射', 'Each indicator must be a mapping');
      return;
    }
    const ind = readIndicator(r, src, [i], raw);
    if (ind && raw.targets !== undefined)
      pending.push({ indicator: ind, src, path: [i, 'targets'], raw: raw.targets, split: false });
    if (ind && raw.split !== undefined)
      pending.push({ indicator: ind, src, path: [i, 'split'], raw: raw.split, split: true });
    if (ind && raw.split !== undefined && raw.targets !== undefined) {
      r.issues.error(
        INDICATORS_FILE,
        src.at([i, 'split'], 'split'),
        '只能写 split 或 targets 之一',
        'Write either split (shares of the district figure) or targets (inline unit targets), not both',
      );
    }
  });
  checkParents(r);
  for (const p of pending) readInlineTargets(r, p);
  for (const p of pending.filter((x) => x.split)) sumSplit(r, p);
}

/**
 * A district figure printed as shares of its lead departments ("80（经委）/60（商务委）"): the district
 * target's total, when the plan gives only the printed text, is the sum of the shares (exact decimals).
 */
function sumSplit(r: PlanReader, p: PendingInlineTargets): void {
  const ind = p.indicator;
  const shares = r.targets.filter((t) => t.indicatorCode === ind.code && t.origin.split);
  for (const side of ['assessment', 'work'] as const) {
    const district = ind[side];
    const parts = shares.map((t) => t[side]).filter((v): v is NonNullable<typeof v> => v !== undefined);
    if (!district || district.total !== undefined || parts.length === 0) continue;
    if (!isSummableKind(ind.kind) || (ind.unitOfMeasure !== undefined && !r.registry.isAdditive(ind.unitOfMeasure)))
      continue;
    if (
      parts.some(
        (v) =>
          v.total === undefined ||
          (v.unitOfMeasure !== undefined && !r.registry.isSame(v.unitOfMeasure, ind.unitOfMeasure ?? '')),
      )
    )
      continue;
    district.total = toPlainString(parts.reduce((sum, v) => sum.plus(dec(v.total ?? '0')), dec(0)));
  }
}

function readIndicator(
  r: PlanReader,
  src: YamlSource,
  path: YamlPath,
  raw: Record<string, unknown>,
): IndicatorDef | undefined {
  const { value: v } = readEntry(r.issues, src, path, raw, INDICATOR_SHAPE);
  const at = (key: string) => src.at([...path, key], key);
  const error = (key: string, zh: string, en: string) => r.issues.error(src.file, at(key), zh, en);
  const unreadable = v.unreadable ?? [];
  if (v.code !== undefined && r.indicators.has(v.code)) {
    error('code', `指标代码重复 ${q(v.code)}`, `Duplicate indicator code ${q(v.code)}`);
    return undefined;
  }
  if (v.category !== undefined && r.meta && !r.meta.categories.includes(v.category)) {
    error(
      'category',
      `未知分类 ${q(v.category)}（见 plan.yaml categories）`,
      `Unknown category ${q(v.category)} (see plan.yaml categories)`,
    );
  }
  if (
    v.kind !== undefined &&
    needsUnitOfMeasure(v.kind) &&
    v.unitOfMeasure === undefined &&
    !unreadable.includes('unitOfMeasure')
  ) {
    error('unitOfMeasure', `指标类型 ${v.kind} 需要计量单位`, `An indicator of kind '${v.kind}' needs a unitOfMeasure`);
  }
  if (v.unitOfMeasure !== undefined && !r.registry.isKnown(v.unitOfMeasure)) {
    const m = r.unknownUnitOfMeasure(v.unitOfMeasure);
    error('unitOfMeasure', m.zh, m.en);
  }
  if (raw.leadUnitCodes !== undefined && raw.leadUnitCode !== undefined) {
    error(
      'leadUnitCode',
      '只能写 leadUnitCodes 或 leadUnitCode 之一',
      'Write either leadUnitCodes or leadUnitCode, not both',
    );
  }
  const leadKey = raw.leadUnitCode !== undefined ? 'leadUnitCode' : 'leadUnitCodes';
  const leadUnitCodes = (leadKey === 'leadUnitCode' ? v.leadUnitCode : v.leadUnitCodes) ?? [];
  const cooperatingUnitCodes = v.cooperatingUnitCodes ?? [];
  for (const [key, codes] of [
    [leadKey, leadUnitCodes],
    ['cooperatingUnitCodes', cooperatingUnitCodes],
    ['verifyingUnitCode', v.verifyingUnitCode === undefined ? [] : [v.verifyingUnitCode]],
  ] as const) {
    for (const c of codes) if (!r.units.has(c)) error(key, `未知单位代码 ${q(c)}`, `Unknown unit code ${q(c)}`);
  }
  const source = readSource(r, src, path, raw.source);
  const figures = readFigures(r, src, path, raw.figures);
  if (
    v.code === undefined ||
    v.category === undefined ||
    v.name === undefined ||
    v.kind === undefined ||
    v.decomposition === undefined
  )
    return undefined;
  const ind: IndicatorDef = {
    code: v.code,
    category: v.category,
    name: v.name,
    kind: v.kind,
    decomposition: v.decomposition,
    leadUnitCodes,
    cooperatingUnitCodes,
    cooperatingOther: v.cooperatingOther ?? [],
    figures,
    source,
    unreadable,
    ambiguous: v.ambiguous ?? [],
    fromMergedCell: v.fromMergedCell ?? [],
  };
  const optional: [keyof IndicatorDef, string | number | undefined][] = [
    ['serialNo', v.serialNo],
    ['group', v.group],
    ['parentCode', v.parentCode],
    ['unitOfMeasure', v.unitOfMeasure],
    ['direction', v.direction],
    ['reportingMonths', v.reportingMonths === undefined ? undefined : Number(v.reportingMonths)],
    ['leadUnitCode', leadUnitCodes[0]],
    ['verifyingUnitCode', v.verifyingUnitCode],
    ['responsiblePrinted', v.responsiblePrinted],
    ['note', v.note],
  ];
  for (const [k, value] of optional) if (value !== undefined) Object.assign(ind, { [k]: value });
  for (const side of ['assessment', 'work'] as const) {
    const value = raw[side];
    if (value === undefined || value === null || value === '') continue;
    const read = readYamlValue(r, src, [...path, side], value, ind, true);
    if (read) ind[side] = read;
  }
  if (ind.responsiblePrinted !== undefined) checkResponsiblePrinted(r, ind, (key, zh, en) => error(key, zh, en));
  r.indicators.set(ind.code, ind);
  r.indicatorLocations.set(ind.code, { src, path });
  return ind;
}

function readSource(r: PlanReader, src: YamlSource, path: YamlPath, raw: unknown): SourceRef[] {
  if (raw === undefined || raw === null || raw === '') {
    r.issues.error(
      src.file,
      src.at([...path, 'source'], 'source'),
      '缺少来源 source（文件 + 表/行）',
      'Missing source (document file + table/lines)',
    );
    return [];
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const out: SourceRef[] = [];
  list.forEach((s, i) => {
    const p = Array.isArray(raw) ? [...path, 'source', i] : [...path, 'source'];
    if (!isObj(s)) {
      r.issues.error(
        src.file,
        src.at(p, 'source'),
        'source 应为映射 {file, table, lines}',
        'source must be a mapping {file, table, lines}',
      );
      return;
    }
    const { value: v } = readEntry(r.issues, src, p, s, SOURCE_SHAPE);
    if (v.file === undefined) return;
    const ref: SourceRef = { file: v.file };
    if (v.table !== undefined) ref.table = v.table;
    if (v.lines !== undefined) ref.lines = v.lines;
    out.push(ref);
  });
  return out;
}

function readFigures(r: PlanReader, src: YamlSource, path: YamlPath, raw: unknown): Figure[] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (!Array.isArray(raw)) {
    r.issues.error(src.file, src.at([...path, 'figures'], 'figures'), 'figures 应为列表', 'figures must be a list');
    return [];
  }
  const out: Figure[] = [];
  raw.forEach((f, i) => {
    const p = [...path, 'figures', i];
    if (!isObj(f)) {
      r.issues.error(src.file, src.at(p), 'figures 的每项应为映射', 'Each figure must be a mapping');
      return;
    }
    const { value: v } = readEntry(r.issues, src, p, f, FIGURE_SHAPE);
    if (v.value !== undefined && v.text !== undefined && !v.text.includes(v.value)) {
      r.issues.warn(
        src.file,
        src.at([...p, 'text'], 'text'),
        `原文 ${q(v.text)} 中找不到数字 ${q(v.value)}`,
        `The figure ${q(v.value)} does not occur in its text`,
      );
    }
    if (v.value !== undefined && v.unitOfMeasure !== undefined && v.text !== undefined)
      out.push({ value: v.value, unitOfMeasure: v.unitOfMeasure, text: v.text });
  });
  return out;
}

function checkResponsiblePrinted(
  r: PlanReader,
  ind: IndicatorDef,
  error: (key: string, zh: string, en: string) => void,
): void {
  for (const printed of (ind.responsiblePrinted ?? '').split('、').filter((s) => s !== '')) {
    const unit = r.unitByName.get(normalizeName(printed));
    if (!unit) {
      error(
        'responsiblePrinted',
        `印刷的责任单位 ${q(printed)} 不是任何单位的名称或别名`,
        `Printed responsible unit ${q(printed)} matches no unit name or alias`,
      );
    } else if (!ind.leadUnitCodes.includes(unit.code)) {
      error(
        'leadUnitCodes',
        `印刷的责任单位 ${q(printed)}（${unit.code}）不在 leadUnitCodes 中`,
        `Printed responsible unit ${q(printed)} (${unit.code}) is missing from leadUnitCodes`,
      );
    }
  }
}

function checkParents(r: PlanReader): void {
  for (const ind of r.indicators.values()) {
    if (ind.parentCode === undefined) continue;
    const loc = r.indicatorLocations.get(ind.code);
    const at = loc ? loc.src.at([...loc.path, 'parentCode'], 'parentCode') : { field: 'parentCode' };
    if (ind.parentCode === ind.code) {
      r.issues.error(
        INDICATORS_FILE,
        at,
        `指标 ${ind.code} 不能以自己为上级`,
        `Indicator ${ind.code} cannot be its own parent`,
      );
      continue;
    }
    if (!r.indicators.has(ind.parentCode)) {
      r.issues.error(
        INDICATORS_FILE,
        at,
        `未知上级指标代码 ${q(ind.parentCode)}`,
        `Unknown parent indicator code ${q(ind.parentCode)}`,
      );
      continue;
    }
    const seen = new Set<string>([ind.code]);
    let cur: IndicatorDef | undefined = r.indicators.get(ind.parentCode);
    while (cur) {
      if (seen.has(cur.code)) {
        r.issues.error(
          INDICATORS_FILE,
          at,
          `上级指标形成循环 ${[...seen].join(' → ')}`,
          `Parent codes form a cycle: ${[...seen].join(' → ')}`,
        );
        break;
      }
      seen.add(cur.code);
      cur = cur.parentCode === undefined ? undefined : r.indicators.get(cur.parentCode);
    }
  }
}

function readInlineTargets(r: PlanReader, p: PendingInlineTargets): void {
  const { src, indicator: ind } = p;
  if (!Array.isArray(p.raw)) {
    r.issues.error(src.file, src.at(p.path, 'targets'), 'targets 应为列表', 'targets must be a list');
    return;
  }
  p.raw.forEach((raw, i) => {
    const path = [...p.path, i];
    if (!isObj(raw)) {
      r.issues.error(
        src.file,
        src.at(path),
        'targets 的每项应为映射 {unit, assessment?, work?}',
        'Each target must be a mapping {unit, assessment?, work?}',
      );
      return;
    }
    const { value: v } = readEntry(r.issues, src, path, raw, INLINE_TARGET_SHAPE);
    const error = (key: string, zh: string, en: string) =>
      r.issues.error(src.file, src.at([...path, key], key), zh, en);
    if (v.unit === undefined) return;
    if (!r.units.has(v.unit)) {
      error('unit', `未知单位代码 ${q(v.unit)}`, `Unknown unit code ${q(v.unit)}`);
      return;
    }
    if (p.split && !ind.leadUnitCodes.includes(v.unit)) {
      error(
        'unit',
        `split 的单位 ${q(v.unit)} 不是指标 ${ind.code} 的牵头单位（leadUnitCodes）`,
        `split unit ${q(v.unit)} is not a lead unit of indicator ${ind.code} (leadUnitCodes)`,
      );
      return;
    }
    const target: UnitTarget = {
      indicatorCode: ind.code,
      unitCode: v.unit,
      origin: { file: src.file, path: formatPath(path) },
    };
    if (p.split) target.origin.split = true;
    const line = src.lineOf(path);
    if (line !== undefined) target.origin.line = line;
    const own = v.assessment !== undefined || v.work !== undefined;
    for (const side of ['assessment', 'work'] as const) {
      if (own) {
        if (v[side] === undefined) continue;
        const value = readYamlValue(r, src, [...path, side], v[side], ind, true);
        if (value) target[side] = value;
      } else if (ind[side] && !p.split) {
        target[side] = { ...ind[side] };
      }
    }
    if (target.assessment === undefined && target.work === undefined) {
      error(
        'assessment',
        `目标没有任何值（指标 ${ind.code} 也没有可沿用的目标）`,
        `The target has no value and indicator ${ind.code} has none to inherit`,
      );
      return;
    }
    if (v.note !== undefined) target.note = v.note;
    r.addTarget(target, (zh, en) => error('unit', zh, en));
  });
}
