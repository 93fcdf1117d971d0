/**
 * The fields of the API's read answers that the pages show. The OpenAPI document describes request
 * bodies and parameters (schema.d.ts, generated) but not these answers, so they are declared here with
 * only what the pages read; every other field the API adds is ignored, and optional ones may be absent.
 */
export type Status = 'completed' | 'green' | 'yellow' | 'red' | 'overdue' | 'not_started' | string;

export interface StatusCounts {
  total: number;
  [status: string]: number;
}

export interface CompletionRow {
  targetId: string;
  indicatorCode: string;
  indicatorName?: string;
  category?: string;
  unitCode: string;
  unitName?: string;
  period: string | null;
  value: string | null;
  completion: string | null;
  expectedPace: string | null;
  paceRatio: string | null;
  status: Status;
}

export interface DashboardView {
  planCode: string;
  asOf: string | null;
  totals: StatusCounts;
  byUnit: Array<{ unitCode: string; counts: StatusCounts }>;
  byCategory: Array<{ category: string; counts: StatusCounts }>;
  lagging: CompletionRow[];
  warnings: { open: number; yellow: number; red: number; escalated: number };
}

export interface PlanView {
  code: string;
  year: number;
  title: string;
}

export interface UnitView {
  code: string;
  name: string;
  kind?: string;
}

export interface TargetValue {
  total?: string;
  unitOfMeasure?: string;
  growthPct?: string;
  text?: string;
  deadline?: string;
  rank?: string;
  /** 其中: further quantities printed with the target, each with its own unit and label */
  also?: Array<{ label?: string; total: string; unitOfMeasure?: string }>;
}

export interface PeriodView {
  period: string;
  value?: string;
  growthPct?: string;
  completion?: string;
  expectedPace?: string;
  paceRatio?: string;
  /** growth − target growth, percentage points (增幅 kinds) */
  growthGap?: string;
  status: Status;
  report?: {
    value?: string;
    growthPct?: string;
    done?: boolean;
    selfRating?: string;
    narrative?: string;
    problems?: string;
    nextSteps?: string;
  };
  reportedAt?: string;
  reportedBy?: string;
  correctedAt?: string;
}

export interface TargetView {
  id: string;
  planCode: string;
  indicatorCode: string;
  indicatorName: string;
  category: string;
  unitCode: string;
  unitName?: string;
  kind: string;
  unitOfMeasure: string;
  /** absent on a work target only (指导性计划) */
  assessment?: TargetValue;
  work?: TargetValue;
  lifecycle: 'active' | 'withdrawn' | string;
  status: Status;
  revision: string;
  latest?: PeriodView;
  periods?: PeriodView[];
  overduePeriods?: string[];
}

export interface HistoryEntryView {
  position: string;
  revision: string;
  type: string;
  recordedAt: string;
  actor?: { id?: string; username?: string; displayName?: string };
  reason?: string;
  approvalDocument?: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

export interface WarningView {
  id: string;
  targetId: string;
  planCode?: string;
  unitCode?: string;
  indicatorCode?: string;
  kind?: string;
  level: string;
  state: string;
  raisedAt?: string;
  period?: string;
  reason?: string;
  acknowledgement?: { explanation?: string; measures?: string; at?: string; by?: string };
  history?: Array<{ type?: string; at?: string; state?: string; level?: string }>;
}

/** GET /api/users/:id/lockout (office): the login lock 登录锁定 after repeated failed logins. */
export interface LockoutView {
  locked: boolean;
  lockedUntil: string | null;
  failures: number;
}

/** GET /api/dashboard/heat-map: units × categories, counted by the server. */
export interface HeatMapView {
  planCode: string;
  asOf: string | null;
  units: Array<{ unitCode: string; unitName: string | null }>;
  categories: string[];
  cells: Array<{
    unitCode: string;
    unitName: string | null;
    category: string;
    count: number;
    worst: Status;
    behind: number;
    counts: StatusCounts;
  }>;
}

/** GET /api/reporting-status: who reported which month (报送情况), with each month's due date and days left. */
export interface ReportingStatusView {
  planCode: string;
  asOf: string | null;
  today: string;
  months: Array<{
    period: string;
    dueDate: string;
    deadlinePassed: boolean;
    daysLeft: number;
    workingDaysLeft: number;
  }>;
  units: Array<{
    unitCode: string;
    unitName: string | null;
    cells: Array<{ period: string; due: number; reported: number; answered: number; overdue: number; pending: number }>;
  }>;
}
