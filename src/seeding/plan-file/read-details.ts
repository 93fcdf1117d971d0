/** details/*.csv 附表: rows that are not targets (the 指标16 project list), with a unit column and free columns. */
import { readCsvDocument } from './csv';
import { PlanReader } from './plan-reader';
import { NAME_COLUMNS, TABLE_DIRECTIVES, UNIT_COLUMNS } from './read-table';
import { DetailTable } from './types';

const q = (s: string) => `'${s}'`;

export function readDetails(r: PlanReader, file: string): void {
  const text = r.input.files[file];
  if (text === undefined) return;
  const doc = readCsvDocument(text, TABLE_DIRECTIVES);
  for (const err of doc.errors) r.issues.error(file, { line: err.line }, 'CSV 格式错误', err.message);
  if (!doc.header) {
    r.issues.error(file, { line: 1 }, '缺少标题行', 'Missing header row');
    return;
  }
  const header = doc.header.cells.map((c) => c.trim());
  const unitCol = header.findIndex((h) => UNIT_COLUMNS.includes(h));
  const nameCol = header.findIndex((h) => NAME_COLUMNS.includes(h));
  if (unitCol < 0) {
    r.issues.error(
      file,
      { line: doc.header.line, field: 'unit' },
      '缺少 unit 列（单位代码）',
      "Missing column 'unit' (unit code)",
    );
    return;
  }
  const dir = (key: string) => doc.directives.find((d) => d.key === key)?.value;
  const table: DetailTable = {
    file,
    table: dir('table') ?? file,
    notes: doc.directives.filter((d) => d.key === 'note').map((d) => d.value),
    header,
    rows: [],
  };
  const title = dir('title');
  const source = dir('source');
  if (title !== undefined) table.title = title;
  if (source !== undefined) table.source = source;
  for (const rec of doc.rows) {
    if (rec.cells.length !== header.length) {
      r.issues.error(
        file,
        { line: rec.line },
        `本行有 ${rec.cells.length} 格，标题行有 ${header.length} 格`,
        `Row has ${rec.cells.length} cells, the header has ${header.length}`,
      );
      continue;
    }
    const unitCode = rec.cells[unitCol].trim();
    const unit = r.units.get(unitCode);
    if (!unit) {
      r.issues.error(
        file,
        { line: rec.line, field: 'unit' },
        `未知单位代码 ${q(unitCode)}`,
        `Unknown unit code ${q(unitCode)}`,
      );
      continue;
    }
    const printed = nameCol < 0 ? '' : rec.cells[nameCol].trim();
    if (printed !== '' && !r.nameMatches(unit, printed)) {
      r.issues.error(
        file,
        { line: rec.line, field: header[nameCol] },
        `单位名称 ${q(printed)} 与代码 ${q(unitCode)} 不符`,
        `Printed name ${q(printed)} does not match unit ${q(unitCode)}`,
      );
    }
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = rec.cells[i].trim()));
    table.rows.push({ line: rec.line, unitCode, cells });
  }
  r.details.push(table);
}
