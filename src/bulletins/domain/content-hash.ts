import { createHash } from 'node:crypto';
import { BulletinContent } from './bulletin.types';

/**
 * Canonical JSON (RFC 8785 for the values a bulletin holds: strings, integers, booleans, null):
 * object keys sorted by code unit, no whitespace, undefined members left out.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value))
    throw new Error(`canonicalJson: only integers, got ${value}`);
  return JSON.stringify(value);
}

/** Hex SHA-256 of the canonical JSON of an issued bulletin's content. */
export function contentHashOf(content: BulletinContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
