import { dec } from '../shared/decimal';
import { RuleInputError } from './errors';
import { evaluateStatus, evaluationToJson } from './status';
import type { EvaluationInput } from './status-types';
import { worseStatus } from './worse-status';

describe('evaluateStatus', () => {
  it('rejects an unknown kind', () => {
    expect(() => evaluateStatus({ kind: 'vibes' } as unknown as EvaluationInput)).toThrow(RuleInputError);
    expect(() => evaluateStatus({ kind: 'vibes' } as unknown as EvaluationInput)).toThrow(/"vibes"/);
  });

  it('accepts Dec figures as well as decimal strings', () => {
    const evaluation = evaluateStatus({ kind: 'cumulative', value: dec('380'), target: dec('760'), month: 6 });
    expect(evaluation.status).toBe('green');
    expect(evaluation.paceRatio?.eq(1)).toBe(true);
  });
});

describe('worseStatus', () => {
  it('orders red > yellow > green > completed', () => {
    expect(worseStatus('completed', 'green')).toBe('green');
    expect(worseStatus('green', 'yellow')).toBe('yellow');
    expect(worseStatus('red', 'yellow')).toBe('red');
    expect(worseStatus('completed', 'completed')).toBe('completed');
  });
});

describe('evaluationToJson', () => {
  it('writes decimals as plain strings and omits absent measures', () => {
    const json = evaluationToJson(evaluateStatus({ kind: 'cumulative', value: '950', target: '12000', month: 1 }));
    expect(json).toEqual({
      status: 'green',
      completion: '0.07916666666666666666666666666666666666667',
      expectedPace: '0.08333333333333333333333333333333333333333',
      paceRatio: '0.95',
      ruleValues: {
        target: '12000',
        expectedPace: '0.08333333333333333333333333333333333333333',
        paceGreen: '0.95',
        paceYellow: '0.85',
      },
    });
    expect(evaluationToJson(evaluateStatus({ kind: 'qualitative', selfRating: 'at_risk' }))).toEqual({
      status: 'yellow',
      ruleValues: {},
    });
  });
});
