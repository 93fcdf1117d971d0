import type { CompletionRow } from '../api/views';
import { STATUS_SEVERITY } from '../shell/StatusTag';

export interface HeatCell {
  unitCode: string;
  category: string;
  count: number;
  /** The worst of the server's statuses in the cell (red > overdue > yellow > not started > green > completed). */
  worst: string;
  behind: number;
}

/** Groups the server's completion rows by unit × category (counting only: statuses are the server's). */
export function heatMap(rows: readonly CompletionRow[]): { units: string[]; categories: string[]; cells: Map<string, HeatCell> } {
  const cells = new Map<string, HeatCell>();
  const units = new Set<string>();
  const categories = new Set<string>();
  for (const row of rows) {
    const category = row.category ?? '—';
    units.add(row.unitCode);
    categories.add(category);
    const key = cellKey(row.unitCode, category);
    const cell = cells.get(key) ?? { unitCode: row.unitCode, category, count: 0, worst: 'completed', behind: 0 };
    cell.count += 1;
    if ((STATUS_SEVERITY[row.status] ?? 0) > (STATUS_SEVERITY[cell.worst] ?? 0)) cell.worst = row.status;
    if (row.status === 'red' || row.status === 'yellow' || row.status === 'overdue') cell.behind += 1;
    cells.set(key, cell);
  }
  return { units: [...units].sort(), categories: [...categories].sort(), cells };
}

export const cellKey = (unitCode: string, category: string) => `${unitCode}\u0000${category}`;
