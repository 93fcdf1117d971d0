import { EvaluationJson } from '../../rules';
import { ProjectedDocument } from '../../projections/runner/document-projection';
import { IndicatorSnapshot } from '../domain/target.types';
import { TargetValue } from '../domain/target-value';
import { PeriodReport } from './evaluate-target';

export interface PeriodEntry {
  report: PeriodReport;
  reportedAt: string;
  reportedBy: string;
  correctedAt?: string;
  /** Against the assessment target (考核目标): the status that counts. */
  evaluation?: EvaluationJson;
  /** Against the work target (工作目标), shown beside. */
  workEvaluation?: EvaluationJson;
}

/** A demo adjustment (labelled 【演示数据 Demo data】): the figures it changed, so screens can say so. */
export interface DemoAdjustment {
  at: string;
  before: TargetValue;
  after: TargetValue;
}

/** The current target (read model): definition, every period's report and its evaluation. */
export interface TargetDocument extends ProjectedDocument {
  id: string;
  /** Stream revision this document reflects (the ETag). */
  revision: string;
  indicator: IndicatorSnapshot;
  unitCode: string;
  /** Absent on a work target only (指导性计划): the work target then governs the status. */
  assessment?: TargetValue;
  work?: TargetValue;
  baseline?: string;
  weight?: string;
  lifecycle: 'active' | 'withdrawn';
  assignedAt: string;
  updatedAt: string;
  periods: Record<string, PeriodEntry>;
  /** Periods whose report deadline passed without a report (cleared when the report arrives). */
  overduePeriods?: string[];
  /** The latest reported period, whose status is the target's current status. */
  latestPeriod?: string;
  status: EvaluationJson['status'];
  /** Present when demo data touched the target: demo reports, and demo adjustments of its figures. */
  demo?: { reports: boolean; adjustments: DemoAdjustment[] };
}
