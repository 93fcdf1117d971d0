import { DomainEvent } from '../../shared/event-sourcing/decider';
import { streamKind } from '../../shared/event-sourcing/stream-kind';

export const BULLETIN_STREAMS = streamKind('bulletin');
export const bulletinStream = (bulletinId: string) => BULLETIN_STREAMS.of(bulletinId);

export type BulletinState = 'draft' | 'issued' | 'withdrawn';

/** One target's line of the completion table (完成情况表), as of the cutoff. */
export interface CompletionLine {
  targetId: string;
  indicatorCode: string;
  indicatorName: string;
  category: string;
  unitCode: string;
  unitName: string;
  unitOfMeasure: string;
  /** Assessment target (考核目标): total and/or growth %, or its text. */
  target: { total?: string; growthPct?: string; text?: string };
  period: string | null;
  value: string | null;
  growthPct: string | null;
  completion: string | null;
  expectedPace: string | null;
  paceRatio: string | null;
  /** From the status model (src/rules) for the bulletin's period. */
  status: string;
}

/** A unit's line in its group's ranking (通报排名). */
export interface RankingRow {
  rank: number;
  /** Positive: moved up since the previous issued bulletin; null for a unit not ranked then. */
  rankChange: number | null;
  unitCode: string;
  unitName: string;
  /** Judged targets (completed, green, yellow, red, overdue as of the cutoff). */
  targets: number;
  onPace: number;
  completed: number;
  yellow: number;
  red: number;
  overdue: number;
  /** Share of judged targets completed or green (达到序时进度), 4 decimals. */
  score: string;
  /** Mean pace ratio of its reported cumulative targets (first tie-breaker), 4 decimals. */
  meanPaceRatio: string | null;
  /** Every red target of the unit already has completion ≥ 1 for the year (kept off the 黑榜). */
  redAllCompleted: boolean;
}

export interface RankingGroup {
  group: string;
  rows: RankingRow[];
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
  /** Targets with a due report missing at the cutoff. */
  targets: Array<{ targetId: string; indicatorCode: string; indicatorName: string; periods: string[] }>;
}

export interface EscalatedWarning {
  warningId: string;
  targetId: string;
  indicatorCode: string;
  indicatorName: string;
  unitCode: string;
  unitName: string;
  level: string;
  period: string;
  raisedAt: string;
  reason: string;
  acknowledged: boolean;
}

/** An urging (催办) on a warning that the unit had not answered (no 情况说明 after it) by the cutoff. */
export interface UnansweredUrging {
  urgingId: string;
  warningId: string;
  targetId: string;
  indicatorCode: string;
  indicatorName: string;
  unitCode: string;
  unitName: string;
  message: string;
  urgedAt: string;
  urgedBy: string | null;
  replyBy: string | null;
}

export interface Exemption {
  unitCode: string;
  reason: string;
}

export interface BulletinTotals {
  /** Active targets of the plan in scope (all units but the district's own). */
  targets: number;
  judged: number;
  onPace: number;
  completed: number;
  green: number;
  yellow: number;
  red: number;
  overdue: number;
  notDue: number;
  notStarted: number;
}

/** What drafting composes from the read side as of the cutoff; fixed once drafted. */
export interface DraftContent {
  planCode: string;
  planTitle: string;
  period: string;
  cutoff: string;
  title: string;
  summary: string;
  totals: BulletinTotals;
  completion: CompletionLine[];
  rankings: RankingGroup[];
  lagging: LaggingLine[];
  lateReporters: LateReporter[];
  escalated: EscalatedWarning[];
  /** Urgings without reply as of the cutoff (absent in bulletins drafted before urgings existed). */
  unansweredUrgings?: UnansweredUrging[];
  /** Size of the 红榜 and 黑榜 per group. */
  listSize: number;
  /** Position of the newest event the content was folded from (for "difference to now"). */
  sourcePosition: string | null;
  previousBulletinId: string | null;
}

/** The content that is hashed at issue: the composed tables, the office's remarks, exemptions, the lists, the 文号. */
export interface BulletinContent extends DraftContent {
  remarks: string;
  exemptions: Exemption[];
  redList: ListEntry[];
  blackList: ListEntry[];
  documentNo: string | null;
  issuer: string | null;
}

// Commands ---------------------------------------------------------------------------------------
export interface DraftBulletin {
  type: 'DraftBulletin';
  bulletinId: string;
  content: DraftContent;
}
export interface EditBulletinDraft {
  type: 'EditBulletinDraft';
  remarks?: string;
  exemptions?: Exemption[];
}
export interface IssueBulletin {
  type: 'IssueBulletin';
  documentNo: string;
  issuer: string;
  issuedAt: string;
}
export interface WithdrawBulletin {
  type: 'WithdrawBulletin';
  reason: string;
  withdrawnAt: string;
}
export type BulletinCommand = DraftBulletin | EditBulletinDraft | IssueBulletin | WithdrawBulletin;

// Events -----------------------------------------------------------------------------------------
export type BulletinDrafted = DomainEvent<'BulletinDrafted', { bulletinId: string; content: DraftContent }>;
export type BulletinDraftEdited = DomainEvent<
  'BulletinDraftEdited',
  { bulletinId: string; remarks?: string; exemptions?: Exemption[] }
>;
/** Carries the whole issued content and its SHA-256: the issued bulletin is this event. */
export type BulletinIssued = DomainEvent<
  'BulletinIssued',
  { bulletinId: string; issuedAt: string; content: BulletinContent; contentHash: string }
>;
export type BulletinWithdrawn = DomainEvent<
  'BulletinWithdrawn',
  { bulletinId: string; reason: string; withdrawnAt: string }
>;
export type BulletinEvent = BulletinDrafted | BulletinDraftEdited | BulletinIssued | BulletinWithdrawn;

export const BULLETIN_EVENT_TYPES = [
  'BulletinDrafted',
  'BulletinDraftEdited',
  'BulletinIssued',
  'BulletinWithdrawn',
] as const;

export interface BulletinAggregate {
  id: string;
  state: BulletinState;
  content: BulletinContent;
  issuedAt?: string;
  contentHash?: string;
  withdrawal?: { reason: string; at: string };
}
export type BulletinStateOrNone = BulletinAggregate | null;
