import { DerivedRows, DocumentProjection } from '../../projections/runner/document-projection';
import { StatusFacts, TargetStatus } from '../../rules';
import { statusFactsOf } from '../../targets/read-model/status-facts';
import { TargetDocument } from '../../targets/read-model/target-document';
import { targetsProjection } from '../../targets/read-model/targets.projection';
import { CompletionBase, CompletionFigures, completionBaseOf, completionFiguresOf } from '../completion-rows';

/** The row every target has (period ''): what all its periods share, and what the status model reads. */
export interface CompletionBaseRow {
  base: CompletionBase;
  facts: StatusFacts;
  status: TargetStatus;
  latestPeriod: string | null;
}

/** The period of a target's base row (a period is always `YYYY-MM`). */
export const BASE_PERIOD = '';

export const COMPLETION_PERIODS_TABLE = 'rm_completion_periods';

/**
 * Completion per period (完成情况按期), the workbench's most frequent read: one small row per target
 * and reported period with its figures ready to show, and one per target with what the status model
 * reads — so a plan's completion for a month reads two small rows per target, never the target's whole
 * document with every month's reports. Derived rows of the targets projection: written in the same
 * transaction as the target document they come from, rebuilt and swapped in with it, so they agree
 * with `/api/targets` at every position and cost no second fold of the log.
 */
export const completionPeriodRows: DerivedRows<TargetDocument> = {
  name: COMPLETION_PERIODS_TABLE,
  columns: {
    period: { sqlType: 'text' },
    plan_code: { sqlType: 'text' },
    unit_code: { sqlType: 'text' },
    indicator_code: { sqlType: 'text' },
    lifecycle: { sqlType: 'text' },
    row: { sqlType: 'jsonb' },
  },
  primaryKey: ['period'],
  indexes: [['plan_code', 'period']],
  rows(doc) {
    const common = {
      plan_code: doc.indicator.planCode,
      unit_code: doc.unitCode,
      indicator_code: doc.indicator.code,
      lifecycle: doc.lifecycle,
    };
    const base: CompletionBaseRow = {
      base: completionBaseOf(doc),
      facts: statusFactsOf(doc),
      status: doc.status,
      latestPeriod: doc.latestPeriod ?? null,
    };
    const rows: Array<Record<string, unknown>> = [{ ...common, period: BASE_PERIOD, row: base }];
    for (const period of Object.keys(doc.periods)) {
      const figures: CompletionFigures | undefined = completionFiguresOf(doc, period);
      if (figures) rows.push({ ...common, period, row: figures });
    }
    return rows;
  },
};

/**
 * The targets projection as the followers run it: with the completion capability's rows. Its version
 * follows the targets projection's (bump either and the table and the rows are rebuilt together).
 */
export const targetsWithCompletion: DocumentProjection<TargetDocument> = {
  ...targetsProjection,
  version: targetsProjection.version * 100 + 1,
  derived: completionPeriodRows,
};
