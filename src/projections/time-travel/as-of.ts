/** A moment in the past: a global position, or an ISO 8601 time (events recorded at or before it). */
export type AsOf = { position: bigint } | { time: string };

/** Whether an event belongs to the view as of that moment. */
export function includes(asOf: AsOf, event: { position: bigint; metadata: { recordedAt: string } }): boolean {
  return 'position' in asOf ? event.position <= asOf.position : event.metadata.recordedAt <= asOf.time;
}
