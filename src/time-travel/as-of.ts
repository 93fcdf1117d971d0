import { invalid } from '../shared/problems/domain-error';

/** A moment in the past: a global position, or an ISO 8601 time (events recorded at or before it). */
export type AsOf = { position: bigint } | { time: string };

export function parseAsOf(value: string): AsOf {
  if (/^\d+$/.test(value)) return { position: BigInt(value) };
  const time = new Date(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(time.getTime())) return { time: time.toISOString() };
  throw invalid('invalid-as-of', 'asOf', 'asOf 应为 ISO 8601 时间或全局位置（整数）/ asOf must be an ISO 8601 time or a global position');
}

/** Whether an event belongs to the view as of that moment. */
export function includes(asOf: AsOf, event: { position: bigint; metadata: { recordedAt: string } }): boolean {
  return 'position' in asOf ? event.position <= asOf.position : event.metadata.recordedAt <= asOf.time;
}
