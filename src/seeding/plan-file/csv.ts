/**
 * A small RFC 4180 CSV reader that keeps line numbers, plus the plan-file conventions around it:
 * leading `# key: value` directive lines (and plain `#` comments) before the header row.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvParseError {
  line: number;
  message: string;
}

/** Splits CSV text into records. Quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): { records: CsvRecord[]; errors: CsvParseError[] } {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  const errors: CsvParseError[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let inQuotes = false;
    let quotedCell = false;
    let done = false;
    while (!done) {
      if (i >= src.length) {
        if (inQuotes) errors.push({ line: startLine, message: '引号未闭合 Unterminated quoted cell' });
        cells.push(cell);
        done = true;
        break;
      }
      const ch = src[i];
      if (inQuotes) {
        if (ch === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            inQuotes = false;
            i += 1;
          }
        } else {
          if (ch === '\n') line += 1;
          cell += ch;
          i += 1;
        }
        continue;
      }
      if (ch === '"' && cell === '' && !quotedCell) {
        inQuotes = true;
        quotedCell = true;
        i += 1;
      } else if (ch === ',') {
        cells.push(cell);
        cell = '';
        quotedCell = false;
        i += 1;
      } else if (ch === '\r' || ch === '\n') {
        cells.push(cell);
        i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
        line += 1;
        done = true;
      } else {
        if (quotedCell) {
          errors.push({ line, message: '引号后面还有字符 Characters after a closing quote' });
          quotedCell = false;
        }
        cell += ch;
        i += 1;
      }
    }
    const blank = cells.length === 1 && cells[0] === '';
    if (!blank) records.push({ line: startLine, cells });
  }
  return { records, errors };
}

export interface CsvDirective {
  line: number;
  key: string;
  value: string;
}

export interface CsvDocument {
  directives: CsvDirective[];
  header?: CsvRecord;
  rows: CsvRecord[];
  errors: CsvParseError[];
}

/**
 * Reads a plan-file CSV: lines starting with `#` before the header are directives (`# key: value`) or comments
 * (they are taken verbatim, not CSV-parsed); the first other non-blank line is the header row.
 */
export function readCsvDocument(text: string, directiveKeys: readonly string[]): CsvDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const directives: CsvDirective[] = [];
  let k = 0;
  for (; k < lines.length; k += 1) {
    const raw = lines[k].trim();
    if (raw === '') continue;
    if (!raw.startsWith('#')) break;
    const m = /^#\s*([A-Za-z][A-Za-z-]*)\s*:\s*(.*)$/.exec(raw);
    if (m && directiveKeys.includes(m[1])) directives.push({ line: k + 1, key: m[1], value: m[2].trim() });
  }
  const rest = lines.slice(k).join('\n');
  const { records, errors } = parseCsv(rest);
  const shift = (n: number) => n + k;
  const shifted = records.map((r) => ({ line: shift(r.line), cells: r.cells }));
  const shiftedErrors = errors.map((e) => ({ line: shift(e.line), message: e.message }));
  if (shifted.length === 0) return { directives, rows: [], errors: shiftedErrors };
  return { directives, header: shifted[0], rows: shifted.slice(1), errors: shiftedErrors };
}
