import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { SessionUser, actorOf } from '../identity/auth/session-user';
import { BatchedOutcome } from '../shared/event-sourcing/command-batch';
import { unitScopeOf } from '../shared/event-sourcing/write-authorization';
import { ProjectionsService } from '../projections/projections.service';
import { CLOCK, Clock } from '../shared/clock';
import { requestContext } from '../shared/http/request-context';
import { DomainError, FieldError } from '../shared/problems/domain-error';
import { ProgressBatchResult, RecordProgressBatchCommand } from '../targets/application/progress-batch';
import { targetCodesOf } from '../targets/domain/target-ids';
import { ProgressReport } from '../targets/domain/target.types';
import { ProgressRow, readProgressRows } from './progress-rows';
import { openWorkbook } from './workbook-guard';

export type RowOutcome = 'new' | 'correction' | 'unchanged' | 'refused';

export interface IntakeRow {
  sheet: string;
  row: number;
  targetId?: string;
  period?: string;
  outcome: RowOutcome;
  errors: FieldError[];
}

export interface IntakeResult {
  dryRun: boolean;
  rows: IntakeRow[];
  counts: Record<RowOutcome, number>;
}

export const IMPORT_CORRECTION_REASON = 'Excel 导入更正 / Corrected by Excel import';
const IMPORT_NAMESPACE = '3f9b8a52-0c41-4e7d-9d55-6a2b1c8e7f10';

interface Planned {
  row: ProgressRow;
  outcome: RowOutcome;
  errors: FieldError[];
}

/**
 * Monthly progress from a workbook (Excel intake): the rows of each target go through the CommandBus
 * as one RecordProgressBatch command — each row decided by the target decider exactly as the API's
 * ReportProgress / CorrectProgress would decide it, in file order, then one append per target; a dry
 * run decides the same way and appends nothing. Command ids derive from the file's content, target and
 * period, so the same file applied twice appends nothing. The read side is awaited once, at the end.
 */
@Injectable()
export class ProgressIntake {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(bytes: Buffer, user: SessionUser, dryRun: boolean): Promise<IntakeResult> {
    const workbook = await openWorkbook(bytes);
    const { rows, errors } = readProgressRows(workbook);
    if (errors.length)
      throw new DomainError(
        'validation',
        'workbook-layout',
        `工作簿格式不符 / The workbook does not match the template`,
        errors,
      );
    const fileHash = createHash('sha256').update(bytes).digest('hex');
    const now = this.clock.now();
    const planned: Planned[] = rows.map((row) => ({ row, outcome: 'refused', errors: row.errors }));
    const byTarget = new Map<string, Planned[]>();
    const seen = new Set<string>();
    for (const p of planned) {
      if (p.errors.length) continue;
      const { targetId, period, indicatorCode } = p.row as Required<ProgressRow>;
      const refusal = lockedColumnRefusal(targetId, indicatorCode) ?? duplicateRefusal(seen, targetId, period);
      if (refusal) {
        p.errors = [refusal];
        continue;
      }
      byTarget.set(targetId, [...(byTarget.get(targetId) ?? []), p]);
    }
    const actor = actorOf(user);
    let last: bigint | undefined;
    const targets = [...byTarget].map(([targetId, group]) => ({
      targetId,
      entries: group.map(({ row }) => ({
        period: row.period!,
        report: reportOf(row),
        correctionReason: IMPORT_CORRECTION_REASON,
        context: requestContext(actor, this.clock, {
          commandId: uuidv5(`${fileHash}/${targetId}/${row.period}`, IMPORT_NAMESPACE),
          idempotent: true,
          now,
        }),
      })),
    }));
    const results = await this.commands.execute<RecordProgressBatchCommand, ProgressBatchResult[]>(
      new RecordProgressBatchCommand(targets, unitScopeOf(user), dryRun),
    );
    results.forEach((result, t) => {
      const group = byTarget.get(result.targetId)!;
      result.outcomes.forEach((outcome, i) => Object.assign(group[i], rowOutcome(outcome, targets[t].targetId)));
      if (!dryRun && result.position !== undefined && (last === undefined || result.position > last))
        last = result.position;
    });
    if (last !== undefined) await this.projections.waitFor(last, 30_000);
    const result = planned.map((p) => ({
      sheet: p.row.sheet,
      row: p.row.row,
      ...(p.row.targetId ? { targetId: p.row.targetId } : {}),
      ...(p.row.period ? { period: p.row.period } : {}),
      outcome: p.outcome,
      errors: p.errors,
    }));
    const counts = { new: 0, correction: 0, unchanged: 0, refused: 0 };
    for (const r of result) counts[r.outcome]++;
    return { dryRun, rows: result, counts };
  }
}

function reportOf(row: ProgressRow): ProgressReport {
  return Object.fromEntries(
    (['value', 'growthPct', 'narrative', 'problems', 'nextSteps'] as const)
      .filter((k) => row[k] !== undefined)
      .map((k) => [k, row[k]]),
  );
}

/** A row's fate from its command's outcome in the batch. */
function rowOutcome(outcome: BatchedOutcome, targetId: string): Pick<Planned, 'outcome' | 'errors'> {
  switch (outcome.kind) {
    case 'repeated':
    case 'nothing':
      return { outcome: 'unchanged', errors: [] };
    case 'written':
      return { outcome: outcome.events[0]?.type === 'ProgressCorrected' ? 'correction' : 'new', errors: [] };
    case 'refused': {
      const { error } = outcome;
      if (error.code === 'nothing-to-correct') return { outcome: 'unchanged', errors: [] };
      if (error.code === 'target-not-found')
        return {
          outcome: 'refused',
          errors: [{ field: 'targetId', message: `目标 ${targetId} 不存在 / Target '${targetId}' not found` }],
        };
      return { outcome: 'refused', errors: refusalOf(error) };
    }
  }
}

/** The locked column 指标编码 must still name the target's indicator (the middle part of its id). */
function lockedColumnRefusal(targetId: string, indicatorCode: string | undefined): FieldError | undefined {
  const expected = targetCodesOf(targetId)?.indicatorCode;
  if (!indicatorCode || indicatorCode === expected) return undefined;
  return {
    field: 'indicatorCode',
    message: `锁定列「指标编码」被修改（应为 ${expected}）/ The locked column '指标编码' was changed`,
  };
}

/** A target's month once per file: a second row for it is refused (which of the two was meant is unknown). */
function duplicateRefusal(seen: Set<string>, targetId: string, period: string): FieldError | undefined {
  const key = `${targetId}/${period}`;
  if (!seen.has(key)) {
    seen.add(key);
    return undefined;
  }
  return {
    field: 'period',
    message: `同一目标同一报送期已在前面的行中出现 / The target's month ${period} already appears in an earlier row`,
  };
}

function refusalOf(error: DomainError): FieldError[] {
  return error.errors.length ? error.errors : [{ field: error.code, message: error.message }];
}
