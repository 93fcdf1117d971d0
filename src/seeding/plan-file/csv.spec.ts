import { parseCsv, readCsvDocument } from './csv';

describe('plan-file CSV reading', () => {
  it('keeps quoted commas, doubled quotes and line breaks, with the line each record starts on', () => {
    const { records, errors } = parseCsv('a,b\n"1,760,000","say ""hi"""\n"two\nlines",x\r\nlast,\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1,760,000', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'x'] },
      { line: 5, cells: ['last', ''] },
    ]);
  });

  it('reports an unterminated quote', () => {
    expect(parseCsv('a,"b\n').errors).toEqual([{ line: 1, message: '引号未闭合 Unterminated quoted cell' }]);
  });

  it('reads directive lines verbatim before the header, with file line numbers', () => {
    const doc = readCsvDocument('# table: 指标2\n# note: a, "quoted" note\n# just a comment\n\nunit,v\nanting,1\n', [
      'table',
      'note',
    ]);
    expect(doc.directives).toEqual([
      { line: 1, key: 'table', value: '指标2' },
      { line: 2, key: 'note', value: 'a, "quoted" note' },
    ]);
    expect(doc.header).toEqual({ line: 5, cells: ['unit', 'v'] });
    expect(doc.rows).toEqual([{ line: 6, cells: ['anting', '1'] }]);
  });
});
