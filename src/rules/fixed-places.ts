import { dec } from '../shared/decimal';

/**
 * Rounding of plain decimal strings ("12.3456", "-0.0238") to a fixed number of places on their
 * digits, without building a Decimal: the display values of every completion row are made this way
 * when a rebuild writes a million of them. Same results as decimal.js `toFixed(places)` with
 * ROUND_HALF_UP (ties away from zero), including its sign: a negative value that rounds to zero keeps
 * its minus ("-0.00"), a zero never has one.
 */
const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** The precision our Decimal multiplies with (src/shared/decimal): beyond it a shifted value is rounded first. */
const DECIMAL_PRECISION = 40;

/**
 * `value` × 10^`shift` rounded half up to `places` decimal places, as `dec(value).times(10 ** shift)
 * .toFixed(places)` answers it; undefined when `value` is not a plain decimal.
 */
export function roundedPlaces(value: string, places: number, shift = 0): string | undefined {
  const match = PLAIN_DECIMAL.exec(value);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  // The multiplication rounds a value of more digits than its precision before the places are: rare, left to it.
  if (shift > 0 && significantDigits(whole, fraction) > DECIMAL_PRECISION)
    return dec(value).times(dec(10).pow(shift)).toFixed(places);
  // Shift the point right: the first `shift` fraction digits join the integer part.
  const shiftedFraction = fraction.length > shift ? fraction.slice(shift) : '';
  const digits =
    whole + fraction.slice(0, shift).padEnd(shift, '0') + shiftedFraction.slice(0, places).padEnd(places, '0');
  const roundUp = (shiftedFraction.charCodeAt(places) || 48) >= 53; // the next digit is 5 or more
  const magnitude = trimLeadingZeros(roundUp ? incremented(digits) : digits, places);
  const point = magnitude.length - places;
  const shown = places > 0 ? `${magnitude.slice(0, point)}.${magnitude.slice(point)}` : magnitude;
  return sign === '-' && !isAllZeros(whole + fraction) ? `-${shown}` : shown;
}

function significantDigits(whole: string, fraction: string): number {
  const all = whole + fraction;
  // Only a long value can exceed the precision: most are answered without scanning.
  if (all.length <= DECIMAL_PRECISION) return all.length;
  let first = 0;
  while (first < all.length && all.charCodeAt(first) === 48) first++;
  let last = all.length - 1;
  while (last >= first && all.charCodeAt(last) === 48) last--;
  return last - first + 1;
}

/** The digit string plus one in its last place ("0999" → "1000", "99" → "100"). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57) i--;
  const tail = '0'.repeat(digits.length - 1 - i);
  if (i < 0) return `1${tail}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + tail;
}

/** Leading zeros of the integer part dropped, one kept before the point. */
function trimLeadingZeros(digits: string, places: number): string {
  let start = 0;
  while (start < digits.length - places - 1 && digits.charCodeAt(start) === 48) start++;
  return digits.slice(start);
}

function isAllZeros(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) !== 48) return false;
  return true;
}
