/**
 * The fields of GET /api/bulletins and /api/bulletins/:id the pages show (the OpenAPI document
 * describes requests, not these answers; see api/views.ts). Figures are the server's, never recomputed.
 */
export type BulletinState = 'draft' | 'issued' | 'withdrawn';

export interface BulletinListItem {
  id: string;
  planCode: string;
  period: string;
  state: BulletinState;
  title: string;
  cutoff: string;
  documentNo: string | null;
  draftedAt: string;
  issuedAt?: string;
  contentHash?: string;
  withdrawal?: { reason: string; at: string };
}

export interface CompletionLine {
  targetId: string;
  indicatorCode: string;
  indicatorName: string;
  category: string;
  unitCode: string;
  unitName: string;
  unitOfMeasure: string;
  target: { total?: string; growthPct?: string; text?: string };
  period: string | null;
  value: string | null;
  completion: string | null;
  expectedPace: string | null;
  status: string;
}

export interface RankingRow {
  rank: number;
  rankChange: number | null;
  unitCode: string;
  unitName: string;
  targets: number;
  onPace: number;
  completed: number;
  yellow: number;
  red: number;
  overdue: number;
  score: string;
}

export interface ListEntry {
  group: string;
  rank: number;
  unitCode: string;
  unitName: string;
  score: string;
  red: number;
}

export interface LaggingLine extends CompletionLine {
  problems: string | null;
  nextSteps: string | null;
}

export interface LateReporter {
  unitCode: string;
  unitName: string;
  targets: Array<{ targetId: string; indicatorCode: string; indicatorName: string; periods: string[] }>;
}

export interface EscalatedWarning {
  warningId: string;
  targetId: string;
  indicatorName: string;
  unitName: string;
  level: string;
  period: string;
  raisedAt: string;
  reason: string;
  acknowledged: boolean;
}

export interface UnansweredUrging {
  urgingId: string;
  unitCode: string;
  unitName: string;
  targetId?: string | null;
  indicatorName?: string | null;
  message?: string;
  urgedAt: string;
  urgedBy?: string | null;
}

export interface BulletinView extends BulletinListItem {
  revision: string;
  planTitle: string;
  summary: string;
  remarks: string;
  issuer: string | null;
  exemptions: Array<{ unitCode: string; reason: string }>;
  completion: CompletionLine[];
  rankings: Array<{ group: string; rows: RankingRow[] }>;
  redList: ListEntry[];
  blackList: ListEntry[];
  lagging: LaggingLine[];
  lateReporters: LateReporter[];
  escalated: EscalatedWarning[];
  /** Present once the drafting includes urgings (催办) the units have not answered. */
  unansweredUrgings?: UnansweredUrging[];
}

export interface BulletinDifference {
  id: string;
  cutoff: string;
  changed: Array<{
    targetId: string;
    indicatorName: string;
    unitName: string;
    inBulletin: { value: string | null; status: string } | null;
    now: { value: string | null; status: string } | null;
  }>;
}

export interface HashVerification {
  contentHash: string | null;
  computed: string;
  intact: boolean;
}
