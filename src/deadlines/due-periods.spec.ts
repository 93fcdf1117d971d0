import { periodsPastDeadline } from './due-periods';

describe('periods past their report deadline', () => {
  it('counts a period as overdue from the day after its due day, not on it', () => {
    expect(periodsPastDeadline(2021, '2021-04-10').map((p) => p.period)).toEqual(['2021-01', '2021-02']);
    expect(periodsPastDeadline(2021, '2021-04-11').map((p) => p.period)).toEqual(['2021-01', '2021-02', '2021-03']);
  });
  it('rolls December over into January of the next year and honours another due day', () => {
    expect(periodsPastDeadline(2021, '2022-01-11').pop()).toEqual({ period: '2021-12', dueDate: '2022-01-10' });
    expect(periodsPastDeadline(2021, '2021-02-06', 5)).toEqual([{ period: '2021-01', dueDate: '2021-02-05' }]);
  });
  it('has nothing before the first deadline', () => {
    expect(periodsPastDeadline(2021, '2021-01-31')).toEqual([]);
  });
});
