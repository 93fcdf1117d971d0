/**
 * One target per (plan, indicator, unit): the id is built from the three codes, so assigning the same
 * target twice meets the existing stream (409) and an import can be repeated safely.
 */
export const targetIdOf = (planCode: string, indicatorCode: string, unitCode: string) =>
  `${planCode}.${indicatorCode}.${unitCode}`;

export const targetStream = (targetId: string) => `target-${targetId}`;

export const TARGET_ID_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
