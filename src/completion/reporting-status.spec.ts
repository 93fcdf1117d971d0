import { WorkingDayCalendar } from '../rules/working-days';
import { ReportingDoc, reportingStatusOf } from './reporting-status';

const indicator = {
  kind: 'cumulative',
  code: 'I01',
  name: '税收',
  category: '经济',
  planCode: 'p',
  unitOfMeasure: '亿元',
} as unknown as ReportingDoc['indicator'];
const doc = (
  unitCode: string,
  reported: string[],
  overduePeriods: string[] = [],
  extra: Partial<ReportingDoc> = {},
): ReportingDoc => ({
  unitCode,
  indicator,
  assessment: { total: '100' },
  periods: Object.fromEntries(reported.map((p) => [p, {} as ReportingDoc['periods'][string]])),
  overduePeriods,
  ...extra,
});
// 2021: 1 May (Sat) … 5 May a holiday; 8 May (Sat) a make-up working day.
const calendar = new WorkingDayCalendar([
  { year: 2021, holidays: ['2021-05-03', '2021-05-04', '2021-05-05'], workdays: ['2021-05-08'] },
]);

describe('报送情况: units × months', () => {
  it('lists the plan year up to today’s month, each with its due date and the days left', () => {
    const status = reportingStatusOf({ code: 'p', year: 2021 }, [], '2021-05-01', null, calendar);
    expect(status.months.map((m) => m.period)).toEqual(['2021-01', '2021-02', '2021-03', '2021-04', '2021-05']);
    const april = status.months[3];
    // Due by 10 May: 9 calendar days; working days 6, 7, 8 (make-up), 10 May = 4 (1–5 May off, 9 May a Sunday).
    expect(april).toEqual({
      period: '2021-04',
      dueDate: '2021-05-10',
      deadlinePassed: false,
      daysLeft: 9,
      workingDaysLeft: 4,
    });
    expect(status.months[2]).toMatchObject({
      period: '2021-03',
      dueDate: '2021-04-10',
      deadlinePassed: true,
      daysLeft: -21,
      workingDaysLeft: 0,
    });
    expect(
      reportingStatusOf({ code: 'p', year: 2021, reportDueDay: 31 }, [], '2021-05-01', null, calendar).months[3]
        .dueDate,
    ).toBe('2021-05-31');
    expect(reportingStatusOf({ code: 'p', year: 2021 }, [], '2020-12-31', null, calendar).months).toEqual([]);
    expect(reportingStatusOf({ code: 'p', year: 2021 }, [], '2022-02-01', null, calendar).months).toHaveLength(12);
  });

  it('counts per unit and month: reported, answered by a later year-to-date report, overdue as recorded, pending', () => {
    const status = reportingStatusOf(
      { code: 'p', year: 2021 },
      [doc('b', ['2021-03']), doc('a', ['2021-01'], ['2021-02', '2021-03']), doc('a', [])],
      '2021-04-20',
      null,
      calendar,
      new Map([['a', '安亭镇']]),
    );
    expect(status.units.map((u) => [u.unitCode, u.unitName])).toEqual([
      ['a', '安亭镇'],
      ['b', null],
    ]);
    const a = status.units[0].cells;
    expect(a[0]).toEqual({ period: '2021-01', due: 2, reported: 1, answered: 0, overdue: 0, pending: 1 });
    expect(a[1]).toEqual({ period: '2021-02', due: 2, reported: 0, answered: 0, overdue: 1, pending: 1 });
    const b = status.units[1].cells;
    expect(b.slice(0, 3).map((c) => [c.reported, c.answered])).toEqual([
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
    expect(b[3]).toEqual({ period: '2021-04', due: 1, reported: 0, answered: 0, overdue: 0, pending: 1 });
  });

  it('does not count months a target owes no report for (beyond its reporting months, a target of 0)', () => {
    const elevenMonths = doc('a', [], [], { indicator: { ...indicator, reportingMonths: 2 } });
    const zero = doc('a', [], [], { assessment: { total: '0' } });
    const cells = reportingStatusOf({ code: 'p', year: 2021 }, [elevenMonths, zero], '2021-03-20', null, calendar)
      .units[0].cells;
    expect(cells.map((c) => c.due)).toEqual([1, 1, 0]);
  });
});
