import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { StreamNotFoundError } from '../event-store/event-store.errors';
import { SessionUser, actorOf } from '../identity/auth/session-user';
import { assertUnitScope } from '../identity/auth/unit-scope';
import { unitScopeOf } from '../shared/event-sourcing/write-authorization';
import { ProjectionsService } from '../projections/projections.service';
import { CLOCK, Clock } from '../shared/clock';
import { requestContext } from '../shared/http/request-context';
import { DomainError, FieldError } from '../shared/problems/domain-error';
import { CorrectProgressCommand, ReportProgressCommand } from '../targets/application/target.commands';
import { TargetWriteResult } from '../targets/application/target.handlers';
import { targetDecider } from '../targets/domain/target.decider';
import { targetStream } from '../targets/domain/target-ids';
import { AssignedTarget, ProgressReport, TargetCommand, TargetState } from '../targets/domain/target.types';
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
/** Stream reads and target writes in flight at once (a PostgreSQL pool serves them side by side). */
const PARALLEL_READS = 8;
const PARALLEL_WRITES = 4;

interface Planned {
  row: ProgressRow;
  outcome: RowOutcome;
  errors: FieldError[];
  report?: ProgressReport;
}

/**
 * Monthly progress from a workbook (Excel intake): each row decided by the target decider exactly as
 * the API's ReportProgress / CorrectProgress would decide it; a dry run appends nothing, applying
 * sends the same commands through the CommandBus. Command ids derive from the file's content, so
 * the same file applied twice appends nothing.
 */
@Injectable()
export class ProgressIntake {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
    // Each target's stream is read once, however many rows name it (rows are still decided one by one on it).
    const states = new Map<string, Promise<AssignedTarget | null>>();
    const load = (id: string) => states.get(id) ?? states.set(id, this.load(id)).get(id)!;
    const planned = await inBatches(rows, PARALLEL_READS, (row) => this.plan(row, user, now, load));

    if (!dryRun) {
      let last: bigint | undefined;
      // Rows of one target go in file order; different targets (different streams) go side by side.
      const byTarget = new Map<string, Planned[]>();
      for (const p of planned.filter((x) => x.outcome === 'new' || x.outcome === 'correction')) {
        byTarget.set(p.row.targetId!, [...(byTarget.get(p.row.targetId!) ?? []), p]);
      }
      await inBatches([...byTarget.values()], PARALLEL_WRITES, async (group) => {
        for (const p of group) {
          const context = requestContext(actorOf(user), this.clock, {
            commandId: uuidv5(`${fileHash}/${p.row.targetId}/${p.row.period}/${p.outcome}`, IMPORT_NAMESPACE),
            idempotent: true,
            ...(p.outcome === 'correction' ? { reason: IMPORT_CORRECTION_REASON } : {}),
          });
          const authorization = unitScopeOf(user);
          try {
            const command =
              p.outcome === 'new'
                ? new ReportProgressCommand(p.row.targetId!, p.row.period!, p.report!, context, authorization)
                : new CorrectProgressCommand(
                    p.row.targetId!,
                    p.row.period!,
                    p.report!,
                    IMPORT_CORRECTION_REASON,
                    context,
                    authorization,
                  );
            const result = await this.commands.execute<object, TargetWriteResult>(command);
            if (result.position !== undefined && (last === undefined || result.position > last)) last = result.position;
            if (result.repeated) p.outcome = 'unchanged';
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            p.outcome = 'refused';
            p.errors = refusalOf(error);
          }
        }
      });
      if (last !== undefined) await this.projections.waitFor(last, 30_000);
    }
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

  /** What the row would do, decided on the target's current stream (nothing is appended). */
  private async plan(
    row: ProgressRow,
    user: SessionUser,
    now: Date,
    load: (id: string) => Promise<AssignedTarget | null>,
  ): Promise<Planned> {
    if (row.errors.length) return { row, outcome: 'refused', errors: row.errors };
    const state = await load(row.targetId!);
    if (!state)
      return {
        row,
        outcome: 'refused',
        errors: [{ field: 'targetId', message: `目标 ${row.targetId} 不存在 / Target '${row.targetId}' not found` }],
      };
    if (row.indicatorCode && row.indicatorCode !== state.indicator.code) {
      return {
        row,
        outcome: 'refused',
        errors: [
          {
            field: 'indicatorCode',
            message: `锁定列「指标编码」被修改（应为 ${state.indicator.code}）/ The locked column '指标编码' was changed`,
          },
        ],
      };
    }
    const report: ProgressReport = Object.fromEntries(
      (['value', 'growthPct', 'narrative', 'problems', 'nextSteps'] as const)
        .filter((k) => row[k] !== undefined)
        .map((k) => [k, row[k]]),
    );
    const existing = state.reports[row.period!] !== undefined;
    const command: TargetCommand = existing
      ? { type: 'CorrectProgress', period: row.period!, correction: report, reason: IMPORT_CORRECTION_REASON }
      : { type: 'ReportProgress', period: row.period!, report, reportedAt: now };
    try {
      assertUnitScope(user, state.unitCode);
      targetDecider.decide(command, state);
      return { row, outcome: existing ? 'correction' : 'new', errors: [], report };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'nothing-to-correct') return { row, outcome: 'unchanged', errors: [] };
      return { row, outcome: 'refused', errors: refusalOf(error) };
    }
  }

  private async load(targetId: string): Promise<AssignedTarget | null> {
    try {
      const events = await this.store.readStream(targetStream(targetId));
      return events.reduce<TargetState>((s, e) => targetDecider.evolve(s, e as never), targetDecider.initialState);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }
}

/** `work` over the items, at most `width` at a time; results in the items' order. */
async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

function refusalOf(error: DomainError): FieldError[] {
  return error.errors.length ? error.errors : [{ field: error.code, message: error.message }];
}
