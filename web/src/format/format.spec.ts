import { formatFigure, formatNumber, formatPeriod, formatRatio, formatTime } from './format';

describe('display formatting', () => {
  it('rounds exactly per unit of measure with thousands separators, the unit beside the number', () => {
    expect(formatFigure('1234567.885', '亿元')).toBe('1,234,567.89 亿元');
    expect(formatFigure('7.45', '%')).toBe('7.5 %');
    expect(formatFigure('2999.5', '人')).toBe('3,000 人');
    expect(formatFigure('0.1', '亿元')).toBe('0.10 亿元');
    // Beyond floating point: 0.1 + 0.2 style values stay exact.
    expect(formatNumber('12345678901234567.125', 2)).toBe('12,345,678,901,234,567.13');
    expect(formatNumber('-1234.5', 0)).toBe('-1,235');
  });

  it('shows a dash for what is missing or not a number', () => {
    expect(formatFigure(null, '亿元')).toBe('—');
    expect(formatFigure(undefined, '%')).toBe('—');
    expect(formatNumber('abc', 2)).toBe('—');
    expect(formatRatio(null)).toBe('—');
  });

  it('shows ratios as percentages and periods and times the Chinese way, in Asia/Shanghai', () => {
    expect(formatRatio('0.8755')).toBe('87.6 %');
    expect(formatPeriod('2021-09')).toBe('2021年9月');
    expect(formatPeriod('2021-09', 'en')).toBe('Sep 2021');
    expect(formatTime('2021-09-30T16:30:00Z')).toBe('2021-10-01 00:30');
  });
});
