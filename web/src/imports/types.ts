/** POST /api/imports/progress: each row's fate (api.md "Imports and exports"). */
export type RowOutcome = 'new' | 'correction' | 'unchanged' | 'refused';

export interface IntakeRow {
  sheet: string;
  row: number;
  targetId?: string;
  period?: string;
  outcome: RowOutcome;
  errors: Array<{ field: string; message: string }>;
}

export interface IntakeResult {
  dryRun: boolean;
  rows: IntakeRow[];
  counts: Record<RowOutcome, number>;
}
