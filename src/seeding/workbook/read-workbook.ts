/**
 * Reading a plan workbook: each sheet becomes the plan-directory file it stands for (row n = line n),
 * then the plan files' own validation (validatePlanFile) runs, and its issues are located back at
 * sheet, row and column.
 */
import type ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { cellText, openWorkbook } from '../../imports/workbook-guard';
import { PlanDirectoryFiles, PlanFile, PlanFileIssue } from '../plan-file';
import { validatePlanFile } from '../plan-file/validate';
import {
  headerOf,
  keyOfHeader,
  MORE_KEY,
  PLAN_FIELDS,
  PLAN_FILE,
  PLAN_SHEET,
  splitList,
  TABLE_DIRECTIVE,
  tableFile,
  YAML_SHEETS,
  YamlSheet,
} from './workbook-layout';

/** An issue of a plan workbook: the plan files' message, at a sheet, row and column. */
export interface WorkbookIssue extends PlanFileIssue {
  /** the workbook's file name */
  file: string;
  sheet: string;
  /** 1-based row of the sheet */
  row?: number;
  /** column letter, e.g. Q */
  column?: string;
}

export type PlanWorkbookResult =
  | { ok: true; plan: PlanFile; warnings: WorkbookIssue[] }
  | { ok: false; errors: WorkbookIssue[]; warnings: WorkbookIssue[] };

/** Where the lines of one generated file come from. */
interface SheetMap {
  sheet: string;
  kind: 'plan' | 'yaml' | 'csv';
  /** header key (YAML sheets) or header text (tables) → column letter */
  columns: Map<string, string>;
}

/** `plan.xlsx › 指标 indicators!Q12 (assessment.total): …` */
export function formatWorkbookIssue(issue: WorkbookIssue): string {
  const cell = `${issue.column ?? ''}${issue.row ?? ''}`;
  const field = issue.field ? ` (${issue.field})` : '';
  const level = issue.severity === 'warning' ? ' [warning]' : '';
  return `${issue.file} › ${issue.sheet}${cell ? `!${cell}` : ''}${field}${level}: ${issue.message}`;
}

/**
 * Validates a plan workbook with the plan files' rules. `name` is how messages name the file; `dir` is the
 * plan's directory for document references (the workbook's path). A file that is not a plain .xlsx
 * (damaged, password-protected, with macros, > 10 MB) is refused by the workbook guard (DomainError).
 */
export async function validatePlanWorkbook(bytes: Buffer, name: string, dir = name): Promise<PlanWorkbookResult> {
  const workbook = await openWorkbook(bytes);
  const { files, maps, issues } = workbookFiles(workbook, name);
  const result = validatePlanFile({ dir, files });
  const locate = (issue: PlanFileIssue) => locateIssue(issue, maps, name);
  const warnings = result.warnings.map(locate);
  const errors = [...issues, ...(result.ok ? [] : result.errors.map(locate))];
  if (!result.ok || errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, plan: result.plan, warnings };
}

/** The plan-directory files a workbook stands for. Exported for tests. */
export function workbookFiles(
  workbook: ExcelJS.Workbook,
  name: string,
): { files: PlanDirectoryFiles['files']; maps: Map<string, SheetMap>; issues: WorkbookIssue[] } {
  const files: Record<string, string> = {};
  const maps = new Map<string, SheetMap>();
  const issues: WorkbookIssue[] = [];
  const known = new Set([PLAN_SHEET, ...YAML_SHEETS.map((s) => s.sheet)]);
  const byName = (sheet: string) => workbook.worksheets.find((w) => sameSheet(w.name, sheet));
  const plan = byName(PLAN_SHEET);
  if (plan) {
    files[PLAN_FILE] = planSheetYaml(plan);
    maps.set(PLAN_FILE, { sheet: plan.name, kind: 'plan', columns: new Map([['*', 'B']]) });
  }
  for (const layout of YAML_SHEETS) {
    const ws = byName(layout.sheet);
    if (!ws) continue;
    const read = yamlSheet(ws, layout, name, issues);
    files[layout.file] = read.text;
    maps.set(layout.file, { sheet: ws.name, kind: 'yaml', columns: read.columns });
  }
  for (const ws of workbook.worksheets) {
    if ([...known].some((k) => sameSheet(ws.name, k))) continue;
    const first = text(ws.getRow(1).getCell(1).value);
    if (!TABLE_DIRECTIVE.test(first)) continue; // a sheet of the clerk's own (notes, the printed original) is not read
    const read = tableSheet(ws);
    files[tableFile(ws.name)] = read.text;
    maps.set(tableFile(ws.name), { sheet: ws.name, kind: 'csv', columns: read.columns });
  }
  return { files, maps, issues };
}

/** Sheet names match by their first word too: 指标, indicators or 指标 indicators. */
function sameSheet(actual: string, layout: string): boolean {
  const a = actual.trim();
  return a === layout || layout.split(' ').includes(a);
}

/** A cell as text: dates as YYYY-MM-DD (a spreadsheet program may turn a typed date into one). */
function text(value: ExcelJS.CellValue): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cellText(value) ?? '';
}

function letter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 字段 field | 值 value rows → `key: value` lines. */
function planSheetYaml(ws: ExcelJS.Worksheet): string {
  const lines: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const key = keyOfHeader(text(row.getCell(1).value));
    const value = text(row.getCell(2).value);
    const field = PLAN_FIELDS.find((f) => f.key === key);
    if (r === 1 || key === '' || value === '') {
      lines.push('#');
      continue;
    }
    // A YAML cell (rankingGroups) is written as read; a mistake in it is a YAML error at this row.
    lines.push(
      `${JSON.stringify(key)}: ${field?.yaml ? value.replace(/\r?\n/g, ' ') : JSON.stringify(field?.list ? splitList(value) : value)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One entry per row, as a one-line flow mapping (JSON is YAML), so row n is line n. */
function yamlSheet(
  ws: ExcelJS.Worksheet,
  layout: YamlSheet,
  name: string,
  issues: WorkbookIssue[],
): { text: string; columns: Map<string, string> } {
  const header = ws.getRow(1);
  const columns = new Map<string, string>();
  const keys: Array<{ index: number; key: string; list: boolean }> = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const h = text(header.getCell(c).value);
    if (h === '') continue;
    const key = keyOfHeader(h);
    const known = layout.columns.find((col) => col.key === key || headerOf(col) === h);
    const k = known?.key ?? key;
    columns.set(k, letter(c));
    keys.push({ index: c, key: k, list: known?.list ?? false });
  }
  const lines = ['# header'];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const entry: Record<string, unknown> = {};
    for (const { index, key, list } of keys) {
      const value = text(row.getCell(index).value);
      if (value === '') continue;
      if (key === MORE_KEY) {
        const more = parseMore(value);
        if (more === undefined) {
          issues.push({
            severity: 'error',
            file: name,
            sheet: ws.name,
            row: r,
            column: letter(index),
            line: r,
            field: MORE_KEY,
            message: `其他字段应为 YAML 映射，如 { note: … } The '${MORE_KEY}' cell must be a YAML mapping such as { note: … }`,
          });
          continue;
        }
        mergeInto(entry, more);
        continue;
      }
      setPath(entry, key.split('.'), list ? splitList(value) : value);
    }
    lines.push(Object.keys(entry).length === 0 ? '#' : `- ${JSON.stringify(entry)}`);
  }
  // An empty sheet is an empty list, not a missing file.
  if (!lines.some((l) => l.startsWith('- '))) lines.push('[]');
  return { text: `${lines.join('\n')}\n`, columns };
}

/** The 'more' cell adds to what the columns say: `{ assessment: { also: … } }` keeps assessment.total. */
function mergeInto(target: Record<string, unknown>, more: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(more)) {
    const here = target[k];
    if (isPlainObject(here) && isPlainObject(v)) mergeInto(here, v);
    else target[k] = v;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseMore(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = parse(value.startsWith('{') ? value : `{ ${value} }`, { schema: 'failsafe' });
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const p of path.slice(0, -1)) {
    const next = node[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** A decomposition table: directive rows (`# …` in column A) verbatim, every other row as a CSV record. */
function tableSheet(ws: ExcelJS.Worksheet): { text: string; columns: Map<string, string> } {
  const lines: string[] = [];
  const columns = new Map<string, string>();
  let width = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const first = text(row.getCell(1).value);
    if (first.startsWith('#')) {
      lines.push(first.replace(/\r?\n/g, ' '));
      continue;
    }
    const cells: string[] = [];
    const count = width || ws.columnCount;
    for (let c = 1; c <= count; c++) cells.push(text(row.getCell(c).value));
    if (width === 0) {
      if (cells.every((c) => c === '')) {
        lines.push('');
        continue;
      }
      // The header row: its last filled cell sets the table's width.
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      width = cells.length;
      cells.forEach((h, i) => columns.set(h, letter(i + 1)));
    }
    lines.push(cells.every((c) => c === '') ? '' : cells.map(csvCell).join(','));
  }
  return { text: `${lines.join('\n')}\n`, columns };
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function locateIssue(issue: PlanFileIssue, maps: Map<string, SheetMap>, name: string): WorkbookIssue {
  const map = maps.get(issue.file);
  const { path: _path, ...rest } = issue;
  if (!map) {
    // A file the workbook has no sheet for (e.g. a missing required sheet): name the sheet to add.
    const sheet =
      issue.file === PLAN_FILE ? PLAN_SHEET : (YAML_SHEETS.find((s) => s.file === issue.file)?.sheet ?? issue.file);
    return { ...rest, file: name, sheet };
  }
  const out: WorkbookIssue = { ...rest, file: name, sheet: map.sheet };
  if (issue.line !== undefined) out.row = issue.line;
  const column = columnOf(issue, map);
  if (column !== undefined) out.column = column;
  return out;
}

function columnOf(issue: PlanFileIssue, map: SheetMap): string | undefined {
  if (map.kind === 'plan') return issue.line !== undefined ? 'B' : undefined;
  if (map.kind === 'csv') return issue.field !== undefined ? map.columns.get(issue.field) : undefined;
  const path = (issue.path ?? '').replace(/^\[\d+\]\.?/, '').replace(/\[\d+\]/g, '');
  const keys = [...map.columns.keys()];
  if (path !== '') {
    const hit =
      keys.find((k) => k === path) ??
      keys.find((k) => path.startsWith(`${k}.`)) ??
      keys.find((k) => k.startsWith(`${path}.`));
    if (hit) return map.columns.get(hit);
    const more = map.columns.get(MORE_KEY);
    if (more) return more;
  }
  if (issue.field !== undefined) {
    const hit = keys.find((k) => k === issue.field) ?? keys.find((k) => k.endsWith(`.${issue.field}`));
    if (hit) return map.columns.get(hit);
  }
  return undefined;
}
