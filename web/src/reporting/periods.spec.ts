import { nextPeriod, proposedPeriod } from './periods';

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

  it('is January of the plan year before any report', () => {
    expect(proposedPeriod({}, 2021)).toBe('2021-01');
  });
});
