import ExcelJS from 'exceljs';
import { FieldError } from '../shared/problems/domain-error';
import { cellText } from './workbook-guard';
import { COLUMNS, META_SHEET, PROGRESS_SHEET } from './progress-template';

/** One filled-in row of a progress workbook, as read (before any rule). */
export interface ProgressRow {
  sheet: string;
  row: number;
  targetId?: string;
  indicatorCode?: string;
  period?: string;
  value?: string;
  growthPct?: string;
  narrative?: string;
  problems?: string;
  nextSteps?: string;
  /** What the row itself gets wrong (missing id, a figure that is not a number, …). */
  errors: FieldError[];
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Reads the progress sheet by its header texts (so a workbook re-saved by WPS or LibreOffice, whose
 * column order or styles may change, still reads); rows with nothing filled in are left out.
 */
export function readProgressRows(workbook: ExcelJS.Workbook): { rows: ProgressRow[]; errors: FieldError[] } {
  const sheet = workbook.getWorksheet(PROGRESS_SHEET) ?? workbook.worksheets.find((s) => s.name !== META_SHEET);
  if (!sheet)
    return {
      rows: [],
      errors: [{ field: 'file', message: `找不到工作表「${PROGRESS_SHEET}」/ No sheet '${PROGRESS_SHEET}'` }],
    };
  const header = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    if (text) header.set(text, col);
  });
  const missing = (['targetId', 'period', 'value'] as const).filter((k) => !header.has(COLUMNS[k]));
  if (missing.length) {
    return {
      rows: [],
      errors: missing.map((k) => ({
        field: 'file',
        message: `工作表缺少列「${COLUMNS[k]}」/ The sheet lacks the column '${COLUMNS[k]}'`,
      })),
    };
  }
  const metaPeriod = metaValue(workbook, 'period');
  const rows: ProgressRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const read = (key: keyof typeof COLUMNS) =>
      header.has(COLUMNS[key]) ? cellText(row.getCell(header.get(COLUMNS[key])!).value) : undefined;
    const filled = {
      value: read('value'),
      growthPct: read('growthPct'),
      narrative: read('narrative'),
      problems: read('problems'),
      nextSteps: read('nextSteps'),
    };
    const targetId = read('targetId');
    // A template row left as it came (nothing filled in) is not a report.
    if (Object.values(filled).every((v) => v === undefined)) continue;
    const period = read('period') ?? metaPeriod;
    const errors: FieldError[] = [];
    if (!targetId)
      errors.push({ field: 'targetId', message: `「${COLUMNS.targetId}」为空 / '${COLUMNS.targetId}' is empty` });
    if (!period || !PERIOD.test(period))
      errors.push({
        field: 'period',
        message: `「${COLUMNS.period}」应为 YYYY-MM / '${COLUMNS.period}' must be YYYY-MM`,
      });
    for (const key of ['value', 'growthPct'] as const) {
      if (filled[key] !== undefined && !DECIMAL.test(filled[key]!)) {
        errors.push({
          field: key,
          message: `「${COLUMNS[key]}」应为数字：${filled[key]} / '${COLUMNS[key]}' must be a number`,
        });
      }
    }
    for (const key of ['narrative', 'problems', 'nextSteps'] as const) {
      if ((filled[key]?.length ?? 0) > 5000)
        errors.push({
          field: key,
          message: `「${COLUMNS[key]}」超过 5000 字 / '${COLUMNS[key]}' is longer than 5000 characters`,
        });
    }
    rows.push({
      sheet: sheet.name,
      row: r,
      ...(targetId ? { targetId } : {}),
      ...(read('indicatorCode') ? { indicatorCode: read('indicatorCode') } : {}),
      ...(period ? { period } : {}),
      ...Object.fromEntries(Object.entries(filled).filter(([, v]) => v !== undefined)),
      errors,
    });
  }
  return { rows, errors: [] };
}

function metaValue(workbook: ExcelJS.Workbook, key: string): string | undefined {
  const meta = workbook.getWorksheet(META_SHEET);
  if (!meta) return undefined;
  for (let r = 1; r <= meta.rowCount; r++) {
    if (cellText(meta.getRow(r).getCell(1).value) === key) return cellText(meta.getRow(r).getCell(2).value);
  }
  return undefined;
}
