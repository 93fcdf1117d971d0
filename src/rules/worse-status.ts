import type { EvaluatedStatus } from './status-types';

const BADNESS: Record<EvaluatedStatus, number> = { completed: 0, green: 1, yellow: 2, red: 3 };

/** red > yellow > green > completed */
export function worseStatus(a: EvaluatedStatus, b: EvaluatedStatus): EvaluatedStatus {
  return BADNESS[b] > BADNESS[a] ? b : a;
}
