import {
  daysBetween,
  isReportOverdue,
  isValidDate,
  isValidPeriod,
  nextPeriod,
  periodOfDate,
  previousPeriod,
  reportDueDate,
  shanghaiDate,
} from './calendar';
import { RuleInputError } from './errors';

describe('isValidPeriod', () => {
  it.each(['2021-01', '2021-12', '1999-09'])('accepts %s', (p) => expect(isValidPeriod(p)).toBe(true));
  it.each(['2021-00', '2021-13', '2021-1', '2021-01-01', '202101', '', 'x'])('rejects %j', (p) =>
    expect(isValidPeriod(p)).toBe(false),
  );
});

describe('isValidDate', () => {
  it('checks that the day exists', () => {
    expect(isValidDate('2021-02-28')).toBe(true);
    expect(isValidDate('2021-02-29')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2021-04-31')).toBe(false);
    expect(isValidDate('2021-4-1')).toBe(false);
  });
});

describe('reportDueDate', () => {
  it('is the 10th of the next month by default', () => {
    expect(reportDueDate('2021-03')).toBe('2021-04-10');
  });

  it('December reports are due in January of the next year', () => {
    expect(reportDueDate('2021-12')).toBe('2022-01-10');
  });

  it('takes a configurable due day, clamped to the end of the month', () => {
    expect(reportDueDate('2021-03', 5)).toBe('2021-04-05');
    expect(reportDueDate('2021-01', 31)).toBe('2021-02-28');
    expect(reportDueDate('2023-12', 31)).toBe('2024-01-31');
  });

  it('rejects bad periods and due days', () => {
    expect(() => reportDueDate('2021-13')).toThrow(RuleInputError);
    expect(() => reportDueDate('2021-01', 0)).toThrow(RuleInputError);
    expect(() => reportDueDate('2021-01', 32)).toThrow(RuleInputError);
  });
});

describe('isReportOverdue', () => {
  it('is not overdue on the due date, overdue the day after', () => {
    expect(isReportOverdue('2021-03', '2021-04-10')).toBe(false);
    expect(isReportOverdue('2021-03', '2021-04-11')).toBe(true);
    expect(isReportOverdue('2021-12', '2022-01-11')).toBe(true);
  });
});

describe('period and date helpers', () => {
  it('steps periods across year boundaries', () => {
    expect(nextPeriod('2021-12')).toBe('2022-01');
    expect(previousPeriod('2022-01')).toBe('2021-12');
    expect(periodOfDate('2021-06-30')).toBe('2021-06');
  });

  it('counts days between calendar dates', () => {
    expect(daysBetween('2021-06-01', '2021-06-16')).toBe(15);
    expect(daysBetween('2021-06-16', '2021-06-01')).toBe(-15);
    expect(daysBetween('2021-12-31', '2022-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('gives the Asia/Shanghai date of an instant', () => {
    expect(shanghaiDate(new Date('2021-06-30T15:59:59Z'))).toBe('2021-06-30');
    expect(shanghaiDate(new Date('2021-06-30T16:00:00Z'))).toBe('2021-07-01');
  });
});
