/**
 * targets/*.csv 分解表: one file per printed decomposition table, one row per unit, one column per printed
 * figure column (`<indicator>.<考核目标|工作目标>.<总量|增幅%|文字|期限|排名>[(unit)]`).
 */
import { readCsvDocument } from './csv';
import { PlanReader } from './plan-reader';
import { checkUnitCompatible } from './read-value';
import {
  DecompositionTable,
  IndicatorDef,
  SecondQuantity,
  TableColumn,
  TableRow,
  TargetSide,
  TargetValue,
  UnitTarget,
} from './types';
import { checkValueForKind, isPlainDecimal, isPositiveInteger, isValidDate, normalizeName } from './values';

const q = (s: string) => `'${s}'`;
export const SUBTOTAL_MARKER = '@subtotal';
const DASHES = new Set(['—', '——']);
const DITTO = '同上';

const SIDE_TOKENS: Record<string, TargetSide> = {
  考核目标: 'assessment',
  assessment: 'assessment',
  工作目标: 'work',
  work: 'work',
};
const FIELD_TOKENS: Record<string, TableColumn['field']> = {
  总量: 'total',
  total: 'total',
  '增幅%': 'growthPct',
  growthPct: 'growthPct',
  文字: 'text',
  text: 'text',
  期限: 'deadline',
  deadline: 'deadline',
  排名: 'rank',
  rank: 'rank',
  其中: 'also',
  also: 'also',
};
export const UNIT_COLUMNS = ['unit', '单位代码'];
export const NAME_COLUMNS = ['单位', 'name'];
const LINE_COLUMNS = ['行号', 'line'];
const NOTE_COLUMNS = ['备注', 'note'];
export const TABLE_DIRECTIVES = ['table', 'title', 'source', 'indicator', 'district', 'note'] as const;

export function readTable(r: PlanReader, file: string): void {
  const text = r.input.files[file];
  if (text === undefined) return;
  const doc = readCsvDocument(text, TABLE_DIRECTIVES);
  for (const err of doc.errors) r.issues.error(file, { line: err.line }, 'CSV 格式错误', err.message);
  const directive = (key: string) => doc.directives.filter((d) => d.key === key);
  const tableId = directive('table')[0]?.value;
  if (tableId === undefined || tableId === '') {
    r.issues.error(
      file,
      { line: 1, field: 'table' },
      '缺少表头行 “# table: 指标N”',
      'Missing directive line "# table: <id>"',
    );
  }
  if (!doc.header) {
    r.issues.error(file, { line: 1 }, '缺少标题行', 'Missing header row');
    return;
  }
  // declared indicators
  const declared = new Map<string, number>();
  for (const d of directive('indicator')) {
    const m = /^(\S+)\s*(.*)$/.exec(d.value);
    if (!m) continue;
    const [, code, name] = m;
    declared.set(code, d.line);
    const ind = r.indicators.get(code);
    if (!ind) {
      r.issues.error(
        file,
        { line: d.line, field: 'indicator' },
        `未知指标代码 ${q(code)}`,
        `Unknown indicator code ${q(code)}`,
      );
    } else if (name !== '' && normalizeName(name) !== normalizeName(ind.name)) {
      r.issues.error(
        file,
        { line: d.line, field: 'indicator' },
        `指标名称不符：${q(name)} 与 indicators.yaml 的 ${q(ind.name)}`,
        `Indicator name ${q(name)} differs from ${q(ind.name)} in indicators.yaml`,
      );
    }
  }
  // header
  const header = doc.header.cells.map((c) => c.trim());
  const hline = doc.header.line;
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  const unitCol = find(UNIT_COLUMNS);
  const nameCol = find(NAME_COLUMNS);
  const lineCol = find(LINE_COLUMNS);
  const noteCol = find(NOTE_COLUMNS);
  if (unitCol < 0)
    r.issues.error(
      file,
      { line: hline, field: 'unit' },
      '缺少 unit 列（单位代码）',
      "Missing column 'unit' (unit code)",
    );
  const columns: (TableColumn | undefined)[] = header.map(() => undefined);
  const seenHeaders = new Set<string>();
  header.forEach((h, idx) => {
    if (seenHeaders.has(h))
      r.issues.error(file, { line: hline, field: h }, `列名重复 ${q(h)}`, `Duplicate column ${q(h)}`);
    seenHeaders.add(h);
    if ([unitCol, nameCol, lineCol, noteCol].includes(idx)) return;
    const col = parseColumn(r, file, hline, h, declared);
    if (col) columns[idx] = col;
  });
  const valueCols = columns.filter((c): c is TableColumn => c !== undefined);
  for (const [code, line] of declared) {
    if (!valueCols.some((c) => c.indicatorCode === code)) {
      r.issues.warn(
        file,
        { line, field: 'indicator' },
        `声明的指标 ${code} 没有对应的列`,
        `Declared indicator ${code} has no column`,
      );
    }
  }
  const table: DecompositionTable = {
    file,
    table: tableId ?? file,
    notes: directive('note').map((d) => d.value),
    indicatorCodes: [...new Set(valueCols.map((c) => c.indicatorCode))],
    districtRowIsTarget: false,
    columns: valueCols,
    rows: [],
  };
  const districtDirective = directive('district')[0];
  if (districtDirective !== undefined) {
    if (districtDirective.value === 'target' || districtDirective.value === '目标') table.districtRowIsTarget = true;
    else
      r.issues.error(
        file,
        { line: districtDirective.line, field: 'district' },
        `“# district:” 只能写 target（全区行即区级目标）`,
        `"# district:" takes only 'target' (the 全区 row is the district target); got ${q(districtDirective.value)}`,
      );
  }
  const title = directive('title')[0]?.value;
  const source = directive('source')[0]?.value;
  if (title !== undefined) table.title = title;
  if (source !== undefined) table.source = source;
  if (unitCol < 0) return;

  const seenUnits = new Map<string, number>();
  const previous: (string | undefined)[] = header.map(() => undefined);
  for (const rec of doc.rows) {
    const at = (field?: string) => (field === undefined ? { line: rec.line } : { line: rec.line, field });
    if (rec.cells.length !== header.length) {
      r.issues.error(
        file,
        at(),
        `本行有 ${rec.cells.length} 格，标题行有 ${header.length} 格`,
        `Row has ${rec.cells.length} cells, the header has ${header.length}`,
      );
      continue;
    }
    const cell = (i: number) => (i < 0 ? '' : rec.cells[i].trim());
    const unitCode = cell(unitCol);
    const printedName = cell(nameCol);
    let kind: TableRow['kind'] = 'unit';
    if (unitCode === '') {
      r.issues.error(file, at('unit'), '缺少单位代码', 'Missing unit code');
      continue;
    }
    if (unitCode === SUBTOTAL_MARKER) {
      kind = 'subtotal';
    } else {
      const unit = r.units.get(unitCode);
      if (!unit) {
        r.issues.error(file, at('unit'), `未知单位代码 ${q(unitCode)}`, `Unknown unit code ${q(unitCode)}`);
        continue;
      }
      if (unit.kind === 'district') kind = 'district';
      if (printedName !== '' && !r.nameMatches(unit, printedName)) {
        r.issues.error(
          file,
          at(header[nameCol]),
          `单位名称 ${q(printedName)} 与代码 ${q(unitCode)}（${unit.name}）不符`,
          `Printed name ${q(printedName)} does not match unit ${q(unitCode)} (${unit.name}) or its aliases`,
        );
      }
      const first = seenUnits.get(unitCode);
      if (first !== undefined) {
        r.issues.error(
          file,
          at('unit'),
          `单位 ${q(unitCode)} 在本表重复（首次见第 ${first} 行）`,
          `Duplicate row for unit ${q(unitCode)} (first at line ${first})`,
        );
        continue;
      }
      seenUnits.set(unitCode, rec.line);
    }
    const row: TableRow = { line: rec.line, kind, unitCode, values: [] };
    if (printedName !== '') row.printedName = printedName;
    const srcLine = cell(lineCol);
    if (srcLine !== '') {
      if (!isPositiveInteger(srcLine))
        r.issues.error(
          file,
          at(header[lineCol]),
          `行号 ${q(srcLine)} 应为正整数`,
          `Source line ${q(srcLine)} must be a positive integer`,
        );
      else row.sourceLine = Number(srcLine);
    }
    const note = cell(noteCol);
    if (note !== '') row.note = note;

    const values = new Map<string, { assessment?: TargetValue; work?: TargetValue }>();
    columns.forEach((col, idx) => {
      if (!col) return;
      let raw = cell(idx);
      let flagged = false;
      if (raw.startsWith('?') || raw.startsWith('？')) {
        flagged = true;
        raw = raw.slice(1).trim();
      }
      if (raw === DITTO) {
        const prev = previous[idx];
        if (prev === undefined || prev === '' || DASHES.has(prev)) {
          r.issues.error(
            file,
            at(col.header),
            '“同上”没有可沿用的上一行值',
            '"同上" (ditto) has no value in the row above to repeat',
          );
          return;
        }
        raw = prev;
      }
      previous[idx] = raw;
      const key = col.forUnit === undefined ? col.indicatorCode : `${col.indicatorCode}@${col.forUnit}`;
      const entry = values.get(key) ?? {};
      values.set(key, entry);
      const value = entry[col.side] ?? {};
      if (raw === '' || DASHES.has(raw)) {
        if (flagged && raw === '') {
          value.unreadable = [...(value.unreadable ?? []), col.field];
          entry[col.side] = value;
        }
        return;
      }
      if (!parseCell(r, file, rec.line, col, raw, value)) return;
      if (flagged) value.ambiguous = [...(value.ambiguous ?? []), col.field];
      if (col.field === 'total' && col.unitOfMeasure !== undefined) value.unitOfMeasure = col.unitOfMeasure;
      entry[col.side] = value;
    });

    for (const [key, entry] of values) {
      const [code, forUnit] = key.split('@');
      const ind = r.indicators.get(code);
      if (!ind || (entry.assessment === undefined && entry.work === undefined)) continue;
      if (forUnit !== undefined) {
        departmentColumnTarget(r, {
          file,
          line: rec.line,
          table,
          kind,
          ind,
          forUnit,
          entry,
          sourceLine: row.sourceLine,
          at,
        });
        continue;
      }
      const v: TableRow['values'][number] = { indicatorCode: code };
      for (const side of ['assessment', 'work'] as const) {
        const value = entry[side];
        if (value === undefined) continue;
        if (row.note !== undefined && (value.ambiguous || value.unreadable)) value.note = row.note;
        const colName = valueCols.find(
          (c) => c.indicatorCode === code && c.side === side && c.forUnit === undefined,
        )?.header;
        const asTarget = kind === 'unit' || (kind === 'district' && table.districtRowIsTarget);
        for (const p of checkValueForKind(value, ind.kind, asTarget)) {
          r.issues.error(
            file,
            at(colName),
            `${p.zh}（指标 ${code}，${side === 'assessment' ? '考核目标' : '工作目标'}）`,
            `${p.en} (indicator ${code}, ${side})`,
          );
        }
        v[side] = value;
        if (kind === 'district' && table.districtRowIsTarget) {
          // The main table prints no district figure: the table's 全区 row is the district target.
          if (ind[side] !== undefined) {
            r.issues.error(
              file,
              at(colName),
              `指标 ${code} 的区级${side === 'assessment' ? '考核目标' : '工作目标'}已在 indicators.yaml 中给出；“# district: target”的表不能再给一次`,
              `Indicator ${code} already has a district ${side} target in indicators.yaml; a "# district: target" table cannot give it again`,
            );
          } else {
            ind[side] = { ...value };
            ind.districtFrom = { ...(ind.districtFrom ?? {}), [side]: `${file}:${rec.line}` };
          }
        }
      }
      row.values.push(v);
      if (kind === 'unit') {
        const target: UnitTarget = {
          indicatorCode: code,
          unitCode,
          origin: { file, line: rec.line, table: table.table },
        };
        if (row.sourceLine !== undefined) target.origin.sourceLine = row.sourceLine;
        if (v.assessment) target.assessment = v.assessment;
        if (v.work) target.work = v.work;
        if (row.note !== undefined) target.note = row.note;
        r.addTarget(target, (zh, en) => r.issues.error(file, at('unit'), zh, en));
      }
    }
    table.rows.push(row);
  }
  r.tables.push(table);
}

/**
 * A table printed with one column per department (`I06.考核目标.总量@economy`): on the 全区 row, each such
 * cell is the target of that department.
 */
function departmentColumnTarget(
  r: PlanReader,
  c: {
    file: string;
    line: number;
    table: DecompositionTable;
    kind: TableRow['kind'];
    ind: IndicatorDef;
    forUnit: string;
    entry: { assessment?: TargetValue; work?: TargetValue };
    sourceLine?: number;
    at: (field?: string) => { line: number; field?: string };
  },
): void {
  const header = (side?: 'assessment' | 'work') =>
    c.table.columns.find(
      (col) =>
        col.indicatorCode === c.ind.code && col.forUnit === c.forUnit && (side === undefined || col.side === side),
    )?.header;
  if (c.kind !== 'district') {
    r.issues.error(
      c.file,
      c.at(header()),
      `单位列（@${c.forUnit}）只能填在全区行`,
      `A column for one unit (@${c.forUnit}) takes values on the district (全区) row only`,
    );
    return;
  }
  const target: UnitTarget = {
    indicatorCode: c.ind.code,
    unitCode: c.forUnit,
    origin: { file: c.file, line: c.line, table: c.table.table },
  };
  if (c.sourceLine !== undefined) target.origin.sourceLine = c.sourceLine;
  for (const side of ['assessment', 'work'] as const) {
    const value = c.entry[side];
    if (value === undefined) continue;
    for (const p of checkValueForKind(value, c.ind.kind, true)) {
      r.issues.error(
        c.file,
        c.at(header(side)),
        `${p.zh}（指标 ${c.ind.code}，${c.forUnit}）`,
        `${p.en} (indicator ${c.ind.code}, ${c.forUnit})`,
      );
    }
    target[side] = value;
  }
  r.addTarget(target, (zh, en) => r.issues.error(c.file, c.at(header()), zh, en));
}

function parseColumn(
  r: PlanReader,
  file: string,
  line: number,
  header: string,
  declared: Map<string, number>,
): TableColumn | undefined {
  const at = { line, field: header };
  const m =
    /^([A-Za-z0-9][A-Za-z0-9_-]*)\.([^.]+)\.([^(（@]+)(?:[(（](.+?)[)）])?(?:@([A-Za-z0-9][A-Za-z0-9_-]*))?$/.exec(
      header,
    );
  if (!m) {
    r.issues.error(
      file,
      at,
      `无法识别的列名 ${q(header)}（应为 指标代码.考核目标|工作目标.总量|增幅%|文字|期限|排名(单位)）`,
      `Unrecognised column ${q(header)}; expected <indicator>.<考核目标|工作目标>.<总量|增幅%|文字|期限|排名>[(unit)]`,
    );
    return undefined;
  }
  const [, code, sideToken, fieldText, uom, forUnit] = m;
  // 其中:<label> — a second quantity printed in the same cell ("3（其中流转面积 1200 亩）")
  const [fieldToken, label] = fieldText.trim().split(/[:：]/, 2);
  const side = SIDE_TOKENS[sideToken];
  const field = FIELD_TOKENS[fieldToken.trim()];
  if (!side) {
    r.issues.error(
      file,
      at,
      `列名 ${q(header)} 中 ${q(sideToken)} 应为 考核目标 或 工作目标`,
      `In column ${q(header)}, ${q(sideToken)} must be 考核目标/assessment or 工作目标/work`,
    );
    return undefined;
  }
  if (!field) {
    r.issues.error(
      file,
      at,
      `列名 ${q(header)} 中 ${q(fieldToken)} 应为 总量、增幅%、文字、期限、排名 或 其中:名称`,
      `In column ${q(header)}, ${q(fieldToken)} must be 总量|增幅%|文字|期限|排名|其中:<label>`,
    );
    return undefined;
  }
  const ind = r.indicators.get(code);
  if (!ind) {
    r.issues.error(file, at, `未知指标代码 ${q(code)}`, `Unknown indicator code ${q(code)}`);
    return undefined;
  }
  if (declared.size > 0 && !declared.has(code)) {
    r.issues.error(
      file,
      at,
      `指标 ${code} 未在表头 “# indicator:” 行中声明`,
      `Indicator ${code} is not declared in a "# indicator:" line`,
    );
  }
  const col: TableColumn = { header, indicatorCode: code, side, field };
  if (forUnit !== undefined) {
    if (!r.units.has(forUnit)) {
      r.issues.error(
        file,
        at,
        `列名 ${q(header)} 中的单位代码 ${q(forUnit)} 未知`,
        `Unknown unit code ${q(forUnit)} in column ${q(header)}`,
      );
      return undefined;
    }
    col.forUnit = forUnit;
  }
  if (label !== undefined && label.trim() !== '') col.label = label.trim();
  if (field === 'also') {
    if (uom !== undefined) {
      col.unitOfMeasure = uom.trim();
      if (!r.registry.isKnown(col.unitOfMeasure)) {
        const msg = r.unknownUnitOfMeasure(col.unitOfMeasure);
        r.issues.error(file, at, msg.zh, msg.en);
      }
    }
    return col;
  }
  if (uom !== undefined) {
    if (field !== 'total') {
      r.issues.error(file, at, `只有“总量”列可以带计量单位`, 'Only 总量/total columns may name a unit of measure');
    } else {
      col.unitOfMeasure = uom.trim();
      checkUnitCompatible(r, col.unitOfMeasure, ind, (zh, en) => r.issues.error(file, at, zh, en));
    }
  }
  return col;
}

function parseCell(
  r: PlanReader,
  file: string,
  line: number,
  col: TableColumn,
  raw: string,
  value: TargetValue,
): boolean {
  const at = { line, field: col.header };
  switch (col.field) {
    case 'also': {
      if (!isPlainDecimal(raw)) {
        r.issues.error(
          file,
          at,
          `不是纯数字 ${q(raw)}（不要千分位、单位或百分号；文字写进“文字”列）`,
          `Not a plain decimal: ${q(raw)} (no thousands separators, units or %; words go to a 文字/text column)`,
        );
        return false;
      }
      const also: SecondQuantity = { total: raw };
      if (col.label !== undefined) also.label = col.label;
      if (col.unitOfMeasure !== undefined) also.unitOfMeasure = col.unitOfMeasure;
      value.also = [...(value.also ?? []), also];
      return true;
    }
    case 'total':
    case 'growthPct':
      if (!isPlainDecimal(raw)) {
        r.issues.error(
          file,
          at,
          `不是纯数字 ${q(raw)}（不要千分位、单位或百分号；文字写进“文字”列）`,
          `Not a plain decimal: ${q(raw)} (no thousands separators, units or %; words go to a 文字/text column)`,
        );
        return false;
      }
      value[col.field] = raw;
      return true;
    case 'rank':
      if (!isPositiveInteger(raw)) {
        r.issues.error(file, at, `名次 ${q(raw)} 应为正整数`, `Rank ${q(raw)} must be a positive integer`);
        return false;
      }
      value.rank = raw;
      return true;
    case 'deadline':
      if (!isValidDate(raw)) {
        r.issues.error(
          file,
          at,
          `期限 ${q(raw)} 不是有效日期 YYYY-MM-DD`,
          `Deadline ${q(raw)} is not a valid date YYYY-MM-DD`,
        );
        return false;
      }
      value.deadline = raw;
      return true;
    case 'text':
      value.text = raw;
      return true;
  }
}
