import ExcelJS from 'exceljs';
import { governingTarget } from '../targets/domain/target-value';
import { TargetDocument } from '../targets/read-model/target-document';
import { addTableSheet } from '../bulletins/export/bulletin-xlsx';

export const PROGRESS_SHEET = '进度报送';
export const META_SHEET = '_meta';
export const TEMPLATE_VERSION = 'progress-template/1';

/** Columns of the progress template; the first seven are locked, the rest are filled in. */
export const COLUMNS = {
  targetId: '目标编号',
  indicatorCode: '指标编码',
  indicatorName: '指标名称',
  unitOfMeasure: '计量单位',
  target: '考核目标',
  previous: '上月累计完成值',
  period: '报送期',
  value: '累计完成值',
  growthPct: '增幅（%）',
  narrative: '进展情况',
  problems: '存在问题',
  nextSteps: '下步打算',
} as const;
const LOCKED = 7;

/**
 * A unit's template for a period: one row per target (indicator, target, unit of measure, last
 * month's value), columns to fill with data validation, the rest locked by sheet protection.
 */
export async function progressTemplate(
  plan: { code: string; title: string },
  unit: { code: string; name: string },
  period: string,
  previousPeriod: string | null,
  targets: TargetDocument[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '目标责任督查系统';
  workbook.title = `${unit.name} ${period} 进度报送`;
  const rows = targets
    .filter((t) => t.lifecycle === 'active')
    .sort((a, b) => a.indicator.code.localeCompare(b.indicator.code))
    .map((t) => {
      const previous = previousPeriod ? t.periods[previousPeriod]?.report.value : undefined;
      const current = t.periods[period]?.report;
      const governing = governingTarget(t);
      const target = [
        governing.total,
        governing.growthPct !== undefined ? `增幅${governing.growthPct}%` : undefined,
        governing.text,
      ]
        .filter(Boolean)
        .join('，');
      return [
        t.id,
        t.indicator.code,
        t.indicator.name,
        governing.unitOfMeasure ?? t.indicator.unitOfMeasure,
        target,
        previous !== undefined ? { number: previous, as: 'plain' as const } : null,
        period,
        current?.value !== undefined ? { number: current.value, as: 'plain' as const } : null,
        current?.growthPct !== undefined ? { number: current.growthPct, as: 'plain' as const } : null,
        current?.narrative ?? null,
        current?.problems ?? null,
        current?.nextSteps ?? null,
      ];
    });
  const sheet = addTableSheet(workbook, { name: PROGRESS_SHEET, columns: Object.values(COLUMNS), rows });
  sheet.autoFilter = undefined;
  for (let r = 2; r <= rows.length + 1; r++) {
    const row = sheet.getRow(r);
    for (let c = LOCKED + 1; c <= Object.keys(COLUMNS).length; c++) row.getCell(c).protection = { locked: false };
    for (const c of [8, 9]) {
      row.getCell(c).dataValidation = {
        type: 'decimal',
        operator: 'between',
        formulae: [-1e15, 1e15],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: '数字 / Number',
        error: '请填写数字 / Enter a number',
      };
    }
    for (const c of [10, 11, 12]) {
      row.getCell(c).dataValidation = {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [5000],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: '过长 / Too long',
        error: '不超过 5000 字 / At most 5000 characters',
      };
      row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  for (const c of [10, 11, 12]) sheet.getColumn(c).width = 40;
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });

  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['template', TEMPLATE_VERSION],
    ['planCode', plan.code],
    ['unitCode', unit.code],
    ['period', period],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
