import { END, Position, START } from '@eventstore/db-client';

/**
 * Global positions: EventStoreDB ↔ the port's single bigint.
 *
 * EventStoreDB places every record in one transaction log and addresses an event in `$all` by a
 * pair {commit, prepare}. Since 20.x every append over gRPC writes each event as its own
 * implicitly committed prepare record, and `$all` then reports commit = prepare = the event's own
 * log position (KurrentDB `AllReader.ReadAllEventsForward`: `new CommitEventRecord(eventRecord,
 * prepare.LogPosition)` for `PrepareFlags.IsCommitted`). So the events of one multi-event append do
 * NOT share a commit position: each has its own, strictly increasing, in `$all` order. Stream reads
 * report the same pair since 22.10 (KurrentDB PR #3459, "non-transaction events only").
 *
 * The port's position is therefore the commit position itself (a signed 64-bit value, so it fits
 * PostgreSQL `bigint` checkpoints), and reading from a bigint p uses {commit: p, prepare: p}, which
 * round-trips exactly. Only events written with the legacy TCP explicit-transaction API share a
 * commit position (commit ≠ prepare); this adapter never writes them and refuses to map them
 * (EventStoreDbPositionError) rather than deliver positions that repeat.
 */

/** Largest position the log can hold (positions are C# `long`). */
export const MAX_POSITION = 2n ** 63n - 1n;

export class EventStoreDbPositionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreDbPositionError';
  }
}

/** The port position of an event read from EventStoreDB. */
export function globalPositionOf(position: Position | undefined, what = 'event'): bigint {
  if (!position || !isValidPosition(position.commit)) {
    throw new EventStoreDbPositionError(
      `EventStoreDB did not report a log position for ${what} ` +
        '(stream reads carry positions from EventStoreDB 22.10 on)',
    );
  }
  if (position.commit !== position.prepare) {
    throw new EventStoreDbPositionError(
      `${what} was written in an explicit (TCP) transaction: ` +
        `commit ${position.commit} ≠ prepare ${position.prepare}; ` +
        'such events share a commit position and are not supported',
    );
  }
  return position.commit;
}

/**
 * The position an append reports: the commit position of its last event. Undefined when it reports
 * none (older servers answer an idempotent retry without one: AlreadyCommitted → -1). Only the
 * commit part is used: some server versions report the transaction's first position as `prepare`.
 */
export function appendedPositionOf(position: Position | undefined): bigint | undefined {
  return position && isValidPosition(position.commit) ? position.commit : undefined;
}

/** The EventStoreDB position of a port position. */
export function esdbPositionOf(position: bigint): Position {
  if (!isValidPosition(position)) throw new RangeError(`Not an EventStoreDB log position: ${position}`);
  return { commit: position, prepare: position };
}

/**
 * Where to start reading `$all` to get the events after `after`. Positions ≤ 0 (the port's "from the
 * start" checkpoints -1n and 0n; the log starts with system records) read from the start.
 */
export function readStartAfter(after: bigint | undefined): typeof START | Position {
  return after === undefined || after <= 0n ? START : esdbPositionOf(after);
}

/** Order of two `$all` positions: commit first, then prepare. */
export function compareEsdbPositions(a: Position, b: Position): -1 | 0 | 1 {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** True when `position` lies strictly after `from` (START/END are open bounds). */
export function isAfter(position: Position, from: typeof START | typeof END | Position): boolean {
  if (from === START) return true;
  if (from === END) return false;
  return compareEsdbPositions(position, from) > 0;
}

/** True when `position` lies strictly before `from` (reading backwards). */
export function isBefore(position: Position, from: typeof START | typeof END | Position): boolean {
  if (from === END) return true;
  if (from === START) return false;
  return compareEsdbPositions(position, from) < 0;
}

function isValidPosition(value: bigint): boolean {
  return value >= 0n && value <= MAX_POSITION;
}
