import { seededRandom } from '../seeding/demo/prng';
import { dec } from '../shared/decimal';
import { evaluateCumulative, evaluateCumulativeGrowth } from './evaluate-cumulative';
import { exactCumulativeJson } from './exact-cumulative';
import { parseScaled, plainString, quotientString } from './scaled-decimal';
import { evaluateStatusJson, evaluationToJson } from './status';
import type { CumulativeGrowthInput, CumulativeInput } from './status-types';
import { mergeThresholds, type RuleThresholds } from './thresholds';

/** What a cumulative evaluation was before: decimal.js throughout; the error's message when it throws. */
function byDecimal(input: Omit<CumulativeInput, 'kind'>): unknown {
  try {
    return evaluationToJson(evaluateCumulative(input));
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function byStatusJson(input: CumulativeInput | CumulativeGrowthInput): unknown {
  try {
    return evaluateStatusJson(input);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const random = seededRandom('exact-cumulative');
const digits = (n: number) => Array.from({ length: n }, () => String(random.int(0, 9))).join('');

/** Figures as reports have them (integers, a few places), and some awkward ones: zeros, signs, long, padded. */
function figure(): string {
  const shape = random.int(0, 9);
  const sign = random.pick(['', '', '', '', '-', '+']);
  if (shape <= 3) return `${sign}${random.int(0, 200000)}`;
  if (shape <= 5) return `${sign}${random.int(0, 99999)}.${digits(random.int(1, 4))}`;
  if (shape === 6)
    return `${sign}${random.pick(['0', '00', '007', '0.000'])}${random.chance(0.5) ? digits(random.int(1, 3)) : ''}`;
  if (shape === 7) return `${sign}${digits(random.int(1, 18))}.${digits(random.int(0, 12)) || '0'}`;
  if (shape === 8)
    return `${sign}${digits(random.int(15, 30))}${random.chance(0.5) ? `.${digits(random.int(1, 20))}` : ''}`;
  return random.pick(['1e3', '.5', '', 'abc', '1,000', '5.']);
}

/** A target: mostly like a report's value; now and then equal to it, zero or negative. */
function target(value: string): string {
  if (random.chance(0.05)) return value;
  if (random.chance(0.03)) return random.pick(['0', '-5', '0.00']);
  const t = figure();
  return t.replace(/^-/, '');
}

function paceCurve(): string[] | undefined {
  if (!random.chance(0.25)) return undefined;
  const steps = Array.from({ length: 11 }, () => random.int(0, 1000)).sort((a, b) => a - b);
  const places = random.int(1, 6);
  const scale = 10 ** places;
  return [...steps.map((s) => (Math.floor((s * scale) / 1000) / scale).toFixed(places)), '1'];
}

function thresholds(): RuleThresholds | undefined {
  if (random.chance(0.4)) return undefined;
  const green = random.pick(['0.95', '0.9', '1', '0.975', '0.8333', '0.951234567']);
  const yellow = random.pick(['0.85', '0.5', '0.8', '0.12345', green]);
  try {
    return mergeThresholds({ paceGreen: green, paceYellow: yellow });
  } catch {
    return undefined;
  }
}

function cumulativeInput(): Omit<CumulativeInput, 'kind'> {
  const value = figure();
  const curve = paceCurve();
  return {
    value,
    target: target(value),
    month: random.chance(0.01) ? random.pick([0, 13, 1.5]) : random.int(1, 12),
    ...(curve ? { paceCurve: curve } : random.chance(0.3) ? { reportingMonths: random.int(1, 12) } : {}),
    ...(random.chance(0.3) ? { direction: random.pick(['higher_is_better', 'lower_is_better'] as const) } : {}),
    thresholds: thresholds(),
  };
}

describe('exactCumulativeJson', () => {
  it('answers as decimal.js does over many figures, paces, thresholds and directions', () => {
    let exact = 0;
    for (let i = 0; i < 25000; i++) {
      const input = cumulativeInput();
      const expected = byDecimal(input);
      let json: unknown;
      try {
        json = exactCumulativeJson(input);
        if (json) exact++;
      } catch (e) {
        // An invalid pace throws the error the Decimal path throws.
        json = { error: (e as Error).message };
      }
      if (json) {
        expect([input, json]).toEqual([input, expected]);
        // The keys in the same order, so a stored document's JSON is the same text.
        expect([input, JSON.stringify(json)]).toEqual([input, JSON.stringify(expected)]);
      }
      expect([input, byStatusJson({ kind: 'cumulative', ...input })]).toEqual([input, expected]);
    }
    // Most of the cases take the scaled path (the rest: invalid figures, targets ≤ 0, figures too long).
    expect(exact).toBeGreaterThan(15000);
  });

  it('answers cumulative_growth as decimal.js does', () => {
    for (let i = 0; i < 5000; i++) {
      const { direction: _direction, ...cumulative } = cumulativeInput();
      const input: CumulativeGrowthInput = {
        kind: 'cumulative_growth',
        ...cumulative,
        growth: random.pick(['5.2', '-1.5', '0', '12', '7.25']),
        targetGrowth: random.pick(['5', '6.5', '-2']),
      };
      let expected: unknown;
      try {
        expected = evaluationToJson(evaluateCumulativeGrowth(input));
      } catch (e) {
        expected = { error: (e as Error).message };
      }
      const actual = byStatusJson(input);
      expect([input, actual]).toEqual([input, expected]);
      expect([input, JSON.stringify(actual)]).toEqual([input, JSON.stringify(expected)]);
    }
  });

  it('leaves to decimal.js what it cannot answer exactly', () => {
    const long = '12345678901234567890123456789012345.123456789';
    expect(exactCumulativeJson({ value: long, target: '1000', month: 6 })).toBeUndefined();
    expect(exactCumulativeJson({ value: '5', target: '0', month: 6 })).toBeUndefined();
    expect(exactCumulativeJson({ value: dec('5'), target: '10', month: 6 })).toBeUndefined();
    expect(exactCumulativeJson({ value: '5e1', target: '10', month: 6 })).toBeUndefined();
    // …and then answers as before, errors included.
    expect(evaluateStatusJson({ kind: 'cumulative', value: long, target: '1000', month: 6 })).toEqual(
      evaluationToJson(evaluateCumulative({ value: long, target: '1000', month: 6 })),
    );
    expect(() => evaluateStatusJson({ kind: 'cumulative', value: '5', target: '0', month: 6 })).toThrow(
      'target must be > 0',
    );
  });
});

describe('quotientString', () => {
  it('divides as decimal.js does: 40 significant digits, half up, plain notation', () => {
    const q = (a: string, b: string) => quotientString(parseScaled(a)!, parseScaled(b)!);
    expect(q('1', '3')).toBe('0.' + '3'.repeat(40));
    expect(q('2', '3')).toBe('0.' + '6'.repeat(39) + '7');
    expect(q('-2', '3')).toBe('-0.' + '6'.repeat(39) + '7');
    expect(q('570', '1200')).toBe('0.475');
    expect(q('1', '0.0004')).toBe('2500');
    expect(q('0', '7')).toBe('0');
    expect(q('-0', '7')).toBe('0');
    for (let i = 0; i < 20000; i++) {
      const a = `${random.pick(['', '-'])}${random.pick(['0.', '', '0.000'])}${digits(random.int(1, 45))}`;
      const b = `${random.pick(['', '-'])}${random.pick(['0.', '', '0.00'])}${random.int(1, 9)}${digits(random.int(0, 45))}`;
      expect([a, b, q(a, b)]).toEqual([a, b, plainOf(dec(a).div(dec(b)).toFixed())]);
    }
  });

  it('prints parsed figures as toPlainString does', () => {
    for (const figure of ['760.00', '007', '-0', '+3', '0.0238', '-0.000', '1000', '12.3400'])
      expect(plainString(parseScaled(figure)!)).toBe(plainOf(dec(figure).toFixed()));
  });
});

/** toPlainString: "0" for a zero of either sign. */
const plainOf = (fixed: string) => (/^-?0(\.0*)?$/.test(fixed) ? '0' : fixed);
