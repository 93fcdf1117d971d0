import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { planImport, PlanImport } from '../import/plan-import';
import { loadPlanDirectory } from '../plan-file';
import { planExportOfImport } from './export-from-file';
import { validatePlanWorkbook } from './read-workbook';
import { INDICATORS_SHEET, PLAN_SHEET, UNITS_SHEET } from './workbook-layout';
import { writePlanWorkbook } from './write-workbook';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(__dirname, '../plan-file/fixtures/binjiang-2022');

/** What the import's commands would write, keyed by entity: the round trip must give the same. */
function written(batch: PlanImport): Record<string, unknown> {
  return Object.fromEntries(
    [...batch.units, batch.plan, ...batch.indicators, ...batch.targets].map((s) => [`${s.kind}:${s.key}`, s.payload]),
  );
}

async function roundTrip(dir: string): Promise<{ before: PlanImport; after: PlanImport; bytes: Buffer }> {
  const before = planImport(await loadPlanDirectory(dir), { baseDir: ROOT });
  const bytes = await writePlanWorkbook(planExportOfImport(before));
  const result = await validatePlanWorkbook(bytes, 'plan.xlsx');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.sheet}!${e.column}${e.row} ${e.message}`).join('\n'));
  return { before, after: planImport(result.plan, { baseDir: ROOT }), bytes };
}

async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('plan workbook', () => {
  let jiading: Awaited<ReturnType<typeof roundTrip>>;
  beforeAll(async () => {
    jiading = await roundTrip(path.join(ROOT, 'seeds/jiading-2021'));
  });

  it('round trip of the Jiading 2021 plan: the same units, plan, indicators and targets, command for command', () => {
    expect(jiading.after.targets.length).toBe(jiading.before.targets.length);
    expect(written(jiading.after)).toEqual(written(jiading.before));
    // Same commands, same ids: importing the workbook over the imported directory appends nothing.
    expect(jiading.after.targets.map((t) => t.commandId).sort()).toEqual(
      jiading.before.targets.map((t) => t.commandId).sort(),
    );
  });

  it('round trip of the second district: declared units, groups, split shares, work targets only', async () => {
    const { before, after } = await roundTrip(FIXTURE);
    expect(written(after)).toEqual(written(before));
    expect(after.plan.payload.unitsOfMeasure?.map((u) => u.symbol)).toEqual(
      expect.arrayContaining(['幢（个）', '千亩']),
    );
    const workOnly = after.targets.find((t) => t.payload.indicatorCode === 'I04' && t.payload.unitCode === 'dongzhen')!;
    expect(workOnly.payload.assessment).toBeUndefined();
    expect(workOnly.payload.work).toEqual({ total: '1800', unitOfMeasure: '亩' });
  });

  it('lays the sheets out as the format: plan, units, units of measure, indicators, one per decomposition table', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(jiading.bytes as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 4)).toEqual([PLAN_SHEET, UNITS_SHEET, '计量单位 units of measure', INDICATORS_SHEET]);
    const table = wb.getWorksheet('分解表 I02')!;
    expect(table.getCell('A1').value).toBe('# table: 分解表 I02');
    expect(table.getCell('A3').value).toBe('# indicator: I02 税收总收入');
    expect(table.getRow(4).values).toEqual(expect.arrayContaining(['unit', '单位']));
    expect(table.getCell('A5').value).toBe('anting');
    expect(table.getCell('B5').value).toBe('安亭镇');
  });

  it('refuses a bad workbook naming sheet, row and column, as the plan files do', async () => {
    const bad = await edit(jiading.bytes, (wb) => {
      const ind = wb.getWorksheet(INDICATORS_SHEET)!;
      const header = ind.getRow(1).values as string[];
      const kindColumn = header.findIndex((h) => typeof h === 'string' && h.endsWith(' kind'));
      ind.getRow(3).getCell(kindColumn).value = 'sometimes';
      wb.getWorksheet('分解表 I02')!.getCell('A6').value = 'nowhere';
    });
    const result = await validatePlanWorkbook(bad, 'bad.xlsx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const kind = result.errors.find((e) => e.sheet === INDICATORS_SHEET && e.row === 3);
    expect(kind).toMatchObject({ file: 'bad.xlsx', field: 'kind' });
    expect(kind?.column).toMatch(/^[A-Z]+$/);
    expect(result.errors).toContainEqual(
      expect.objectContaining({ sheet: '分解表 I02', row: 6, column: 'A', field: 'unit' }),
    );
    expect(result.errors.find((e) => e.sheet === '分解表 I02' && e.field === 'unit')?.message).toContain('nowhere');
  });

  it('reads a plan sheet with lists one per line, and a missing sheet is named', async () => {
    const noUnits = await edit(jiading.bytes, (wb) => wb.removeWorksheet(wb.getWorksheet(UNITS_SHEET)!.id));
    const result = await validatePlanWorkbook(noUnits, 'x.xlsx');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({ sheet: UNITS_SHEET, message: expect.stringContaining('缺少文件') });
  });

  it('refuses what is not a plain workbook', async () => {
    await expect(validatePlanWorkbook(Buffer.from('not a workbook'), 'x.xlsx')).rejects.toMatchObject({
      code: 'not-a-workbook',
    });
  });
});
