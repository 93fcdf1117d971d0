import { currentStatus, isDueAndMissing, isZeroTarget, periodStatus, StatusFacts } from './status-model';

const target = (facts: Partial<StatusFacts> = {}): StatusFacts => ({
  kind: 'cumulative',
  total: '760',
  reported: {},
  ...facts,
});

describe('status model', () => {
  describe('status for a period', () => {
    it('is the report’s status; a report no rule can judge counts as green', () => {
      const facts = target({ reported: { '2021-07': 'yellow', '2021-08': undefined } });
      expect(periodStatus(facts, '2021-07')).toBe('yellow');
      expect(periodStatus(facts, '2021-08')).toBe('green');
    });

    it('takes a missing month from the next year-to-date report', () => {
      expect(periodStatus(target({ reported: { '2021-03': 'red', '2021-05': 'green' } }), '2021-04')).toBe('green');
    });

    it('is not_due before its deadline is recorded, overdue after it (江桥镇 2021-09 on 10-08 is not yet due)', () => {
      const facts = target({ reported: { '2021-01': 'green', '2021-07': 'green' }, overduePeriods: ['2021-08'] });
      expect(periodStatus(facts, '2021-08')).toBe('overdue');
      expect(periodStatus(facts, '2021-09')).toBe('not_due');
      expect(periodStatus(target(), '2021-01')).toBe('not_due');
    });

    it('needs no report from a target of 0 unless the plan says so', () => {
      const zero = target({ total: '0' });
      expect(periodStatus(zero, '2021-05')).toBe('completed');
      expect(periodStatus({ ...zero, zeroTargetRequiresReport: true, overduePeriods: ['2021-05'] }, '2021-05')).toBe(
        'overdue',
      );
    });

    it('keeps the last report after the reporting months', () => {
      const facts = target({ reportingMonths: 6, reported: { '2021-06': 'yellow' } });
      expect(periodStatus(facts, '2021-09')).toBe('yellow');
      expect(periodStatus(target({ reportingMonths: 6 }), '2021-09')).toBe('not_started');
    });
  });

  describe('status now', () => {
    it('is overdue while a due report is missing, even when the last report was green (江桥镇 I02)', () => {
      expect(currentStatus(target({ reported: { '2021-07': 'green' }, overduePeriods: ['2021-08'] }))).toBe('overdue');
      expect(currentStatus(target({ reported: { '2021-07': 'green' } }))).toBe('green');
    });

    it('is not_started without reports, completed for a target of 0', () => {
      expect(currentStatus(target())).toBe('not_started');
      expect(currentStatus(target({ total: '0' }))).toBe('completed');
      expect(currentStatus(target({ total: '0', zeroTargetRequiresReport: true }))).toBe('not_started');
    });
  });

  describe('due and missing', () => {
    it('is answered by a report for this or a later month', () => {
      expect(isDueAndMissing(target(), '2021-08', ['2021-07'])).toBe(true);
      expect(isDueAndMissing(target(), '2021-08', ['2021-08'])).toBe(false);
      expect(isDueAndMissing(target(), '2021-08', ['2021-09'])).toBe(false);
    });

    it('never holds for a month the target need not report', () => {
      expect(isDueAndMissing(target({ total: '0' }), '2021-08', [])).toBe(false);
      expect(isDueAndMissing(target({ total: '0', zeroTargetRequiresReport: true }), '2021-08', [])).toBe(true);
      expect(isDueAndMissing(target({ reportingMonths: 6 }), '2021-08', [])).toBe(false);
    });
  });

  it('counts only totals of 0 without a growth target as zero targets', () => {
    expect(isZeroTarget({ kind: 'cumulative', total: '0.00' })).toBe(true);
    expect(isZeroTarget({ kind: 'cumulative', total: '1' })).toBe(false);
    expect(isZeroTarget({ kind: 'cumulative_growth', total: '0', growthPct: '5' })).toBe(false);
    expect(isZeroTarget({ kind: 'ceiling', total: '0' })).toBe(false);
  });
});
