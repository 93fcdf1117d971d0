import { streamKind } from '../../shared/event-sourcing/stream-kind';

/**
 * One target per (plan, indicator, unit): the id is built from the three codes, so assigning the same
 * target twice meets the existing stream (409) and an import can be repeated safely.
 */
export const targetIdOf = (planCode: string, indicatorCode: string, unitCode: string) =>
  `${planCode}.${indicatorCode}.${unitCode}`;

/** Target streams: `target-<targetId>`. */
export const TARGET_STREAMS = streamKind('target');
export const targetStream = (targetId: string) => TARGET_STREAMS.of(targetId);
