import ExcelJS from 'exceljs';
import { Cell, Table } from './bulletin-tables';
import { bulletinTables } from './bulletin-tables';
import { BulletinView } from './bulletin-view';
import { headerLines } from './bulletin-sections';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A figure as an Excel number; percent cells hold the fraction with a % format. */
function cellValue(cell: Cell): string | number | null {
  if (cell === null || typeof cell === 'string') return cell;
  return Number(cell.number);
}

/** Adds one table as a styled sheet: bold filled header, frozen, filter, widths, numbers as numbers. */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  table: Pick<Table, 'name' | 'columns' | 'rows'>,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns);
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(cellValue));
    // Plain figures keep the default (General) format; only percentages get a style of their own.
    row.forEach((cell, i) => {
      if (cell !== null && typeof cell !== 'string' && cell.as === 'percent') added.getCell(i + 1).numFmt = '0.00%';
    });
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN;
  });
  table.columns.forEach((title, i) => {
    const longest = Math.max(
      title.length,
      ...table.rows.slice(0, 200).map((r) => String(cellValue(r[i]) ?? '').length),
    );
    sheet.getColumn(i + 1).width = Math.min(50, Math.max(8, longest * 1.6 + 2));
  });
  if (table.rows.length)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return sheet;
}

/** The bulletin as a workbook: an overview sheet, then every table on its own sheet. */
export async function bulletinXlsx(b: BulletinView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '目标责任督查系统';
  workbook.title = b.title;
  const overview = workbook.addWorksheet('概况');
  overview.getColumn(1).width = 100;
  const title = overview.addRow([b.title]);
  title.font = { bold: true, size: 16 };
  for (const line of headerLines(b)) overview.addRow([line]);
  overview.addRow([]);
  overview.addRow([b.summary]).alignment = { wrapText: true };
  if (b.remarks) {
    overview.addRow(['下一步要求']).font = { bold: true };
    for (const line of b.remarks.split(/\r?\n/).filter((l) => l.trim()))
      overview.addRow([line]).alignment = { wrapText: true };
  }
  if (b.contentHash) overview.addRow([`内容校验 SHA-256：${b.contentHash}`]);
  for (const table of bulletinTables(b)) addTableSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
