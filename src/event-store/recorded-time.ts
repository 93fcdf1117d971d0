import { Logger } from '@nestjs/common';
import { NewEvent } from './event-store.port';

const logger = new Logger('EventStore');

/**
 * Recorded time never goes backwards in a stream or the log: an event whose `recordedAt` is earlier than
 * `floor` (the stream's last event, the log's newest) or than an earlier event of the same append is
 * recorded at that later time instead, and a line is logged. The PostgreSQL adapter does the same inside
 * `es_append` (migration 1763780000030); this is the EventStoreDB adapter's version.
 */
export function clampRecordedTimes(
  streamId: string,
  events: readonly NewEvent[],
  floor: string | undefined,
): NewEvent[] {
  let latest = floor ? Date.parse(floor) : -Infinity;
  let clamped: { from: string; to: string } | undefined;
  const result = events.map((event) => {
    const at = Date.parse(event.metadata.recordedAt);
    if (at >= latest) {
      latest = at;
      return event;
    }
    const to = new Date(latest).toISOString();
    clamped ??= { from: event.metadata.recordedAt, to };
    return { ...event, metadata: { ...event.metadata, recordedAt: to } };
  });
  if (clamped) logClamped(streamId, clamped.from, clamped.to);
  return result;
}

export function logClamped(streamId: string, from: string, to: string): void {
  logger.warn(
    `记录时间早于流或日志中最后的时间，已调整 / recorded time ${from} is earlier than the last in ${streamId} or the log: recorded at ${to}`,
  );
}

/** The later of two ISO times (either may be absent). */
export function laterTime(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
