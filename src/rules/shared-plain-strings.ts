import { toPlainString, type Dec } from '../shared/decimal';

/**
 * Plain strings of the decimals many evaluations share (thresholds, cached expected paces), made once:
 * decimals are immutable, so the string of one object never changes. Per-report figures are never
 * remembered here (a lookup of one misses and costs nothing more).
 */
const plainStrings = new WeakMap<Dec, string>();

/** `value`, with its plain string remembered for plainStringOf. */
export function sharedDecimal(value: Dec): Dec {
  if (!plainStrings.has(value)) plainStrings.set(value, toPlainString(value));
  return value;
}

/** toPlainString(value), without formatting a shared decimal again. */
export function plainStringOf(value: Dec): string {
  return plainStrings.get(value) ?? toPlainString(value);
}
