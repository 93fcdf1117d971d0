import { nextPeriod, openPeriodOf, proposedPeriod } from './periods';

describe('the period a report form proposes', () => {
  it('is the month after the latest report, across the year end', () => {
    expect(nextPeriod('2021-06')).toBe('2021-07');
    expect(nextPeriod('2021-12')).toBe('2022-01');
    expect(proposedPeriod({ latest: { period: '2021-06' } }, 2021)).toBe('2021-07');
  });

  it('is the latest overdue month when the server lists overdue ones (a year-to-date report answers the earlier ones too)', () => {
    expect(proposedPeriod({ latest: { period: '2021-03' }, overduePeriods: ['2021-05', '2021-04'] }, 2021)).toBe(
      '2021-05',
    );
  });

  it('is the month open for reports before any report (nothing owed: no January 240 days late), else January', () => {
    const months = [
      { period: '2021-08', deadlinePassed: true },
      { period: '2021-09', deadlinePassed: false },
      { period: '2021-10', deadlinePassed: false },
    ];
    expect(openPeriodOf(months)).toBe('2021-09');
    expect(proposedPeriod({}, 2021, openPeriodOf(months))).toBe('2021-09');
    expect(openPeriodOf(months.map((x) => ({ ...x, deadlinePassed: true })))).toBe('2021-10');
    expect(openPeriodOf(undefined)).toBeUndefined();
    expect(proposedPeriod({}, 2021)).toBe('2021-01');
    // What the server lists overdue still comes first.
    expect(proposedPeriod({ overduePeriods: ['2021-01', '2021-08'] }, 2021, '2021-09')).toBe('2021-08');
  });
});
