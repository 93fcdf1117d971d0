import { dec } from '../shared/decimal';
import { RuleInputError } from './errors';
import { cachedExpectedPace, expectedPace, expectedPaceFraction, paceCurveProblems } from './expected-pace';

const SEASONAL = ['0.05', '0.1', '0.18', '0.26', '0.34', '0.45', '0.53', '0.61', '0.7', '0.8', '0.9', '1'];

describe('expectedPace', () => {
  it('is m/12 by default', () => {
    expect(expectedPace({ month: 6 }).toString()).toBe('0.5');
    expect(expectedPace({ month: 3 }).toString()).toBe('0.25');
    expect(expectedPace({ month: 12 }).toString()).toBe('1');
    expect(expectedPace({ month: 1 }).toString()).toBe('0.08333333333333333333333333333333333333333');
  });

  it('keeps the exact fraction for comparisons', () => {
    const f = expectedPaceFraction({ month: 1 });
    expect(f.numerator.toString()).toBe('1');
    expect(f.denominator.toString()).toBe('12');
  });

  it('1–11月 indicators: m/11, month 11 → 1, month 12 → 1', () => {
    expect(expectedPace({ month: 5, reportingMonths: 11 }).eq(dec(5).div(11))).toBe(true);
    const fraction = expectedPaceFraction({ month: 5, reportingMonths: 11 });
    expect([fraction.numerator.toString(), fraction.denominator.toString()]).toEqual(['5', '11']);
    expect(expectedPace({ month: 11, reportingMonths: 11 }).toString()).toBe('1');
    expect(expectedPace({ month: 12, reportingMonths: 11 }).toString()).toBe('1');
  });

  it('uses a seasonal curve: curve[m−1]', () => {
    expect(expectedPace({ month: 1, paceCurve: SEASONAL }).toString()).toBe('0.05');
    expect(expectedPace({ month: 6, paceCurve: SEASONAL }).toString()).toBe('0.45');
    expect(expectedPace({ month: 12, paceCurve: SEASONAL }).toString()).toBe('1');
  });

  it('rejects invalid months and ambiguous options', () => {
    expect(() => expectedPace({ month: 0 })).toThrow(RuleInputError);
    expect(() => expectedPace({ month: 13 })).toThrow(RuleInputError);
    expect(() => expectedPace({ month: 1.5 })).toThrow(RuleInputError);
    expect(() => expectedPace({ month: 3, reportingMonths: 0 })).toThrow(/reportingMonths/);
    expect(() => expectedPace({ month: 3, reportingMonths: 11, paceCurve: SEASONAL })).toThrow(/not both/);
  });

  it('rejects an invalid curve', () => {
    expect(() => expectedPace({ month: 3, paceCurve: SEASONAL.slice(0, 11) })).toThrow(/12 values/);
  });
});

describe('paceCurveProblems', () => {
  it('accepts a valid curve, including flat stretches and leading zeros', () => {
    expect(paceCurveProblems(SEASONAL)).toEqual([]);
    expect(paceCurveProblems(['0', '0', '0.2', '0.2', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1', '1'])).toEqual([]);
  });

  it('reports each problem', () => {
    expect(paceCurveProblems(['0.1'])).toEqual(['must have 12 values, has 1']);
    const decreasing = [...SEASONAL];
    decreasing[4] = '0.2';
    expect(paceCurveProblems(decreasing)).toEqual(['month 5: 0.2 is below the previous month']);
    const notEndingAtOne = [...SEASONAL];
    notEndingAtOne[11] = '0.95';
    expect(paceCurveProblems(notEndingAtOne)).toEqual(['month 12 must be 1']);
    const outOfRange = [...SEASONAL];
    outOfRange[0] = '-0.1';
    expect(paceCurveProblems(outOfRange)).toEqual(['month 1: -0.1 is outside [0, 1]']);
    const notDecimal = [...SEASONAL];
    notDecimal[2] = 'x';
    expect(paceCurveProblems(notDecimal)).toEqual(['month 3: not a decimal ("x")']);
    const aboveOne = [...SEASONAL];
    aboveOne[10] = '1.1';
    expect(paceCurveProblems(aboveOne)).toEqual([
      'month 11: 1.1 is outside [0, 1]',
      'month 12: 1 is below the previous month',
    ]);
  });

  it('cachedExpectedPace answers the fraction and its quotient, per distinct options, and refuses what the fraction refuses', () => {
    for (const options of [{ month: 5 }, { month: 7, reportingMonths: 11 }, { month: 3, paceCurve: SEASONAL }]) {
      const pace = cachedExpectedPace(options);
      const fraction = expectedPaceFraction(options);
      expect(pace.numerator.eq(fraction.numerator) && pace.denominator.eq(fraction.denominator)).toBe(true);
      expect(pace.value.eq(expectedPace(options))).toBe(true);
      expect(cachedExpectedPace({ ...options })).toBe(pace);
    }
    const otherCurve = [...SEASONAL];
    otherCurve[2] = '0.2';
    expect(cachedExpectedPace({ month: 3, paceCurve: otherCurve }).value.toString()).toBe('0.2');
    expect(cachedExpectedPace({ month: 3, paceCurve: SEASONAL }).value.toString()).toBe('0.18');
    expect(() => cachedExpectedPace({ month: 13 })).toThrow(RuleInputError);
    expect(() => cachedExpectedPace({ month: 3, paceCurve: ['x'] })).toThrow(RuleInputError);
  });
});
