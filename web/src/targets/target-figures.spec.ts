import type { PeriodView } from '../api/views';
import { chartModeOf, formatGrowth, targetValueParts } from './target-figures';

const words = { growthPct: '增幅', deadline: '完成时限', rank: '名次' };
const period = (fields: Partial<PeriodView>): PeriodView => ({ period: '2021-03', status: 'green', ...fields });

describe('target figures', () => {
  it('charts completion when the server computed it, else the reported growth, else nothing', () => {
    expect(chartModeOf([period({ completion: '0.3', expectedPace: '0.25' })])).toBe('completion');
    expect(chartModeOf([period({ growthPct: '6.5' }), period({ period: '2021-04', growthPct: '7' })])).toBe('growth');
    expect(chartModeOf([period({ value: '1' }), period({ completion: '0.1', growthPct: '3' })])).toBe('completion');
    expect(chartModeOf([period({ report: { done: true } })])).toBe('none');
    expect(chartModeOf([])).toBe('none');
  });

  it('says a target value in words: total with its unit, growth, deadline, rank, text', () => {
    expect(targetValueParts({ growthPct: '8' }, '%', words)).toEqual(['增幅 8.0 %']);
    expect(targetValueParts({ total: '1234.5', unitOfMeasure: '亿元', growthPct: '6.25' }, '亿元', words)).toEqual([
      '1,234.50 亿元',
      '增幅 6.3 %',
    ]);
    expect(targetValueParts({ deadline: '2021-10-31', text: '建成投用' }, '项', words)).toEqual([
      '完成时限 2021-10-31',
      '建成投用',
    ]);
    expect(targetValueParts({}, '亿元', words)).toEqual(['—']);
    expect(targetValueParts(undefined, '亿元', words)).toEqual([]);
    expect(formatGrowth(undefined)).toBe('—');
    expect(formatGrowth('-2.04')).toBe('-2.0 %');
  });
});
