import { dec, type Dec } from '../shared/decimal';
import { RuleInputError } from './errors';
import type { Figure } from './status-types';

/** Parses a figure, naming the field when it is not a plain decimal. */
export function figure(value: Figure, field: string): Dec {
  try {
    return dec(value);
  } catch (e) {
    throw new RuleInputError(`${field}: ${(e as Error).message}`);
  }
}

export function assertInteger(value: unknown, field: string, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RuleInputError(`${field} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
}
