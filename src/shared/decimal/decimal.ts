import DecimalJs from 'decimal.js';

/**
 * A dedicated Decimal constructor so that the global decimal.js settings used by other libraries
 * cannot change our arithmetic. Exponent thresholds are pushed out so `toString()` never uses
 * exponent notation either.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

export type Dec = DecimalJs;
export type DecInput = string | number | Dec;

const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** Plain decimal notation with an optional sign: "760", "-2.5", "0.0238". No exponent, no separators. */
export function isDecimalString(s: unknown): s is string {
  return typeof s === 'string' && PLAIN_DECIMAL.test(s);
}

export function dec(x: DecInput): Dec {
  if (typeof x === 'string') {
    if (!isDecimalString(x)) {
      const hint = 'expected plain notation such as "760" or "-0.0238"';
      throw new Error(`Not a decimal number: ${JSON.stringify(x)} (${hint})`);
    }
    return new Decimal(x);
  }
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new Error(`Not a finite number: ${x}`);
    return new Decimal(x);
  }
  if (x instanceof DecimalJs) {
    if (!x.isFinite()) throw new Error(`Not a finite decimal: ${x.toString()}`);
    // Re-wrap so that a Decimal from another constructor computes with our precision and rounding.
    return x.constructor === Decimal ? x : new Decimal(x);
  }
  throw new Error(`Not a decimal value: ${String(x)}`);
}

/** No exponent, no trailing zeros, no negative zero: "760", "0.0238". */
export function toPlainString(d: Dec): string {
  if (d.isZero()) return '0';
  return d.toFixed();
}

export const ZERO: Dec = new Decimal(0);
export const ONE: Dec = new Decimal(1);
