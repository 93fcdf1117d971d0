import { toCsv } from './csv';

describe('CSV export of a table', () => {
  it('quotes what needs quoting and starts with a BOM for spreadsheet programs', () => {
    const csv = toCsv<{ a: string; b: number | null }>(
      [
        { title: '指标', value: (r) => r.a },
        { title: '值', value: (r) => r.b },
      ],
      [
        { a: '税收,总收入', b: 1.5 },
        { a: '说"明"\n第二行', b: null },
      ],
    );
    expect(csv).toBe('\uFEFF指标,值\r\n"税收,总收入",1.5\r\n"说""明""\n第二行",\r\n');
  });
});
