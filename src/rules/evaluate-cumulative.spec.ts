import { RuleInputError } from './errors';
import { evaluateStatus } from './status';
import type { CumulativeInput } from './status-types';
import { mergeThresholds } from './thresholds';

const cumulative = (value: string, target: string, pace: Omit<CumulativeInput, 'kind' | 'value' | 'target'>) =>
  evaluateStatus({ kind: 'cumulative', value, target, ...pace });

describe('cumulative (higher is better)', () => {
  it('paceRatio exactly 0.95 is green, just below is yellow', () => {
    const atGreen = cumulative('570', '1200', { month: 6 });
    expect(atGreen.status).toBe('green');
    expect(atGreen.completion?.toString()).toBe('0.475');
    expect(atGreen.expectedPace?.toString()).toBe('0.5');
    expect(atGreen.paceRatio?.toString()).toBe('0.95');
    expect(cumulative('569.99', '1200', { month: 6 }).status).toBe('yellow');
  });

  it('paceRatio exactly 0.85 is yellow, just below is red', () => {
    const atYellow = cumulative('510', '1200', { month: 6 });
    expect(atYellow.status).toBe('yellow');
    expect(atYellow.paceRatio?.toString()).toBe('0.85');
    const below = cumulative('509.99', '1200', { month: 6 });
    expect(below.status).toBe('red');
    expect(below.paceRatio?.toString()).toBe('0.8499833333333333333333333333333333333333');
  });

  it('compares exactly at month 1, where m/12 is not a finite decimal', () => {
    const atGreen = cumulative('950', '12000', { month: 1 });
    expect(atGreen.status).toBe('green');
    expect(atGreen.paceRatio?.toString()).toBe('0.95');
    expect(cumulative('949.99', '12000', { month: 1 }).status).toBe('yellow');
    expect(cumulative('850', '12000', { month: 1 }).status).toBe('yellow');
    expect(cumulative('849.99', '12000', { month: 1 }).status).toBe('red');
  });

  it('completion exactly 1 is completed, just below is not', () => {
    const done = cumulative('760', '760', { month: 4 });
    expect(done.status).toBe('completed');
    expect(done.completion?.toString()).toBe('1');
    expect(cumulative('759.99', '760', { month: 12 }).status).toBe('green');
    expect(cumulative('800', '760', { month: 12 }).status).toBe('completed');
  });

  it('1–11月 indicators use m/11 and reach pace 1 at month 11 and 12', () => {
    expect(cumulative('285', '1100', { month: 3, reportingMonths: 11 }).status).toBe('green');
    expect(cumulative('284.99', '1100', { month: 3, reportingMonths: 11 }).status).toBe('yellow');
    expect(cumulative('255', '1100', { month: 3, reportingMonths: 11 }).status).toBe('yellow');
    expect(cumulative('254.99', '1100', { month: 3, reportingMonths: 11 }).status).toBe('red');
    const month11 = cumulative('1045', '1100', { month: 11, reportingMonths: 11 });
    expect(month11.expectedPace?.toString()).toBe('1');
    expect(month11.paceRatio?.toString()).toBe('0.95');
    expect(month11.status).toBe('green');
    expect(cumulative('1044.99', '1100', { month: 12, reportingMonths: 11 }).status).toBe('yellow');
  });

  it('follows a seasonal curve', () => {
    const paceCurve = ['0.05', '0.1', '0.18', '0.26', '0.34', '0.45', '0.53', '0.61', '0.7', '0.8', '0.9', '1'];
    const atGreen = cumulative('427.5', '1000', { month: 6, paceCurve });
    expect(atGreen.expectedPace?.toString()).toBe('0.45');
    expect(atGreen.status).toBe('green');
    expect(cumulative('427.49', '1000', { month: 6, paceCurve }).status).toBe('yellow');
    expect(cumulative('382.5', '1000', { month: 6, paceCurve }).status).toBe('yellow');
    expect(cumulative('382.49', '1000', { month: 6, paceCurve }).status).toBe('red');
    // the same value is behind the linear m/12 pace (0.855)
    expect(cumulative('427.5', '1000', { month: 6 }).status).toBe('yellow');
  });

  it('treats a pace of 0 as nothing due yet', () => {
    const paceCurve = ['0', '0', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1', '1'];
    const early = cumulative('0', '100', { month: 1, paceCurve });
    expect(early.status).toBe('green');
    expect(early.paceRatio).toBeUndefined();
  });

  it('records the applied thresholds and uses configured ones', () => {
    const thresholds = mergeThresholds({ paceGreen: '0.9', paceYellow: '0.8' });
    const evaluation = evaluateStatus({ kind: 'cumulative', value: '540', target: '1200', month: 6, thresholds });
    expect(evaluation.status).toBe('green');
    expect(evaluation.ruleValues.paceGreen.toString()).toBe('0.9');
    expect(evaluation.ruleValues.paceYellow.toString()).toBe('0.8');
    expect(evaluation.ruleValues.target.toString()).toBe('1200');
    expect(evaluation.ruleValues.expectedPace.toString()).toBe('0.5');
    expect(evaluateStatus({ kind: 'cumulative', value: '479.99', target: '1200', month: 6, thresholds }).status).toBe(
      'red',
    );
  });

  it('rejects a non-positive target and malformed figures, naming the field', () => {
    expect(() => cumulative('1', '0', { month: 1 })).toThrow(RuleInputError);
    expect(() => cumulative('1e3', '100', { month: 1 })).toThrow(/value/);
    expect(() => cumulative('1', 'lots', { month: 1 })).toThrow(/target/);
  });
});

describe('cumulative (lower is better: a budget used over the year)', () => {
  const thresholds = mergeThresholds({ paceGreen: '0.8', paceYellow: '0.75' });
  const budget = (value: string, month: number) =>
    evaluateStatus({ kind: 'cumulative', direction: 'lower_is_better', value, target: '1200', month, thresholds });

  it('mirrors paceRatio: expected pace / completion', () => {
    const onPace = budget('600', 6);
    expect(onPace.status).toBe('green');
    expect(onPace.paceRatio?.toString()).toBe('1');
    expect(budget('750', 6).paceRatio?.toString()).toBe('0.8');
    expect(budget('750', 6).status).toBe('green');
    expect(budget('750.01', 6).status).toBe('yellow');
    expect(budget('800', 6).status).toBe('yellow');
    expect(budget('800.01', 6).status).toBe('red');
  });

  it('is red once the year total is exceeded, never completed, green when nothing used', () => {
    expect(budget('1200', 12).status).toBe('green');
    expect(budget('1200.01', 12).status).toBe('red');
    expect(budget('0', 1).status).toBe('green');
    expect(budget('0', 1).paceRatio).toBeUndefined();
  });
});

describe('growth', () => {
  const growth = (reported: string, target: string) =>
    evaluateStatus({ kind: 'growth', growth: reported, targetGrowth: target });

  it('gap exactly 0 is green, just below is yellow', () => {
    const atTarget = growth('8', '8');
    expect(atTarget.status).toBe('green');
    expect(atTarget.growthGap?.toString()).toBe('0');
    expect(growth('7.99', '8').status).toBe('yellow');
    expect(growth('9.5', '8').growthGap?.toString()).toBe('1.5');
  });

  it('gap exactly −2 is yellow, just below is red', () => {
    const atYellow = growth('6', '8');
    expect(atYellow.status).toBe('yellow');
    expect(atYellow.growthGap?.toString()).toBe('-2');
    expect(growth('5.99', '8').status).toBe('red');
  });

  it('works with negative growth and records the rule', () => {
    const evaluation = growth('-3', '-1');
    expect(evaluation.status).toBe('yellow');
    expect(evaluation.ruleValues.targetGrowth.toString()).toBe('-1');
    expect(evaluation.ruleValues.growthYellowGapPp.toString()).toBe('2');
  });
});

describe('cumulative_growth', () => {
  const both = (value: string, growth: string) =>
    evaluateStatus({ kind: 'cumulative_growth', value, target: '390', growth, targetGrowth: '10', month: 6 });

  it('the worse status counts', () => {
    expect(both('390', '7.9').status).toBe('red');
    expect(both('195', '9').status).toBe('yellow');
    expect(both('160', '12').status).toBe('red');
    expect(both('390', '10').status).toBe('green');
    expect(both('195', '10').status).toBe('green');
  });

  it('reports both measures and both rules', () => {
    const evaluation = both('185.25', '9');
    expect(evaluation.completion?.toString()).toBe('0.475');
    expect(evaluation.paceRatio?.toString()).toBe('0.95');
    expect(evaluation.growthGap?.toString()).toBe('-1');
    expect(Object.keys(evaluation.ruleValues).sort()).toEqual(
      ['expectedPace', 'growthYellowGapPp', 'paceGreen', 'paceYellow', 'target', 'targetGrowth'].sort(),
    );
  });
});
