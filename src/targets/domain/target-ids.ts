import { streamKind } from '../../shared/event-sourcing/stream-kind';

/**
 * One target per (plan, indicator, unit): the id is built from the three codes, so assigning the same
 * target twice meets the existing stream (409) and an import can be repeated safely.
 */
export const targetIdOf = (planCode: string, indicatorCode: string, unitCode: string) =>
  `${planTargetIdPrefix(planCode)}${indicatorCode}.${unitCode}`;

/** What every target id of a plan starts with (so do its target and warning stream keys). */
export const planTargetIdPrefix = (planCode: string) => `${planCode}.`;

/** The three codes of a target id; undefined when it is not made of three (codes hold no dot). */
export function targetCodesOf(
  targetId: string,
): { planCode: string; indicatorCode: string; unitCode: string } | undefined {
  const parts = targetId.split('.');
  if (parts.length !== 3) return undefined;
  const [planCode, indicatorCode, unitCode] = parts;
  return { planCode, indicatorCode, unitCode };
}

/** Target streams: `target-<targetId>`. */
export const TARGET_STREAMS = streamKind('target');
export const targetStream = (targetId: string) => TARGET_STREAMS.of(targetId);
