import { dec } from '../shared/decimal';
import { RuleInputError } from './errors';
import { DEFAULT_THRESHOLDS, mergeThresholds, thresholdProblems } from './thresholds';

describe('DEFAULT_THRESHOLDS', () => {
  it('holds the domain defaults', () => {
    const t = DEFAULT_THRESHOLDS;
    expect(t.paceGreen.toString()).toBe('0.95');
    expect(t.paceYellow.toString()).toBe('0.85');
    expect(t.growthYellowGapPp.toString()).toBe('2');
    expect(t.levelYellowRatio.toString()).toBe('0.95');
    expect(t.ceilingGreenRatio.toString()).toBe('0.9');
    expect(t.milestoneWarnDays).toBe(15);
    expect(t.reportDueDay).toBe(10);
    expect(t.rankYellowPlaces).toBe(2);
    expect(t.relativeYellowTolerance.toString()).toBe('0.05');
    expect(thresholdProblems(t)).toEqual([]);
  });
});

describe('mergeThresholds', () => {
  it('returns the defaults without overrides', () => {
    const t = mergeThresholds();
    expect(t.paceGreen.eq(DEFAULT_THRESHOLDS.paceGreen)).toBe(true);
    expect(t.reportDueDay).toBe(10);
  });

  it('applies plan overrides, then indicator overrides', () => {
    const t = mergeThresholds(
      { paceGreen: '0.9', paceYellow: '0.8', reportDueDay: 5 },
      { paceYellow: dec('0.7'), milestoneWarnDays: 30 },
    );
    expect(t.paceGreen.toString()).toBe('0.9');
    expect(t.paceYellow.toString()).toBe('0.7');
    expect(t.reportDueDay).toBe(5);
    expect(t.milestoneWarnDays).toBe(30);
    expect(t.ceilingGreenRatio.toString()).toBe('0.9');
  });

  it('ignores undefined entries', () => {
    expect(mergeThresholds({ paceGreen: undefined }).paceGreen.toString()).toBe('0.95');
  });

  it('rejects inconsistent, malformed and unknown thresholds', () => {
    expect(() => mergeThresholds({ paceYellow: '0.96' })).toThrow(/paceYellow must be ≤ paceGreen/);
    expect(() => mergeThresholds(undefined, { ceilingGreenRatio: '1.2' })).toThrow(/ceilingGreenRatio/);
    expect(() => mergeThresholds({ paceGreen: 'high' })).toThrow(/plan\.paceGreen/);
    expect(() => mergeThresholds({ reportDueDay: 10.5 })).toThrow(RuleInputError);
    expect(() => mergeThresholds({ paceGren: '0.9' } as never)).toThrow(/unknown threshold "paceGren"/);
  });
});
