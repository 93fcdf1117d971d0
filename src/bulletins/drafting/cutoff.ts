import { reportDueDate } from '../../rules';

/** Default cutoff of a period's bulletin: the end of its report due day, Asia/Shanghai. */
export function defaultCutoff(period: string, dueDay = 10): string {
  return new Date(`${reportDueDate(period, dueDay)}T23:59:59.999+08:00`).toISOString();
}
