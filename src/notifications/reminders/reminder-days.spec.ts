import { WorkingDayCalendar } from '../../rules/working-days';
import { remindersOfYear } from './reminder-days';

// April 2021: Sat 04-03 – Mon 04-05 off (清明), Sat 04-10 not a working day; May: 05-01 – 05-05 off, Sat 05-08 a make-up working day.
const calendar = new WorkingDayCalendar([
  { year: 2021, holidays: ['2021-04-05', '2021-05-03', '2021-05-04', '2021-05-05'], workdays: ['2021-05-08'] },
]);

describe('remindersOfYear', () => {
  const of = (period: string, moves = true) =>
    remindersOfYear('p', 2021, calendar, { workingDaysBefore: [1, 3], dueDayMovesToWorkingDay: moves }).filter(
      (r) => r.period === period,
    );

  it('moves a due day on a Saturday to Monday; reminds 3 and 1 working days before; overdue the working day after', () => {
    // March's report is due on 2021-04-10, a Saturday → Monday 04-12.
    expect(of('2021-03').map((r) => [r.kind, r.workingDaysBefore, r.dueDate, r.day])).toEqual([
      ['reminder', 3, '2021-04-12', '2021-04-07'],
      ['reminder', 1, '2021-04-12', '2021-04-09'],
      ['overdue', 0, '2021-04-12', '2021-04-13'],
    ]);
  });

  it('keeps the stated due day when the plan says so', () => {
    expect(of('2021-03', false).map((r) => [r.dueDate, r.day])).toEqual([
      ['2021-04-10', '2021-04-07'],
      ['2021-04-10', '2021-04-09'],
      ['2021-04-10', '2021-04-12'],
    ]);
  });

  it('counts across a holiday and a make-up working Saturday', () => {
    // April's report is due on Monday 2021-05-10: one working day before is the make-up Saturday 05-08,
    // three before is Thursday 05-06 (05-08, 05-07, 05-06); the Sunday 05-09 does not count.
    expect(of('2021-04').map((r) => [r.kind, r.day])).toEqual([
      ['reminder', '2021-05-06'],
      ['reminder', '2021-05-08'],
      ['overdue', '2021-05-11'],
    ]);
  });
});
