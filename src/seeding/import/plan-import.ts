/**
 * From a validated plan file to the commands the API uses (pure: no Nest, no I/O).
 *
 * Each entity becomes one command with a deterministic id (uuid v5 of its codes and a fingerprint of its
 * content), so importing the same file again is answered from the record and appends nothing, while an
 * edited file meets the existing entity and is refused ("exists, adjust it instead") instead of being
 * reported as unchanged. Where the catalog or target rules do not take what the plan file legitimately
 * holds, the value is carried in its `text` (and the summary says so), or the entity is refused with the
 * reason: nothing is dropped silently.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import type { IndicatorDefinition } from '../../catalog/domain/indicator.decider';
import type { PlanDefinition } from '../../catalog/domain/plan.decider';
import type { UnitDefinition } from '../../catalog/domain/unit.decider';
import type { Actor } from '../../event-store/event-store.port';
import { targetIdOf } from '../../targets/domain/target-ids';
import { TargetValue, targetValueProblems } from '../../targets/domain/target-value';
import {
  IndicatorDef,
  needsUnitOfMeasure,
  PlanFile,
  planUnits,
  TargetValue as PlanTargetValue,
  TargetSide,
  UnitTarget,
  toApiTargetValue,
} from '../plan-file';

/** Who the imported events name as their author. */
export const IMPORT_ACTOR: Actor = { id: 'import', username: 'system:import', displayName: '数据导入 / Import' };

/** Namespace of the importer's command ids (uuid v5). */
const IMPORT_NAMESPACE = '6d1f4b2a-93c7-4e0b-8a55-2c7e9f1d3b40';

/**
 * The catalog needs a unit of measure on every indicator; qualitative, milestone, rank, relative and
 * zero-incident rows often print none. They are registered with 项 (item), and the summary lists them.
 */
export const PLACEHOLDER_UNIT = '项';

export type EntityKind = 'unit' | 'plan' | 'indicator' | 'target';

interface Step<Kind extends EntityKind, Payload> {
  kind: Kind;
  /** unit code, plan code, indicator code or target id */
  key: string;
  /** For people: 安亭镇 (anting), I02 税收总收入, I02 税收总收入 → 安亭镇 */
  label: string;
  commandId: string;
  documentRef: string;
  payload: Payload;
  /** Keys of indicators this step needs (a refused one refuses this step too). */
  needs: string[];
}

export type UnitStep = Step<'unit', UnitDefinition>;
export type PlanStep = Step<'plan', PlanDefinition>;
export type IndicatorStep = Step<'indicator', IndicatorDefinition>;
export interface TargetInput {
  planCode: string;
  indicatorCode: string;
  unitCode: string;
  /** absent for a work target only (指导性计划) */
  assessment?: TargetValue;
  work?: TargetValue;
}
export type TargetStep = Step<'target', TargetInput> & { district: boolean; unreadable: string[] };
export type ImportStep = UnitStep | PlanStep | IndicatorStep | TargetStep;

/** A refusal decided before dispatch (the commands could not even be formed), with its reason. */
export interface Refusal {
  kind: EntityKind;
  key: string;
  label: string;
  documentRef: string;
  reason: string;
}

/**
 * How the import fitted the file to the commands (not a loss: the value travels, in another field).
 * `topic` groups notes in the summary.
 */
export interface ImportNote {
  kind: EntityKind;
  key: string;
  topic: NoteTopic;
  detail: string;
}

export const NOTE_TOPICS = {
  'placeholder-unit': `计量单位未印出，登记为“${PLACEHOLDER_UNIT}” / no unit of measure printed: registered as '${PLACEHOLDER_UNIT}' (the catalog needs one)`,
  'other-cooperating':
    '非单位的配合方未登记 / cooperating parties that are not units (各相关部门 …) are not in the catalog',
  'no-assessment':
    '只有工作目标（指导性计划，考核目标未印或印为“—”）：不设考核目标，状态按工作目标 / work target only (guidance plan): no assessment target, the status follows the work target',
  'figure-as-text': '该类型目标不用的数字已并入文字 / a figure the target kind does not take is kept in the text',
  'flagged-values':
    '转录标为存疑的数值，按读出的值导入 / values flagged ambiguous in the transcription, imported as read',
} as const;
export type NoteTopic = keyof typeof NOTE_TOPICS;

export interface PlanImport {
  planCode: string;
  dir: string;
  /** The plan's 文号, or the path of its plan.yaml when it prints none. */
  documentRef: string;
  units: UnitStep[];
  plan: PlanStep;
  /** Parents before their sub-indicators. */
  indicators: IndicatorStep[];
  targets: TargetStep[];
  refusals: Refusal[];
  notes: ImportNote[];
  /** Targets the file holds: the district targets of indicators.yaml and every unit target. */
  fileTargets: { district: number; unit: number };
  /** What the plan file holds that no command carries (kept in the plan file only), with counts. */
  notCarried: NotCarried[];
}

export interface NotCarried {
  what: string;
  count: number;
}

export interface PlanImportOptions {
  /** Directory paths in documentRefs are relative to this (default: the working directory). */
  baseDir?: string;
}

/** The commands (and the refusals decided up front) for one validated plan file. */
export function planImport(plan: PlanFile, options: PlanImportOptions = {}): PlanImport {
  const relDir = displayPath(plan.dir, options.baseDir ?? process.cwd());
  const planCode = plan.plan.code;
  const fileRef = (file: string) => plan.plan.documentNo ?? toPosix(path.join(relDir, file));
  const unitNames = new Map(plan.units.map((u) => [u.code, u.name]));
  const unitLabel = (code: string) => `${unitNames.get(code) ?? code} (${code})`;
  const refusals: Refusal[] = [];
  const notes: ImportNote[] = [];

  const units: UnitStep[] = plan.units.map((u) => {
    const payload: UnitDefinition = { code: u.code, name: u.name, kind: u.kind };
    return step('unit', u.code, unitLabel(u.code), `unit/${u.code}`, fileRef(u.file), payload, []);
  });

  const planPayload: PlanDefinition = {
    code: planCode,
    year: plan.plan.year,
    title: plan.plan.title,
    ...(plan.plan.issuer !== undefined ? { issuer: plan.plan.issuer } : {}),
    ...(plan.plan.documentNo !== undefined ? { documentNo: plan.plan.documentNo } : {}),
    ...(plan.plan.issuedOn !== undefined ? { issuedOn: plan.plan.issuedOn } : {}),
    ...(plan.plan.addressees.length ? { addressees: plan.plan.addressees } : {}),
    ...(plan.plan.copyTo.length ? { copyTo: plan.plan.copyTo } : {}),
    ...(plan.plan.rankingGroups
      ? {
          rankingGroups: plan.plan.rankingGroups.map((g) => ({
            name: g.name,
            ...(g.kinds ? { kinds: g.kinds } : {}),
            ...(g.units ? { unitCodes: g.units } : {}),
          })),
        }
      : {}),
    ...(plan.unitsOfMeasure.length
      ? {
          unitsOfMeasure: plan.unitsOfMeasure.map((u) => ({
            symbol: u.symbol,
            name: u.name,
            additive: u.additive,
            ...(u.equals ? { equals: u.equals } : {}),
            ...(u.aliases.length ? { aliases: u.aliases } : {}),
          })),
        }
      : {}),
  };
  const planStep = step(
    'plan',
    planCode,
    `${planCode} ${plan.plan.title}`,
    `plan/${planCode}`,
    fileRef('plan.yaml'),
    planPayload,
    [],
  );

  const indicators: IndicatorStep[] = [];
  const byCode = new Map(plan.indicators.map((i) => [i.code, i]));
  const indicatorUnit = new Map<string, string>();
  for (const ind of parentsFirst(plan.indicators)) {
    const label = `${ind.code} ${ind.name}`;
    const ref = `${fileRef('indicators.yaml')}${plan.plan.documentNo ? '' : `#${ind.code}`}`;
    const unit = indicatorUnitOf(ind);
    if ('refused' in unit) {
      refusals.push({ kind: 'indicator', key: ind.code, label, documentRef: ref, reason: unit.refused });
      continue;
    }
    if (unit.placeholder)
      notes.push({ kind: 'indicator', key: ind.code, topic: 'placeholder-unit', detail: `${ind.code} (${ind.kind})` });
    if (ind.cooperatingOther.length) {
      notes.push({
        kind: 'indicator',
        key: ind.code,
        topic: 'other-cooperating',
        detail: `${ind.code}: ${ind.cooperatingOther.join('、')}`,
      });
    }
    indicatorUnit.set(ind.code, unit.unitOfMeasure);
    const payload: IndicatorDefinition = {
      planCode,
      code: ind.code,
      category: ind.category,
      ...(ind.group !== undefined ? { group: ind.group } : {}),
      name: ind.name,
      ...(ind.parentCode !== undefined ? { parentCode: ind.parentCode } : {}),
      unitOfMeasure: unit.unitOfMeasure,
      kind: ind.kind,
      ...(ind.direction !== undefined ? { direction: ind.direction } : {}),
      ...(ind.reportingMonths !== undefined ? { reportingMonths: ind.reportingMonths } : {}),
      ...(ind.leadUnitCode !== undefined ? { leadUnitCode: ind.leadUnitCode } : {}),
      ...(ind.leadUnitCodes.length > 1 ? { leadUnitCodes: ind.leadUnitCodes } : {}),
      ...(ind.cooperatingUnitCodes.length ? { cooperatingUnitCodes: ind.cooperatingUnitCodes } : {}),
      ...(ind.verifyingUnitCode !== undefined ? { verifyingUnitCode: ind.verifyingUnitCode } : {}),
      decomposition: ind.decomposition,
    };
    const needs = ind.parentCode !== undefined ? [ind.parentCode] : [];
    indicators.push(step('indicator', ind.code, label, `indicator/${planCode}/${ind.code}`, ref, payload, needs));
  }

  // The validator refuses two district units unless plan.yaml names its own (districtUnitCode).
  const district =
    plan.units.find((u) => u.code === plan.plan.districtUnitCode) ?? plan.units.find((u) => u.kind === 'district');
  const registry = planUnits(plan);
  const targets: TargetStep[] = [];
  let districtCount = 0;
  const addTarget = (
    ind: IndicatorDef,
    unitCode: string | undefined,
    source: Pick<UnitTarget, 'assessment' | 'work'>,
    ref: string,
  ) => {
    const isDistrict = unitCode === undefined || unitCode === district?.code;
    const label = `${ind.code} ${ind.name} → ${unitCode ? unitLabel(unitCode) : '(district)'}`;
    if (unitCode === undefined) {
      refusals.push({
        kind: 'target',
        key: `${planCode}.${ind.code}.(district)`,
        label,
        documentRef: ref,
        reason: '计划没有 district 类单位 / the plan has no unit of kind district to hold the district target',
      });
      return;
    }
    const targetId = targetIdOf(planCode, ind.code, unitCode);
    const unitOfMeasure = indicatorUnit.get(ind.code);
    if (unitOfMeasure === undefined) {
      refusals.push({
        kind: 'target',
        key: targetId,
        label,
        documentRef: ref,
        reason: `指标 ${ind.code} 未导入 / its indicator ${ind.code} was refused`,
      });
      return;
    }
    const noteFor = (topic: NoteTopic, detail: string) => notes.push({ kind: 'target', key: targetId, topic, detail });
    const fitted: Partial<Record<TargetSide, TargetValue>> = {};
    const unreadable: string[] = [];
    for (const side of ['assessment', 'work'] as const) {
      const value = source[side];
      if (!value) continue;
      unreadable.push(...(value.unreadable ?? []).map((f) => `${side}.${f}`));
      if (value.ambiguous?.length) noteFor('flagged-values', `${targetId} ${side}.${value.ambiguous.join(',')}`);
      // Under an indicator DefineIndicator will refuse (unknown unit) the target is refused with it: no fitting.
      const result = registry.isKnown(unitOfMeasure)
        ? fitValue(value, ind.kind, unitOfMeasure)
        : { value: plainValue(value), moved: [] };
      if (result.moved.length) noteFor('figure-as-text', `${targetId} ${side}: ${result.moved.join(', ')}`);
      if (!isEmpty(result.value)) fitted[side] = result.value;
    }
    if (!fitted.assessment && !fitted.work) {
      refusals.push({
        kind: 'target',
        key: targetId,
        label,
        documentRef: ref,
        reason: `没有可导入的目标值 / no value to import${unreadable.length ? ` (unreadable: ${unreadable.join(', ')})` : ''}`,
      });
      return;
    }
    if (!fitted.assessment) noteFor('no-assessment', targetId);
    const payload: TargetInput = {
      planCode,
      indicatorCode: ind.code,
      unitCode,
      ...(fitted.assessment ? { assessment: fitted.assessment } : {}),
      ...(fitted.work ? { work: fitted.work } : {}),
    };
    const s = step('target', targetId, label, `target/${targetId}`, ref, payload, [ind.code]);
    targets.push({ ...s, district: isDistrict, unreadable });
  };

  // An indicator whose unit targets are given inline (the key tasks: one target per responsible unit,
  // taking the indicator's value) has that value as the template of its unit targets, not as a target of
  // the district: seeds/README.md §14.
  // Shares of a district figure split between lead departments (`split:`) leave the district target in place.
  const inline = new Set(
    plan.targets.filter((t) => t.origin.file === 'indicators.yaml' && !t.origin.split).map((t) => t.indicatorCode),
  );
  for (const ind of plan.indicators) {
    if ((ind.assessment || ind.work) && !inline.has(ind.code)) {
      districtCount++;
      addTarget(ind, district?.code, ind, `${fileRef('indicators.yaml')}${plan.plan.documentNo ? '' : `#${ind.code}`}`);
    }
  }
  for (const t of plan.targets) {
    const ind = byCode.get(t.indicatorCode);
    if (!ind) continue; // the validator guarantees it exists
    addTarget(ind, t.unitCode, t, plan.plan.documentNo ?? originRef(relDir, t));
  }

  return {
    planCode,
    dir: relDir,
    documentRef: fileRef('plan.yaml'),
    units,
    plan: planStep,
    indicators,
    targets,
    refusals,
    notes,
    fileTargets: { district: districtCount, unit: plan.targets.length },
    notCarried: notCarried(plan),
  };
}

/** The parts of a plan file that stay in the file: transcription aids and printed context, not targets. */
function notCarried(plan: PlanFile): NotCarried[] {
  const count = (n: number, what: string): NotCarried[] => (n > 0 ? [{ what, count: n }] : []);
  const inds = plan.indicators;
  // A `# district: target` table's 全区 row is the district target, not printed context.
  const rows = plan.tables.flatMap((t) => t.rows.filter((r) => !(t.districtRowIsTarget && r.kind === 'district')));
  const values = [
    ...inds.flatMap((i) => [i.assessment, i.work]),
    ...plan.targets.flatMap((t) => [t.assessment, t.work]),
  ];
  return [
    ...count(inds.filter((i) => i.serialNo !== undefined).length, '序号 serialNo'),
    ...count(inds.filter((i) => i.source.length > 0).length, '来源 source (document, table, lines)'),
    ...count(
      inds.filter((i) => i.note !== undefined).length +
        values.filter((v) => v?.note !== undefined).length +
        plan.targets.filter((t) => t.note !== undefined).length,
      '备注 transcription notes',
    ),
    ...count(
      inds.reduce((n, i) => n + i.figures.length, 0),
      '文中数量 figures written in a task',
    ),
    ...count(inds.filter((i) => i.responsiblePrinted !== undefined).length, '责任单位（印刷） responsiblePrinted'),
    ...count(
      inds.reduce((n, i) => n + i.cooperatingOther.length, 0),
      '非单位配合方 cooperatingOther',
    ),
    ...count(
      rows.filter((r) => r.kind === 'district').length,
      '表中印刷的全区行 printed district rows of the tables (in the reconciliation only)',
    ),
    ...count(
      rows.filter((r) => r.kind === 'subtotal').length,
      '小计行 printed subtotal rows (in the reconciliation only)',
    ),
    ...count(
      plan.details.reduce((n, d) => n + d.rows.length, 0),
      `附表 detail rows (${plan.details.map((d) => d.table).join(', ')})`,
    ),
    ...count(
      plan.plan.notes.length + plan.tables.reduce((n, t) => n + t.notes.length, 0),
      '计划与表的说明 plan and table notes',
    ),
  ];
}

function step<Kind extends EntityKind, Payload>(
  kind: Kind,
  key: string,
  label: string,
  name: string,
  documentRef: string,
  payload: Payload,
  needs: string[],
): Step<Kind, Payload> {
  return { kind, key, label, commandId: importCommandId(name, payload), documentRef, payload, needs };
}

/** uuid v5 of the entity's codes and a fingerprint of what the command says. */
export function importCommandId(name: string, payload: unknown): string {
  const fingerprint = createHash('sha256').update(canonicalJson(payload)).digest('hex').slice(0, 16);
  return uuidv5(`${name}#${fingerprint}`, IMPORT_NAMESPACE);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function indicatorUnitOf(ind: IndicatorDef): { unitOfMeasure: string; placeholder: boolean } | { refused: string } {
  if (ind.unitOfMeasure !== undefined) {
    // An unknown unit is left to DefineIndicator, which refuses it in its own words.
    return { unitOfMeasure: ind.unitOfMeasure, placeholder: false };
  }
  if (ind.unreadable.includes('unitOfMeasure') || ind.unreadable.includes('*')) {
    return {
      refused: `计量单位在原文中无法识别，目录需要计量单位 / the unit of measure is unreadable in the source and the catalog needs one${ind.note ? ` — ${firstLine(ind.note)}` : ''}`,
    };
  }
  if (needsUnitOfMeasure(ind.kind)) {
    return { refused: `缺少计量单位 / no unit of measure for an indicator of kind ${ind.kind}` };
  }
  return { unitOfMeasure: PLACEHOLDER_UNIT, placeholder: true };
}

/**
 * The value as the target rules take it: a field the indicator's kind does not use (a growth rate on a
 * level, a total on a qualitative key task), or a figure in a unit that does not convert to the
 * indicator's (5/10万 under an indicator in %), moves into `text` — unless the text already shows it.
 */
export function fitValue(
  value: PlanTargetValue,
  kind: IndicatorDef['kind'],
  indicatorUnit: string,
): { value: TargetValue; moved: string[] } {
  const out = plainValue(value);
  const moved: string[] = [];
  for (let round = 0; round < 4; round++) {
    const fields = new Set(
      targetValueProblems(out, kind, indicatorUnit, 'v')
        .map((p) => p.field.slice(2))
        .filter(
          (f): f is 'total' | 'unitOfMeasure' | 'growthPct' | 'deadline' | 'rank' =>
            ['total', 'unitOfMeasure', 'growthPct', 'deadline', 'rank'].includes(f) &&
            out[f as keyof TargetValue] !== undefined,
        ),
    );
    if (fields.size === 0) break;
    if (fields.has('unitOfMeasure') || fields.has('total')) {
      const unit = out.unitOfMeasure ?? indicatorUnit;
      if (out.total !== undefined) appendText(out, out.total, `${out.total}${unit}`);
      moved.push(out.total !== undefined ? `total ${out.total} ${unit}` : `unitOfMeasure ${unit}`);
      delete out.total;
      delete out.unitOfMeasure;
    }
    if (fields.has('growthPct') && out.growthPct !== undefined) {
      appendText(out, out.growthPct, `增幅${out.growthPct}%`);
      moved.push(`growthPct ${out.growthPct}`);
      delete out.growthPct;
    }
    if (fields.has('rank') && out.rank !== undefined) {
      appendText(out, String(out.rank), `第${out.rank}名`);
      moved.push(`rank ${out.rank}`);
      delete out.rank;
    }
    if (fields.has('deadline') && out.deadline !== undefined) {
      appendText(out, out.deadline, `期限${out.deadline}`);
      moved.push(`deadline ${out.deadline}`);
      delete out.deadline;
    }
  }
  return { value: out, moved };
}

/** Adds `rendering` to the text unless the text already shows `figure`. */
function appendText(value: TargetValue, figure: string, rendering: string): void {
  const text = value.text ?? '';
  if (text.replace(/\s+/g, '').includes(figure)) return;
  value.text = text ? `${text}；${rendering}` : rendering;
}

function plainValue(value: PlanTargetValue): TargetValue {
  const { rank, ...rest } = toApiTargetValue(value);
  return rank === undefined ? rest : { ...rest, rank: Number(rank) };
}

function isEmpty(value: TargetValue): boolean {
  return Object.values(value).every((v) => v === undefined || v === '');
}

function parentsFirst(indicators: IndicatorDef[]): IndicatorDef[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const done = new Set<string>();
  const out: IndicatorDef[] = [];
  const visit = (ind: IndicatorDef, depth: number) => {
    if (done.has(ind.code) || depth > indicators.length) return;
    const parent = ind.parentCode !== undefined ? byCode.get(ind.parentCode) : undefined;
    if (parent) visit(parent, depth + 1);
    done.add(ind.code);
    out.push(ind);
  };
  for (const ind of indicators) visit(ind, 0);
  return out;
}

function originRef(relDir: string, target: UnitTarget): string {
  const file = toPosix(path.join(relDir, target.origin.file));
  return target.origin.line !== undefined ? `${file}:${target.origin.line}` : file;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/** The directory as people will find it: relative to the base when inside it, absolute otherwise. */
function displayPath(dir: string, baseDir: string): string {
  const abs = path.resolve(dir);
  const rel = path.relative(baseDir, abs);
  return toPosix(rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
