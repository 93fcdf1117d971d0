import { evaluateStatus } from './status';
import { mergeThresholds } from './thresholds';

describe('level (higher is better)', () => {
  const level = (value: string) => evaluateStatus({ kind: 'level', value, target: '16.58' });

  it('green at the target, yellow at exactly 95%, red just below', () => {
    expect(level('16.58').status).toBe('green');
    expect(level('16.58').completion?.toString()).toBe('1');
    expect(level('16.5799').status).toBe('yellow');
    expect(level('15.751').status).toBe('yellow');
    expect(level('15.7509').status).toBe('red');
  });

  it('records target and ratio', () => {
    const { ruleValues } = level('16');
    expect(ruleValues.target.toString()).toBe('16.58');
    expect(ruleValues.levelYellowRatio.toString()).toBe('0.95');
  });
});

describe('level (lower is better)', () => {
  const level = (value: string) => evaluateStatus({ kind: 'level', direction: 'lower_is_better', value, target: '95' });

  it('green at or under the target, yellow while value × 0.95 ≤ target', () => {
    expect(level('95').status).toBe('green');
    expect(level('95.01').status).toBe('yellow');
    expect(level('100').status).toBe('yellow');
    expect(level('100.01').status).toBe('red');
  });
});

describe('ceiling', () => {
  const ceiling = (value: string, cap = '5980') => evaluateStatus({ kind: 'ceiling', value, cap });

  it('exactly 90% of the cap is green, just above is yellow', () => {
    expect(ceiling('5382').status).toBe('green');
    expect(ceiling('5382.01').status).toBe('yellow');
  });

  it('the cap exactly met is yellow, above it red', () => {
    expect(ceiling('5980').status).toBe('yellow');
    expect(ceiling('5980.01').status).toBe('red');
  });

  it('works for small rates and records the rule', () => {
    const evaluation = ceiling('0.02142', '0.0238');
    expect(evaluation.status).toBe('green');
    expect(evaluation.ruleValues.cap.toString()).toBe('0.0238');
    expect(evaluation.ruleValues.ceilingGreenRatio.toString()).toBe('0.9');
    expect(ceiling('0.021421', '0.0238').status).toBe('yellow');
  });
});

describe('relative', () => {
  const relative = (value: string, reference: string, direction?: 'higher_is_better' | 'lower_is_better') =>
    evaluateStatus({ kind: 'relative', value, reference, ...(direction ? { direction } : {}) });

  it('higher is better: green meeting the reference, yellow within 5%, red beyond', () => {
    expect(relative('100', '100').status).toBe('green');
    expect(relative('95', '100').status).toBe('yellow');
    expect(relative('94.99', '100').status).toBe('red');
  });

  it('lower is better mirrors it', () => {
    expect(relative('100', '100', 'lower_is_better').status).toBe('green');
    expect(relative('105', '100', 'lower_is_better').status).toBe('yellow');
    expect(relative('105.01', '100', 'lower_is_better').status).toBe('red');
  });

  it('uses |reference| for the tolerance band and a configurable tolerance', () => {
    expect(relative('-4.2', '-4').status).toBe('yellow');
    expect(relative('-4.21', '-4').status).toBe('red');
    const thresholds = mergeThresholds({ relativeYellowTolerance: '0.1' });
    const evaluation = evaluateStatus({ kind: 'relative', value: '90', reference: '100', thresholds });
    expect(evaluation.status).toBe('yellow');
    expect(evaluation.ruleValues.relativeYellowTolerance.toString()).toBe('0.1');
    expect(evaluation.ruleValues.reference.toString()).toBe('100');
  });
});
