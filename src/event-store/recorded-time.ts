import { Logger } from '@nestjs/common';
import { NewEvent } from './event-store.port';
import { ClampLog, Clamped } from './clamp-log';

/**
 * Recorded time never goes backwards in a stream or the log: an event whose `recordedAt` is earlier than
 * `floor` (the stream's last event, the log's newest) or than an earlier event of the same append is
 * recorded at that later time instead. The PostgreSQL adapter does the same inside its append statement
 * (postgres/append-sql.ts) and counts here what it moved; the memory and EventStoreDB adapters clamp with this.
 */
export function clampTimes(
  events: readonly NewEvent[],
  floor: string | undefined,
): { events: NewEvent[]; clamped?: Clamped } {
  let latest = floor ? Date.parse(floor) : -Infinity;
  let clamped: Clamped | undefined;
  const result = events.map((event) => {
    const at = Date.parse(event.metadata.recordedAt);
    if (at >= latest) {
      latest = at;
      return event;
    }
    const to = new Date(latest).toISOString();
    if (clamped) clamped.events++;
    else clamped = { events: 1, from: event.metadata.recordedAt, to };
    return { ...event, metadata: { ...event.metadata, recordedAt: to } };
  });
  return clamped ? { events: result, clamped } : { events: result };
}

/** `clampTimes`, and what it moved reported to the process's clamp log. */
export function clampRecordedTimes(
  streamId: string,
  events: readonly NewEvent[],
  floor: string | undefined,
): NewEvent[] {
  const { events: timed, clamped } = clampTimes(events, floor);
  if (clamped) recordedTimeClamps.report(streamId, clamped);
  return timed;
}

const logger = new Logger('EventStore');

/**
 * The process's one clamp log (every adapter reports to it): the first clamp at once, then at most one
 * summary a minute, so a restarted simulated clock or a demo behind the log does not log a line per event.
 */
export const recordedTimeClamps = new ClampLog((line) => logger.warn(line));

/** The later of two ISO times (either may be absent). */
export function laterTime(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
