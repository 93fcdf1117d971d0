import { apiQuery, codesOfWarning, emptyReason, monthsOf, readWarningFilters } from './warning-filters';

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

  it('sends every filter to the API, which filters before it pages', () => {
    const filters = readWarningFilters(new URLSearchParams('level=yellow&unitCode=a&category=c&period=2021-05'));
    expect(apiQuery(filters)).toEqual({
      level: 'yellow',
      state: 'open',
      unitCode: 'a',
      category: 'c',
      period: '2021-05',
    });
    expect(apiQuery(readWarningFilters(new URLSearchParams('state=all')))).toEqual({
      level: undefined,
      state: 'all',
      unitCode: undefined,
      category: undefined,
      period: undefined,
    });
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
