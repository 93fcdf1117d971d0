import { AsOf } from '../projections/time-travel/as-of';
import { invalid } from '../shared/problems/domain-error';

export { includes } from '../projections/time-travel/as-of';
export type { AsOf } from '../projections/time-travel/as-of';

export function parseAsOf(value: string): AsOf {
  if (/^\d+$/.test(value)) return { position: BigInt(value) };
  const time = new Date(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(time.getTime())) return { time: time.toISOString() };
  throw invalid(
    'invalid-as-of',
    'asOf',
    'asOf 应为 ISO 8601 时间或全局位置（整数）/ asOf must be an ISO 8601 time or a global position',
  );
}
