import { DocumentProjection } from '../../projections/runner/document-projection';
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
 * document with every month's reports. Folded by the targets projection's own `select` and `evolve`
 * (its documents kept in `rm_completion_targets`, read only by this projection), so the rows agree with
 * `/api/targets` at every position.
 */
export const completionProjection: DocumentProjection<TargetDocument> = {
  name: 'completion',
  // Follows the targets projection's logic: bump with it.
  version: targetsProjection.version * 100 + 1,
  table: {
    name: 'rm_completion_targets',
    columns: {
      plan_code: { sqlType: 'text', indexed: true, value: (d) => d.indicator.planCode },
    },
  },
  derived: {
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
      const common = { plan_code: doc.indicator.planCode, unit_code: doc.unitCode, indicator_code: doc.indicator.code, lifecycle: doc.lifecycle };
      const base: CompletionBaseRow = { base: completionBaseOf(doc), facts: statusFactsOf(doc), status: doc.status, latestPeriod: doc.latestPeriod ?? null };
      const rows: Array<Record<string, unknown>> = [{ ...common, period: BASE_PERIOD, row: base }];
      for (const period of Object.keys(doc.periods)) {
        const figures: CompletionFigures | undefined = completionFiguresOf(doc, period);
        if (figures) rows.push({ ...common, period, row: figures });
      }
      return rows;
    },
  },
  select: (event) => targetsProjection.select(event),
  evolve: (doc, event, key) => targetsProjection.evolve(doc, event, key),
};
