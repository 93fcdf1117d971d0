import { TargetDocument } from '../targets/read-model/target-document';
import { CompletionRow, completionRows } from './completion-rows';

export const STATUSES = ['completed', 'green', 'yellow', 'red', 'overdue', 'not_started'] as const;
export type StatusCounts = Record<(typeof STATUSES)[number], number> & { total: number };

export interface Dashboard {
  planCode: string;
  asOf: string | null;
  totals: StatusCounts;
  byUnit: Array<{ unitCode: string; counts: StatusCounts }>;
  byCategory: Array<{ category: string; counts: StatusCounts }>;
  /** Red, overdue and yellow targets, worst first (滞后目标). */
  lagging: CompletionRow[];
  warnings: { open: number; yellow: number; red: number; escalated: number };
}

const SEVERITY: Record<string, number> = { red: 0, overdue: 1, yellow: 2 };

/** The dashboard (督查看板) from target documents: the same function serves "now" and "as of". */
export function buildDashboard(
  planCode: string,
  docs: TargetDocument[],
  warnings: Array<{ level: string; state: string }>,
  asOf: string | null,
  laggingLimit = 20,
): Dashboard {
  const active = docs.filter((d) => d.lifecycle === 'active' && d.indicator.planCode === planCode);
  const totals = emptyCounts();
  const byUnit = new Map<string, StatusCounts>();
  const byCategory = new Map<string, StatusCounts>();
  for (const doc of active) {
    count(totals, doc.status);
    count(getOrCreate(byUnit, doc.unitCode), doc.status);
    count(getOrCreate(byCategory, doc.indicator.category), doc.status);
  }
  const lagging = completionRows(active.filter((d) => d.status in SEVERITY), {})
    .sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || Number(a.paceRatio ?? 0) - Number(b.paceRatio ?? 0) || a.targetId.localeCompare(b.targetId))
    .slice(0, laggingLimit);
  const open = warnings.filter((w) => w.state !== 'cleared');
  return {
    planCode,
    asOf,
    totals,
    byUnit: [...byUnit].sort(([a], [b]) => a.localeCompare(b)).map(([unitCode, counts]) => ({ unitCode, counts })),
    byCategory: [...byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([category, counts]) => ({ category, counts })),
    lagging,
    warnings: {
      open: open.length,
      yellow: open.filter((w) => w.level === 'yellow').length,
      red: open.filter((w) => w.level === 'red').length,
      escalated: open.filter((w) => w.state === 'escalated').length,
    },
  };
}

function emptyCounts(): StatusCounts {
  return { total: 0, completed: 0, green: 0, yellow: 0, red: 0, overdue: 0, not_started: 0 };
}

function count(counts: StatusCounts, status: string): void {
  counts.total++;
  if (status in counts) counts[status as keyof StatusCounts]++;
}

function getOrCreate(map: Map<string, StatusCounts>, key: string): StatusCounts {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = emptyCounts()));
  return counts;
}
