import { DerivedRows, DocumentProjection } from '../../projections/runner/document-projection';
import { periodStatus } from '../../rules';
import { statusFactsOf } from '../../targets/read-model/status-facts';
import { TargetDocument } from '../../targets/read-model/target-document';
import { targetsProjection } from '../../targets/read-model/targets.projection';
import { CompletionFigures, completionBaseOf, completionFiguresOf } from '../completion-rows';

/** The period of a target's base row (a period is always `YYYY-MM`). */
export const BASE_PERIOD = '';

export const COMPLETION_PERIODS_TABLE = 'rm_completion_periods';

/**
 * Completion per period (完成情况按期), the workbench's most frequent read: one small row per target
 * and reported period with its figures ready to show and its status for that period (computed by the
 * status model when the document is written), and one per target with what all its periods share and
 * what the status model reads — so a plan's completion for a month reads two small rows per target,
 * never the target's whole document with every month's reports. The JSON is stored as `json` (the text
 * as written, returned without re-encoding) and only the base row carries the status model's facts,
 * which a read fetches only for a period that has no row. Derived rows of the targets projection:
 * written in the same transaction as the target document they come from, rebuilt and swapped in with
 * it, so they agree with `/api/targets` at every position and cost no second fold of the log.
 */
export const completionPeriodRows: DerivedRows<TargetDocument> = {
  name: COMPLETION_PERIODS_TABLE,
  columns: {
    period: { sqlType: 'text' },
    plan_code: { sqlType: 'text' },
    unit_code: { sqlType: 'text' },
    indicator_code: { sqlType: 'text' },
    lifecycle: { sqlType: 'text' },
    /** Base row: the status now; period row: the status for that period. */
    status: { sqlType: 'text' },
    /** Base row only: the period a list without a period shows. */
    latest_period: { sqlType: 'text' },
    /** Base row: CompletionBase (what all the target's periods share); period row: CompletionFigures. */
    row: { sqlType: 'json' },
    /** Base row only: StatusFacts, what the status model reads (for a period asked that has no row). */
    facts: { sqlType: 'json' },
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
    const facts = statusFactsOf(doc);
    const base = completionBaseOf(doc);
    const rows: Array<Record<string, unknown>> = [
      {
        ...common,
        period: BASE_PERIOD,
        status: doc.status,
        latest_period: doc.latestPeriod ?? null,
        row: base,
        facts,
      },
    ];
    for (const period of Object.keys(doc.periods)) {
      const figures: CompletionFigures | undefined = completionFiguresOf(doc, period, base.targetUnit);
      if (figures) rows.push({ ...common, period, status: periodStatus(facts, period), row: figures });
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
  version: targetsProjection.version * 100 + 2,
  derived: completionPeriodRows,
};
