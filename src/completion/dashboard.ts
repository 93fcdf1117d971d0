import { DEMO_LABEL } from '../shared/demo-label';
import { TargetDocument } from '../targets/read-model/target-document';
import { CompletionRow, completionRows, UnitNames } from './completion-rows';

export const STATUSES = ['completed', 'green', 'yellow', 'red', 'overdue', 'not_started'] as const;
export type StatusCounts = Record<(typeof STATUSES)[number], number> & { total: number };

export interface Dashboard {
  planCode: string;
  asOf: string | null;
  totals: StatusCounts;
  byUnit: Array<{ unitCode: string; unitName: string | null; counts: StatusCounts }>;
  byCategory: Array<{ category: string; counts: StatusCounts }>;
  /** Red, overdue and yellow targets, worst first (滞后目标). */
  lagging: CompletionRow[];
  warnings: { open: number; yellow: number; red: number; escalated: number };
  /** Present when the plan holds demo data: say so on the screen, and name the figures demo adjustments changed. */
  demo?: DemoNotice;
}

export interface DemoNotice {
  label: string;
  notice: string;
  /** Targets with demo reports or adjustments. */
  targets: number;
  adjustments: Array<{
    targetId: string;
    unitCode: string;
    indicatorCode: string;
    indicatorName: string;
    at: string;
    before: string | null;
    after: string | null;
  }>;
}

/**
 * The dashboard's demo notice from the documents demo data touched (none: undefined). `touchedCount`:
 * how many targets it touched, when `docs` holds only those with demo adjustments.
 */
export function demoNoticeOf(
  docs: Array<Pick<TargetDocument, 'id' | 'unitCode' | 'indicator' | 'demo'>>,
  touchedCount?: number,
): DemoNotice | undefined {
  const touched = docs.filter((d) => d.demo);
  const targets = touchedCount ?? touched.length;
  if (!targets) return undefined;
  const figure = (value: { total?: string; growthPct?: string; unitOfMeasure?: string }, fallbackUnit: string) =>
    value.total !== undefined
      ? `${value.total} ${value.unitOfMeasure ?? fallbackUnit}`
      : value.growthPct !== undefined
        ? `${value.growthPct}%`
        : null;
  return {
    label: DEMO_LABEL,
    notice: '本计划含演示数据，数字不得引用 / This plan holds demo data: its figures must not be quoted',
    targets,
    adjustments: touched
      .flatMap((d) =>
        (d.demo?.adjustments ?? []).map((a) => ({
          targetId: d.id,
          unitCode: d.unitCode,
          indicatorCode: d.indicator.code,
          indicatorName: d.indicator.name,
          at: a.at,
          before: figure(a.before, d.indicator.unitOfMeasure),
          after: figure(a.after, d.indicator.unitOfMeasure),
        })),
      )
      .sort((a, b) => a.targetId.localeCompare(b.targetId)),
  };
}

export interface StatusCount {
  unitCode: string;
  category: string;
  status: string;
  count: number;
}

export const SEVERITY: Record<string, number> = { red: 0, overdue: 1, yellow: 2 };

/** Lagging targets worst first: red, overdue, yellow; then the lowest pace ratio; then by id. */
export function byLagging(a: CompletionRow, b: CompletionRow): number {
  const ratio = (row: CompletionRow) => (row.paceRatio === null ? -Infinity : Number(row.paceRatio));
  return SEVERITY[a.status] - SEVERITY[b.status] || ratio(a) - ratio(b) || a.targetId.localeCompare(b.targetId);
}

/** The pace ratio a row without a period shows (its latest report's), as byLagging reads it. */
function latestPaceRatio(doc: TargetDocument): number {
  const entry = doc.latestPeriod ? doc.periods[doc.latestPeriod] : undefined;
  const ratio = entry?.report ? entry.evaluation?.paceRatio : undefined;
  return ratio ? Number(ratio) : -Infinity;
}

/** The dashboard (督查看板) from target documents, for "as of" views folded in memory. */
export function buildDashboard(
  planCode: string,
  docs: TargetDocument[],
  warnings: Array<{ level: string; state: string }>,
  asOf: string | null,
  unitNames: UnitNames = new Map(),
  laggingLimit = 20,
): Dashboard {
  const active = docs.filter((d) => d.lifecycle === 'active' && d.indicator.planCode === planCode);
  const counts = active.map((d) => ({
    unitCode: d.unitCode,
    category: d.indicator.category,
    status: d.status,
    count: 1,
  }));
  // The worst documents first, by what their rows would show (byLagging's order), so only those become rows.
  const worst = active
    .filter((d) => d.status in SEVERITY)
    .map((doc) => ({ doc, ratio: latestPaceRatio(doc) }))
    .sort(
      (a, b) =>
        SEVERITY[a.doc.status] - SEVERITY[b.doc.status] || a.ratio - b.ratio || a.doc.id.localeCompare(b.doc.id),
    )
    .slice(0, laggingLimit)
    .map((w) => w.doc);
  const lagging = completionRows(worst, {}, unitNames).sort(byLagging);
  return dashboardOf(planCode, counts, lagging, warnings, asOf, demoNoticeOf(active), unitNames);
}

/** The dashboard's shape from status counts (live: SQL GROUP BY; as of: counted in memory). */
export function dashboardOf(
  planCode: string,
  counts: StatusCount[],
  lagging: CompletionRow[],
  warnings: Array<{ level: string; state: string }>,
  asOf: string | null,
  demo?: DemoNotice,
  unitNames: UnitNames = new Map(),
): Dashboard {
  const totals = emptyCounts();
  const byUnit = new Map<string, StatusCounts>();
  const byCategory = new Map<string, StatusCounts>();
  for (const { unitCode, category, status, count: n } of counts) {
    add(totals, status, n);
    add(getOrCreate(byUnit, unitCode), status, n);
    add(getOrCreate(byCategory, category), status, n);
  }
  const open = warnings.filter((w) => w.state !== 'cleared');
  return {
    planCode,
    asOf,
    totals,
    byUnit: [...byUnit]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([unitCode, c]) => ({ unitCode, unitName: unitNames.get(unitCode) ?? null, counts: c })),
    byCategory: [...byCategory]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, c]) => ({ category, counts: c })),
    lagging,
    warnings: {
      open: open.length,
      yellow: open.filter((w) => w.level === 'yellow').length,
      red: open.filter((w) => w.level === 'red').length,
      escalated: open.filter((w) => w.state === 'escalated').length,
    },
    ...(demo ? { demo } : {}),
  };
}

function emptyCounts(): StatusCounts {
  return { total: 0, completed: 0, green: 0, yellow: 0, red: 0, overdue: 0, not_started: 0 };
}

function add(counts: StatusCounts, status: string, n: number): void {
  counts.total += n;
  if (status in counts) counts[status as keyof StatusCounts] += n;
}

function getOrCreate(map: Map<string, StatusCounts>, key: string): StatusCounts {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = emptyCounts()));
  return counts;
}
