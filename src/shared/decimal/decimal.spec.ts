import DecimalJs from 'decimal.js';
import { dec, Decimal, isDecimalString, toPlainString } from './decimal';

describe('isDecimalString', () => {
  it.each(['760', '-2.5', '0.0238', '+3', '0', '1760000'])('accepts %s', (s) => {
    expect(isDecimalString(s)).toBe(true);
  });

  it.each(['1.5e3', '1e-7', '', ' 1', '1,000', '.5', '5.', 'abc', 'NaN', 'Infinity', '--1', '0x10'])(
    'rejects %j',
    (s) => {
      expect(isDecimalString(s)).toBe(false);
    },
  );

  it('rejects non-strings', () => {
    expect(isDecimalString(5)).toBe(false);
    expect(isDecimalString(null)).toBe(false);
  });
});

describe('dec', () => {
  it('parses strings and numbers exactly', () => {
    expect(dec('0.1').plus(dec('0.2')).toString()).toBe('0.3');
    expect(dec(0.1).plus(dec(0.2)).toString()).toBe('0.3');
    expect(dec('-2.5').toString()).toBe('-2.5');
  });

  it('rejects NaN and Infinity', () => {
    expect(() => dec(NaN)).toThrow(/finite/);
    expect(() => dec(Infinity)).toThrow(/finite/);
    expect(() => dec(new DecimalJs(Infinity))).toThrow(/finite/);
  });

  it('rejects non-numeric and exponent strings with the offending text', () => {
    expect(() => dec('abc')).toThrow(/"abc"/);
    expect(() => dec('1.5e3')).toThrow(/"1.5e3"/);
  });

  it('computes with precision 40 and ROUND_HALF_UP', () => {
    const third = dec('1').div(dec('3'));
    expect(third.toString()).toBe('0.' + '3'.repeat(40));
    expect(dec('2').div(dec('3')).toString()).toBe('0.' + '6'.repeat(39) + '7');
    expect(dec('2.5').toDecimalPlaces(0).toString()).toBe('3');
    expect(dec('-2.5').toDecimalPlaces(0).toString()).toBe('-3');
  });

  it('re-wraps decimals from the global constructor into the configured one', () => {
    const foreign = new DecimalJs(1);
    const wrapped = dec(foreign);
    expect(wrapped.constructor).toBe(Decimal);
    expect(wrapped.div(3).toString()).toBe('0.' + '3'.repeat(40));
  });

  it('returns the same instance for an already-configured decimal', () => {
    const d = dec('5');
    expect(dec(d)).toBe(d);
  });
});

describe('toPlainString', () => {
  it('never uses exponent notation and trims trailing zeros', () => {
    expect(toPlainString(dec('760.00'))).toBe('760');
    expect(toPlainString(dec('0.0238'))).toBe('0.0238');
    expect(toPlainString(dec('1000000').pow(5))).toBe('1' + '0'.repeat(30));
    expect(toPlainString(new DecimalJs('1e30'))).toBe('1' + '0'.repeat(30));
    expect(toPlainString(dec('0.0000000001'))).toBe('0.0000000001');
  });

  it('prints negative zero as 0', () => {
    expect(toPlainString(dec('-0'))).toBe('0');
    expect(toPlainString(dec('0').neg())).toBe('0');
  });
});
