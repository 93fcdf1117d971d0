/** The limits every request is held to at the boundary (README "Input rules"). */
export const INPUT_LIMITS = Object.freeze({
  /** Objects and arrays nested deeper than this are refused before anything walks them. */
  maxJsonDepth: 32,
  /** Request body size (HTTP 413 beyond). */
  maxBodyBytes: 2 * 1024 * 1024,
  /** A query or path parameter value. */
  maxParameterLength: 500,
  /** Any string in a body (DTOs set tighter limits per field). */
  maxStringLength: 20_000,
  /** Digits before the decimal point of any figure. */
  maxIntegerDigits: 20,
  /** Digits after the point a decimal string may carry at all; the unit of measure's limit is tighter. */
  maxFractionDigits: 20,
});

/** Keys that reach Object.prototype machinery when used on a plain object: refused anywhere in input. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A decimal string: sign, at most 20 digits before the point and 20 after (the unit of measure limits the places further). */
export const DECIMAL_STRING_PATTERN = new RegExp(
  `^[+-]?\\d{1,${INPUT_LIMITS.maxIntegerDigits}}(\\.\\d{1,${INPUT_LIMITS.maxFractionDigits}})?$`,
);
