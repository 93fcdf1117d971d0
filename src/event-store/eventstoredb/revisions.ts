import { ANY, AppendExpectedRevision, NO_STREAM } from '@eventstore/db-client';
import { ExpectedRevision } from '../event-store.port';

/** The port's expected revision as EventStoreDB's: a revision, NO_STREAM or ANY. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (typeof expected !== 'bigint' || expected < 0n) {
    throw new RangeError(`Expected revision must be a revision ≥ 0, 'no_stream' or 'any', got ${String(expected)}`);
  }
  return expected;
}

/**
 * A stream's actual revision as EventStoreDB reports it in a WrongExpectedVersion answer:
 * 'no_stream', a revision, or (older servers, missing detail) -1 / undefined for "no stream".
 */
export function toActualRevision(actual: bigint | string | undefined): bigint | 'no_stream' {
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : actual;
  return 'no_stream';
}

/** The revision the first appended event gets when `expected` holds, if `expected` says. */
export function firstRevisionOf(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no_stream') return 0n;
  if (expected === 'any') return undefined;
  return expected + 1n;
}

/** How the expected revision reads in a WrongExpectedRevisionError (as the PostgreSQL adapter writes it). */
export function describeExpectedRevision(expected: ExpectedRevision): string {
  return String(expected);
}
