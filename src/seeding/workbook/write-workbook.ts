/**
 * Writing a plan workbook (.xlsx, exceljs) from a plan as the system holds it: the plan, its units, the
 * units of measure it declares, its indicators with their district targets, and one decomposition table
 * per decomposed indicator, laid out like the printed tables. Figures are written as text, digit for
 * digit, so an exported plan imports back to the same targets.
 */
import ExcelJS from 'exceljs';
import type { IndicatorDefinition } from '../../catalog/domain/indicator.decider';
import type { RankingGroupDefinition } from '../../catalog/domain/plan.decider';
import type { UnitKind } from '../../catalog/domain/catalog-codes';
import { DECOMPOSITION_MODES, DIRECTIONS, INDICATOR_KINDS } from '../../catalog/domain/catalog-codes';
import type { UnitDeclaration } from '../../shared/units-of-measure';
import type { TargetValue } from '../../targets/domain/target-value';
import {
  MORE_KEY,
  headerOf,
  INDICATORS_LAYOUT,
  PLAN_FIELDS,
  PLAN_SHEET,
  UNITS_LAYOUT,
  UNITS_OF_MEASURE_LAYOUT,
  YamlSheet,
} from './workbook-layout';

export interface PlanExportTarget {
  indicatorCode: string;
  unitCode: string;
  assessment?: TargetValue;
  work?: TargetValue;
}

/** A plan as the system holds it, ready to be written as a workbook. */
export interface PlanExport {
  plan: {
    code: string;
    year: number;
    title: string;
    issuer?: string;
    documentNo?: string;
    issuedOn?: string;
    addressees?: string[];
    copyTo?: string[];
    unitsOfMeasure?: UnitDeclaration[];
    rankingGroups?: RankingGroupDefinition[];
  };
  districtUnitCode?: string;
  units: Array<{ code: string; name: string; kind: UnitKind }>;
  indicators: IndicatorDefinition[];
  /** every active target; the district unit's are the indicators' district targets */
  targets: PlanExportTarget[];
  /** what the system holds that the plan format does not (thresholds, baselines …), said in the plan's notes */
  notCarried: string[];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const SIDES = [
  ['assessment', '考核目标'],
  ['work', '工作目标'],
] as const;
const TABLE_FIELDS = [
  ['total', '总量'],
  ['growthPct', '增幅%'],
  ['text', '文字'],
  ['deadline', '期限'],
  ['rank', '排名'],
] as const;

export async function writePlanWorkbook(data: PlanExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '目标责任督查系统';
  const district = new Map(
    data.targets.filter((t) => t.unitCode === data.districtUnitCode).map((t) => [t.indicatorCode, t]),
  );
  const categories = [...new Set(data.indicators.map((i) => i.category))];
  const source = data.plan.documentNo ?? `${data.plan.code}（系统导出 exported）`;

  const plan = wb.addWorksheet(PLAN_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  plan.columns = [
    { header: '字段 field', width: 28 },
    { header: '值 value', width: 60 },
  ];
  const planValues: Record<string, string | string[] | undefined> = {
    code: data.plan.code,
    year: String(data.plan.year),
    title: data.plan.title,
    issuer: data.plan.issuer,
    documentNo: data.plan.documentNo,
    issuedOn: data.plan.issuedOn,
    addressees: data.plan.addressees,
    copyTo: data.plan.copyTo,
    districtUnitCode: data.units.filter((u) => u.kind === 'district').length > 1 ? data.districtUnitCode : undefined,
    notPrinted: data.plan.documentNo === undefined ? ['documentNo'] : undefined,
    categories,
    notes: data.notCarried.length ? data.notCarried : undefined,
    rankingGroups: data.plan.rankingGroups?.length
      ? JSON.stringify(
          data.plan.rankingGroups.map((g) => ({
            name: g.name,
            ...(g.kinds ? { kinds: g.kinds } : {}),
            ...(g.unitCodes ? { units: g.unitCodes } : {}),
          })),
        )
      : undefined,
  };
  for (const f of PLAN_FIELDS) {
    const v = planValues[f.key];
    const row = plan.addRow([headerOf(f), Array.isArray(v) ? v.join('\n') : (v ?? '')]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(2).numFmt = '@';
  }
  styleHeader(plan);

  yamlSheet(
    wb,
    UNITS_LAYOUT,
    data.units.map((u) => ({ code: u.code, name: u.name, kind: u.kind })),
  );
  yamlSheet(
    wb,
    UNITS_OF_MEASURE_LAYOUT,
    (data.plan.unitsOfMeasure ?? []).map((u) => ({
      symbol: u.symbol,
      name: u.name,
      additive: String(u.additive),
      'equals.factor': u.equals?.factor,
      'equals.unit': u.equals?.unit,
      aliases: u.aliases?.length ? [...u.aliases] : undefined,
    })),
  );
  yamlSheet(
    wb,
    INDICATORS_LAYOUT,
    data.indicators.map((ind) => {
      const d = district.get(ind.code);
      const row: Record<string, string | string[] | undefined> = {
        code: ind.code,
        group: ind.group,
        category: ind.category,
        name: ind.name,
        parentCode: ind.parentCode,
        unitOfMeasure: ind.unitOfMeasure,
        kind: ind.kind,
        direction: ind.direction,
        reportingMonths: ind.reportingMonths === undefined ? undefined : String(ind.reportingMonths),
        leadUnitCodes: ind.leadUnitCodes ?? (ind.leadUnitCode ? [ind.leadUnitCode] : undefined),
        cooperatingUnitCodes: ind.cooperatingUnitCodes,
        verifyingUnitCode: ind.verifyingUnitCode,
        decomposition: ind.decomposition,
        'source.file': source,
      };
      const more: Record<string, unknown> = {};
      for (const [side] of SIDES) {
        const value = d?.[side];
        if (!value) continue;
        const { also, ...figures } = value;
        for (const [k, v] of Object.entries(figures)) if (v !== undefined) row[`${side}.${k}`] = String(v);
        // 其中 quantities have no column of their own on the indicators sheet: the 'more' cell carries them.
        if (also?.length) more[side] = { also };
      }
      if (Object.keys(more).length) row[MORE_KEY] = JSON.stringify(more);
      return row;
    }),
    { kind: INDICATOR_KINDS, decomposition: DECOMPOSITION_MODES, direction: DIRECTIONS },
  );

  const unitOrder = new Map(data.units.map((u, i) => [u.code, i]));
  const names = new Set<string>();
  for (const ind of data.indicators) {
    const targets = data.targets
      .filter((t) => t.indicatorCode === ind.code && t.unitCode !== data.districtUnitCode)
      .sort((a, b) => (unitOrder.get(a.unitCode) ?? 0) - (unitOrder.get(b.unitCode) ?? 0));
    if (targets.length === 0) continue;
    tableSheet(wb, ind, targets, data.units, uniqueSheetName(`分解表 ${ind.code}`, names));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function yamlSheet(
  wb: ExcelJS.Workbook,
  layout: YamlSheet,
  rows: Array<Record<string, string | string[] | undefined>>,
  choices: Record<string, readonly string[]> = {},
): void {
  const ws = wb.addWorksheet(layout.sheet, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  ws.columns = layout.columns.map((c) => ({
    header: headerOf(c),
    width: Math.max(12, Math.min(30, headerOf(c).length + 4)),
  }));
  for (const r of rows) {
    const row = ws.addRow(
      layout.columns.map((c) => {
        const v = r[c.key];
        return Array.isArray(v) ? v.join('\n') : (v ?? '');
      }),
    );
    row.eachCell((cell) => {
      cell.numFmt = '@';
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  // Lists of the allowed values where a column takes one of a few (类型, 分解方式 …): typing errors show at once.
  const lists: Record<string, readonly string[]> = {
    ...Object.fromEntries(layout.columns.filter((c) => c.choices).map((c) => [c.key, c.choices!])),
    ...choices,
  };
  layout.columns.forEach((c, i) => {
    const allowed = lists[c.key];
    if (!allowed) return;
    for (let r = 2; r <= rows.length + 200; r++) {
      ws.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${allowed.join(',')}"`] };
    }
  });
  styleHeader(ws);
}

/** One decomposition table: `# table`, `# title`, `# indicator`, the header row, one row per unit. */
function tableSheet(
  wb: ExcelJS.Workbook,
  ind: IndicatorDefinition,
  targets: PlanExportTarget[],
  units: PlanExport['units'],
  name: string,
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }] });
  ws.addRow([`# table: ${name}`]);
  ws.addRow([`# title: ${ind.name}目标分解表（${ind.unitOfMeasure}）`]);
  ws.addRow([`# indicator: ${ind.code} ${ind.name}`]);
  const columns: Array<{ header: string; value: (t: PlanExportTarget) => string | undefined }> = [];
  for (const [side, sideName] of SIDES) {
    for (const [field, token] of TABLE_FIELDS) {
      const present = targets.map((t) => t[side]).filter((v): v is TargetValue => v?.[field] !== undefined);
      if (present.length === 0) continue;
      // A total in its own unit of measure gets a column of its own: `I02.考核目标.总量(万元)`.
      const uoms = field === 'total' ? [...new Set(present.map((v) => v.unitOfMeasure))] : [undefined];
      for (const uom of uoms) {
        columns.push({
          header: `${ind.code}.${sideName}.${token}${uom !== undefined ? `(${uom})` : ''}`,
          value: (t) => {
            const v = t[side];
            if (v?.[field] === undefined || (field === 'total' && v.unitOfMeasure !== uom)) return undefined;
            return String(v[field]);
          },
        });
      }
    }
  }
  // 其中 quantities: one column per side, label and unit (`I05.考核目标.其中:流转面积(亩)`), as the CSV of §7.
  for (const [side, sideName] of SIDES) {
    const kinds = new Map<string, { label?: string; unitOfMeasure?: string }>();
    for (const t of targets)
      for (const q of t[side]?.also ?? [])
        kinds.set(JSON.stringify([q.label ?? '', q.unitOfMeasure ?? '']), {
          label: q.label,
          unitOfMeasure: q.unitOfMeasure,
        });
    for (const [key, q] of kinds) {
      columns.push({
        header: `${ind.code}.${sideName}.其中:${q.label ?? ''}${q.unitOfMeasure !== undefined ? `(${q.unitOfMeasure})` : ''}`,
        value: (t) => t[side]?.also?.find((a) => JSON.stringify([a.label ?? '', a.unitOfMeasure ?? '']) === key)?.total,
      });
    }
  }
  const header = ws.addRow(['unit', '单位', ...columns.map((c) => c.header)]);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  for (const t of targets) {
    const row = ws.addRow([
      t.unitCode,
      unitName.get(t.unitCode) ?? t.unitCode,
      ...columns.map((c) => c.value(t) ?? ''),
    ]);
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  }
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 18;
  columns.forEach((_, i) => (ws.getColumn(i + 3).width = 22));
}

function styleHeader(ws: ExcelJS.Worksheet): void {
  ws.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique. */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 28)}~${i}`;
  taken.add(name);
  return name;
}
