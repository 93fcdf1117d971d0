import { WorkingDayCalendar } from './working-days';
import { publishedWorkingDayYear } from './working-days-data';

// A week with a holiday and a make-up working Saturday (调休): Mon 2021-05-03 – Wed 05-05 off, Sat 05-08 on.
const calendar = new WorkingDayCalendar([
  { year: 2021, holidays: ['2021-05-03', '2021-05-04', '2021-05-05'], workdays: ['2021-05-08'] },
]);

describe('WorkingDayCalendar', () => {
  it('treats holidays as rest days and make-up Saturdays as working days', () => {
    expect(calendar.isWorkingDay('2021-05-03')).toBe(false);
    expect(calendar.isWorkingDay('2021-05-06')).toBe(true);
    expect(calendar.isWorkingDay('2021-05-08')).toBe(true); // Saturday, 调休
    expect(calendar.isWorkingDay('2021-05-09')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2021-05-15')).toBe(false); // an ordinary Saturday
  });

  it('counts working days across the holiday and the make-up day', () => {
    expect(calendar.addWorkingDays('2021-05-10', -1)).toBe('2021-05-08');
    expect(calendar.addWorkingDays('2021-05-10', -3)).toBe('2021-05-06');
    expect(calendar.addWorkingDays('2021-05-10', -4)).toBe('2021-04-30');
    expect(calendar.addWorkingDays('2021-04-30', 1)).toBe('2021-05-06');
    expect(calendar.addWorkingDays('2021-05-06', 0)).toBe('2021-05-06');
  });

  it('moves a rest day to the next working day', () => {
    expect(calendar.onOrAfter('2021-05-02')).toBe('2021-05-06');
    expect(calendar.onOrAfter('2021-05-08')).toBe('2021-05-08');
  });

  it('rejects dates that do not exist', () => {
    expect(() => calendar.isWorkingDay('2021-02-30')).toThrow(RangeError);
  });
});

describe('publishedWorkingDayYear', () => {
  it('has the State Council notice for 2021 (National Day week and its make-up days)', () => {
    const y2021 = publishedWorkingDayYear(2021)!;
    expect(y2021.holidays).toEqual(expect.arrayContaining(['2021-10-01', '2021-10-07', '2021-02-11']));
    expect(y2021.workdays).toEqual(expect.arrayContaining(['2021-09-26', '2021-10-09']));
    const c = new WorkingDayCalendar([y2021]);
    expect(c.isWorkingDay('2021-10-09')).toBe(true); // Saturday, 调休
    expect(c.onOrAfter('2021-10-01')).toBe('2021-10-08');
  });

  it('covers 2021 to 2026', () => {
    for (let year = 2021; year <= 2026; year++)
      expect(publishedWorkingDayYear(year)?.holidays.length).toBeGreaterThan(0);
    expect(publishedWorkingDayYear(1990)).toBeUndefined();
  });
});
