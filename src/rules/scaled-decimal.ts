import { toPlainString, type Dec } from '../shared/decimal';

/**
 * Exact decimals as scaled integers (`int` × 10^−`scale`), for the rules' hot path: a rebuild
 * evaluates a million reports, and decimal.js objects for each figure, product and quotient were a
 * fifth of its time. Only what the cumulative rule needs: parsing a plain decimal string, products
 * and comparisons (exact), and the quotient as decimal.js gives it (40 significant digits,
 * ROUND_HALF_UP, in plain notation as toPlainString prints it).
 */
export interface Scaled {
  /** The value × 10^scale, sign included. */
  readonly int: bigint;
  /** Digits after the point (≥ 0); trailing zeros of the fraction are dropped. */
  readonly scale: number;
  /**
   * Digits of |int| without leading zeros (0 for zero) when parsed; for a product at most one more
   * than it has. A bound on its significant digits either way.
   */
  readonly digits: number;
}

/** The precision of our Decimal (src/shared/decimal): significant digits of a quotient, and of a product. */
export const PRECISION = 40;

const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

const POWERS: bigint[] = [1n];

/** 10^n as a bigint (remembered: the same few powers over and over). */
export function pow10(n: number): bigint {
  for (let i = POWERS.length; i <= n; i++) POWERS.push(POWERS[i - 1] * 10n);
  return POWERS[n];
}

/** A plain decimal string ("760", "-0.0238", "+3", "007.50") as a scaled integer; undefined for anything else. */
export function parseScaled(value: string): Scaled | undefined {
  const match = PLAIN_DECIMAL.exec(value);
  if (!match) return undefined;
  const [, sign, whole] = match;
  let fraction = match[3] ?? '';
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  if (end < fraction.length) fraction = fraction.slice(0, end);
  let all = whole + fraction;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  if (start > 0) all = all.slice(start);
  if (all.length === 0) return { int: 0n, scale: 0, digits: 0 };
  const magnitude = BigInt(all);
  return { int: sign === '-' ? -magnitude : magnitude, scale: fraction.length, digits: all.length };
}

const ofDecimals = new WeakMap<Dec, Scaled>();

/** A Decimal (thresholds, paces: shared objects) as a scaled integer, remembered per object. */
export function scaledOf(value: Dec): Scaled {
  let scaled = ofDecimals.get(value);
  if (!scaled) {
    scaled = parseScaled(toPlainString(value));
    if (!scaled) throw new Error(`Not a plain decimal: ${value.toString()}`);
    ofDecimals.set(value, scaled);
  }
  return scaled;
}

/** a × b, exact. */
export function times(a: Scaled, b: Scaled): Scaled {
  return { int: a.int * b.int, scale: a.scale + b.scale, digits: a.digits + b.digits };
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function compare(a: Scaled, b: Scaled): number {
  const x = a.scale >= b.scale ? a.int : a.int * pow10(b.scale - a.scale);
  const y = b.scale >= a.scale ? b.int : b.int * pow10(a.scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** toPlainString(dec(x)): no exponent, no trailing zeros, no negative zero. */
export function plainString(x: Scaled): string {
  if (x.int === 0n) return '0';
  const negative = x.int < 0n;
  return placed((negative ? -x.int : x.int).toString(), -x.scale, negative);
}

/**
 * a / b (b ≠ 0) as decimal.js divides with precision 40 and ROUND_HALF_UP (correctly rounded: the
 * exact quotient's 41st significant digit decides, ties away from zero), printed as toPlainString does.
 */
export function quotientString(a: Scaled, b: Scaled): string {
  if (a.int === 0n) return '0';
  const negative = a.int < 0n !== b.int < 0n;
  const n = a.int < 0n ? -a.int : a.int;
  const d = b.int < 0n ? -b.int : b.int;
  // n × 10^k / d with PRECISION + 1 digits or more before its point: enough for the rounding digit
  // (PRECISION + 1 or + 2 with exact digit counts; a product's count may be one too many: then again).
  let k = PRECISION + 1 - a.digits + b.digits;
  let text = integerQuotient(n, d, k).toString();
  if (text.length <= PRECISION) {
    k += PRECISION + 1 - text.length;
    text = integerQuotient(n, d, k).toString();
  }
  const dropped = text.length - PRECISION;
  let exponent = dropped - k - a.scale + b.scale;
  const roundUp = text.charCodeAt(PRECISION) >= 53; // the first digit dropped is 5 or more
  text = text.slice(0, PRECISION);
  if (roundUp) {
    const up = (BigInt(text) + 1n).toString();
    // 99…9 + 1: one digit more, which is a trailing zero of the same value.
    if (up.length > PRECISION) {
      text = up.slice(0, PRECISION);
      exponent++;
    } else text = up;
  }
  return placed(text, exponent, negative);
}

/** floor(n × 10^k / d) */
function integerQuotient(n: bigint, d: bigint, k: number): bigint {
  return k >= 0 ? (n * pow10(k)) / d : n / (d * pow10(-k));
}

/** digits × 10^exponent in plain notation, trailing zeros of the fraction dropped. */
function placed(digits: string, exponent: number, negative: boolean): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48 && exponent < 0) {
    end--;
    exponent++;
  }
  if (end < digits.length) digits = digits.slice(0, end);
  let text: string;
  if (exponent >= 0) text = exponent === 0 ? digits : digits + '0'.repeat(exponent);
  else if (digits.length > -exponent) {
    const point = digits.length + exponent;
    text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  } else text = `0.${'0'.repeat(-exponent - digits.length)}${digits}`;
  return negative ? `-${text}` : text;
}
