import { STATUSES, StatusCount, StatusCounts } from './dashboard';
import { UnitNames } from './completion-rows';

/** Worst first: the status that colours a heat-map cell (red > overdue > yellow > not started > green > completed). */
export const WORST_FIRST = ['red', 'overdue', 'yellow', 'not_started', 'green', 'completed'] as const;

export interface HeatMapCell {
  unitCode: string;
  unitName: string | null;
  category: string;
  /** Active targets in the cell. */
  count: number;
  /** The worst of its targets' statuses. */
  worst: string;
  /** Red, overdue and yellow targets: those behind. */
  behind: number;
  counts: StatusCounts;
}

export interface HeatMap {
  planCode: string;
  asOf: string | null;
  units: Array<{ unitCode: string; unitName: string | null }>;
  categories: string[];
  cells: HeatMapCell[];
}

/**
 * The dashboard's units × categories heat map from status counts (live: the database's GROUP BY; as
 * of: counted from folded documents), so the first page never needs every target's row.
 */
export function heatMapOf(
  planCode: string,
  counts: StatusCount[],
  asOf: string | null,
  unitNames: UnitNames = new Map(),
): HeatMap {
  const cells = new Map<string, HeatMapCell>();
  for (const { unitCode, category, status, count } of counts) {
    const key = `${unitCode}\u0000${category}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        unitCode,
        unitName: unitNames.get(unitCode) ?? null,
        category,
        count: 0,
        worst: 'completed',
        behind: 0,
        counts: emptyCounts(),
      };
      cells.set(key, cell);
    }
    cell.count += count;
    cell.counts.total += count;
    if ((STATUSES as readonly string[]).includes(status)) cell.counts[status as (typeof STATUSES)[number]] += count;
    if (status === 'red' || status === 'overdue' || status === 'yellow') cell.behind += count;
    if (rank(status) < rank(cell.worst)) cell.worst = status;
  }
  const sorted = [...cells.values()].sort(
    (a, b) => a.unitCode.localeCompare(b.unitCode) || a.category.localeCompare(b.category),
  );
  const units = [...new Map(sorted.map((c) => [c.unitCode, { unitCode: c.unitCode, unitName: c.unitName }])).values()];
  const categories = [...new Set(sorted.map((c) => c.category))].sort((a, b) => a.localeCompare(b));
  return { planCode, asOf, units, categories, cells: sorted };
}

function rank(status: string): number {
  const at = (WORST_FIRST as readonly string[]).indexOf(status);
  return at < 0 ? WORST_FIRST.length : at;
}

function emptyCounts(): StatusCounts {
  return { total: 0, completed: 0, green: 0, yellow: 0, red: 0, overdue: 0, not_started: 0 };
}
