import { apiQuery, codesOfWarning, emptyReason, filterOnPage, monthsOf, readWarningFilters } from './warning-filters';
import type { WarningItem } from './warning-types';

const warning = (id: string, indicatorCode: string, period: string): WarningItem => ({
  id,
  targetId: id.replace(/\.w\d+$/, ''),
  planCode: 'p',
  indicatorCode,
  unitCode: 'u',
  kind: 'status',
  level: 'red',
  state: 'raised',
  raisedAt: '2021-07-20T02:00:00Z',
  period,
  reason: '',
  history: [],
});

describe('warning filters', () => {
  it('reads the URL: known values only, `open` by default, real months only', () => {
    expect(
      readWarningFilters(
        new URLSearchParams('level=red&state=cleared&unitCode=anting&category=经济发展&period=2021-06'),
      ),
    ).toEqual({
      level: 'red',
      state: 'cleared',
      unitCode: 'anting',
      category: '经济发展',
      period: '2021-06',
    });
    expect(readWarningFilters(new URLSearchParams('level=purple&state=gone&period=2021-13'))).toEqual({
      level: undefined,
      state: 'open',
      unitCode: undefined,
      category: undefined,
      period: undefined,
    });
  });

  it('sends level, state and unit to the API and keeps category and period for the page', () => {
    const filters = readWarningFilters(new URLSearchParams('level=yellow&unitCode=a&category=c&period=2021-05'));
    expect(apiQuery(filters)).toEqual({ level: 'yellow', state: 'open', unitCode: 'a' });
    const items = [
      warning('p.I01.u.w1', 'I01', '2021-05'),
      warning('p.I02.u.w1', 'I02', '2021-05'),
      warning('p.I01.u.w2', 'I01', '2021-06'),
    ];
    const categoryOf = (code: string) => ({ I01: 'c', I02: 'd' })[code];
    expect(filterOnPage(items, filters, categoryOf).map((w) => w.id)).toEqual(['p.I01.u.w1']);
    expect(filterOnPage(items, { category: undefined, period: undefined }, categoryOf)).toHaveLength(3);
  });

  it('finds the plan and unit in a warning id, and offers the plan year’s months', () => {
    expect(codesOfWarning('browser-2021.I01.jiangqiao.w3')).toEqual({
      planCode: 'browser-2021',
      unitCode: 'jiangqiao',
    });
    expect(codesOfWarning('not-a-warning')).toBeUndefined();
    expect(monthsOf(2021)).toHaveLength(12);
    expect(monthsOf(2021)[8]).toBe('2021-09');
  });

  it('says why the list is empty', () => {
    const open = readWarningFilters(new URLSearchParams(''));
    expect(emptyReason(open, false)).toBe('open');
    expect(emptyReason(open, true)).toBe('historical');
    expect(emptyReason(readWarningFilters(new URLSearchParams('level=red')), false)).toBe('filtered');
    expect(emptyReason(readWarningFilters(new URLSearchParams('state=all')), true)).toBe('filtered');
  });
});
