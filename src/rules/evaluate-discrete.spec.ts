import { RuleInputError } from './errors';
import { evaluateStatus } from './status';
import type { SelfRating } from './status-types';
import { mergeThresholds } from './thresholds';

describe('zero_incident', () => {
  it('0 incidents is green, any incident red', () => {
    expect(evaluateStatus({ kind: 'zero_incident', incidents: 0 }).status).toBe('green');
    expect(evaluateStatus({ kind: 'zero_incident', incidents: 1 }).status).toBe('red');
    expect(() => evaluateStatus({ kind: 'zero_incident', incidents: -1 })).toThrow(RuleInputError);
  });
});

describe('milestone', () => {
  const milestone = (evaluationDate: string, done = false) =>
    evaluateStatus({ kind: 'milestone', deadline: '2021-06-30', evaluationDate, done });

  it('a deadline today is yellow', () => {
    const today = milestone('2021-06-30');
    expect(today.status).toBe('yellow');
    expect(today.ruleValues.daysUntilDeadline.toString()).toBe('0');
    expect(today.ruleValues.milestoneWarnDays.toString()).toBe('15');
  });

  it('a deadline in 15 days is yellow, in 16 days green', () => {
    expect(milestone('2021-06-15').status).toBe('yellow');
    expect(milestone('2021-06-14').status).toBe('green');
  });

  it('a deadline yesterday is red unless done', () => {
    expect(milestone('2021-07-01').status).toBe('red');
    expect(milestone('2021-07-01').ruleValues.daysUntilDeadline.toString()).toBe('-1');
    expect(milestone('2021-07-01', true).status).toBe('completed');
    expect(milestone('2021-01-01', true).status).toBe('completed');
  });

  it('uses the configured warning window and validates dates', () => {
    const thresholds = mergeThresholds(undefined, { milestoneWarnDays: 30 });
    const input = { kind: 'milestone', deadline: '2021-06-30', done: false, thresholds } as const;
    expect(evaluateStatus({ ...input, evaluationDate: '2021-05-31' }).status).toBe('yellow');
    expect(evaluateStatus({ ...input, evaluationDate: '2021-05-30' }).status).toBe('green');
    expect(() => evaluateStatus({ ...input, evaluationDate: '2021-02-30' })).toThrow(/evaluationDate/);
  });
});

describe('qualitative', () => {
  it.each([
    ['on_track', 'green'],
    ['at_risk', 'yellow'],
    ['off_track', 'red'],
  ] as const)('%s → %s', (selfRating, status) => {
    expect(evaluateStatus({ kind: 'qualitative', selfRating }).status).toBe(status);
  });

  it('rejects an unknown rating', () => {
    expect(() => evaluateStatus({ kind: 'qualitative', selfRating: 'fine' as SelfRating })).toThrow(/"fine"/);
    expect(() => evaluateStatus({ kind: 'qualitative', selfRating: 'toString' as SelfRating })).toThrow(RuleInputError);
  });
});

describe('rank', () => {
  const rank = (r: number) => evaluateStatus({ kind: 'rank', rank: r, targetRank: 9 });

  it('green at or above the target rank, yellow up to 2 places behind, red beyond', () => {
    expect(rank(1).status).toBe('green');
    expect(rank(9).status).toBe('green');
    expect(rank(10).status).toBe('yellow');
    expect(rank(11).status).toBe('yellow');
    expect(rank(12).status).toBe('red');
    expect(rank(12).ruleValues.targetRank.toString()).toBe('9');
    expect(rank(12).ruleValues.rankYellowPlaces.toString()).toBe('2');
  });

  it('takes a configured number of places and rejects invalid ranks', () => {
    const thresholds = mergeThresholds({ rankYellowPlaces: 0 });
    expect(evaluateStatus({ kind: 'rank', rank: 10, targetRank: 9, thresholds }).status).toBe('red');
    expect(() => rank(0)).toThrow(RuleInputError);
    expect(() => rank(1.5)).toThrow(RuleInputError);
  });
});
