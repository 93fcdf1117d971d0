/**
 * The plan importer (计划导入): validates plan directories, then sends each unit, plan, indicator and
 * target through the application's CommandBus — the same commands and rules as the HTTP API — as
 * the import actor, and reports what it created, what was already there and what was refused and why,
 * with the decomposition reconciliation of the live read model.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, ICommand } from '@nestjs/cqrs';
import {
  CreatePlanCommand,
  DefineIndicatorCommand,
  RegisterUnitCommand,
} from '../../catalog/application/catalog.commands';
import {
  CatalogBatchItem,
  CatalogBatchResult,
  RecordCatalogBatchCommand,
} from '../../catalog/application/catalog-batch';
import { CompletionService } from '../../completion/completion.service';
import type { ReconciliationLine } from '../../completion/reconciliation';
import { Actor, EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { DomainError } from '../../shared/problems/domain-error';
import { RecordTargetBatchCommand, TargetBatchResult } from '../../targets/application/target-batch';
import { AssignTargetCommand } from '../../targets/application/target.commands';
import {
  PlanFile,
  PlanFileError,
  PlanFileIssue,
  reconcile,
  ReconciliationStatus,
  tryLoadPlanDirectory,
} from '../plan-file';
import { targetStream } from '../../targets/domain/target-ids';
import {
  EntityKind,
  IMPORT_ACTOR,
  ImportNote,
  ImportStep,
  IndicatorStep,
  NOTE_TOPICS,
  NoteTopic,
  NotCarried,
  planImport,
  Refusal,
  TargetStep,
  UnitStep,
} from './plan-import';

export interface ImportOptions {
  /** Time of the commands; the application's clock by default (the demo passes its simulated clock). */
  clock?: Clock;
  actor?: Actor;
  /** documentRef paths are relative to this directory (default: the working directory). */
  baseDir?: string;
  /** Progress lines (stderr in the CLI). */
  onProgress?: (line: string) => void;
  /** How long to wait for the read models before the reconciliation (ms). */
  projectionTimeoutMs?: number;
}

export interface EntityCounts {
  created: number;
  unchanged: number;
  refused: number;
}

export interface NoteGroup {
  topic: NoteTopic;
  title: string;
  count: number;
  details: string[];
}

export interface PlanImportSummary {
  planCode: string;
  title: string;
  dir: string;
  documentRef: string;
  units: EntityCounts;
  plan: EntityCounts;
  indicators: EntityCounts;
  targets: EntityCounts & { inFile: number; districtInFile: number; unitInFile: number };
  refusals: Refusal[];
  notes: NoteGroup[];
  /** Kept in the plan file only: what no command carries, with counts. */
  notCarried: NotCarried[];
  /**
   * For every decomposed indicator: district target, sum of the unit targets in one unit, difference
   * (live read model), with the plan file's own reconciliation status beside it (`not_summable` for
   * levels, rates, texts, whose sum means nothing).
   */
  reconciliation: Array<ReconciliationLine & { fileStatus?: ReconciliationStatus }>;
  /** The same for the work targets (工作目标): a plan of work targets only reconciles here. */
  workReconciliation: Array<ReconciliationLine & { fileStatus?: ReconciliationStatus }>;
  /** The plan file's validation warnings (not errors: the import went ahead). */
  warnings: PlanFileIssue[];
}

export interface ImportSummary {
  plans: PlanImportSummary[];
  /** Head of the log before and after (equal when nothing was appended). */
  headBefore: bigint;
  headAfter: bigint;
  seconds: number;
}

/**
 * Loads and validates every directory first (a PlanFileError naming file, row and field refuses the
 * whole run before anything is appended), then imports them in order.
 */
export async function importPlanDirectories(
  app: AppContext,
  dirs: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = Date.now();
  const validated: ValidatedPlan[] = [];
  for (const dir of dirs) {
    const result = await tryLoadPlanDirectory(dir);
    if (!result.ok) throw new PlanFileError(dir, result.errors, result.warnings);
    validated.push(result);
  }
  return importValidatedPlans(app, validated, options, started);
}

/** What the importer needs of the application: its providers (an application context, or a ModuleRef). */
export type AppContext = Pick<INestApplicationContext, 'get'>;

/** A plan read and validated from a directory or a workbook, with its validation warnings. */
export interface ValidatedPlan {
  plan: PlanFile;
  warnings: PlanFileIssue[];
}

/** Imports plans already validated (a plan directory, a plan workbook), in order. */
export async function importValidatedPlans(
  app: AppContext,
  validated: ValidatedPlan[],
  options: ImportOptions = {},
  started = Date.now(),
): Promise<ImportSummary> {
  const plans = validated.map((v) => v.plan);
  const warnings = validated.map((v) => v.warnings);
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const headBefore = await store.headPosition();
  const summaries: PlanImportSummary[] = [];
  const written = { last: -1n };
  for (const [i, plan] of plans.entries())
    summaries.push({ ...(await importPlan(app, plan, options, written)), warnings: warnings[i] });
  // The reconciliation reads the live read model: wait until it has everything just imported. Up to
  // the last position this import wrote, not only the visible head: on PostgreSQL the head stays
  // behind any transaction still open on the server (another database's too), so it can be older
  // than the import's own events (then the catalog would not have the plan yet).
  const visibleHead = await store.headPosition();
  const projections = app.get(ProjectionsService, { strict: false });
  const upTo = written.last > visibleHead ? written.last : visibleHead;
  if (!(await projections.waitFor(upTo, options.projectionTimeoutMs ?? 120_000))) {
    options.onProgress?.('warning: the read models have not caught up yet; the reconciliation may be incomplete');
  }
  const headAfter = written.last > visibleHead ? await store.headPosition() : visibleHead;
  const completion = app.get(CompletionService, { strict: false });
  for (const [i, summary] of summaries.entries()) {
    if (summary.plan.refused) continue;
    const fileRows = reconcile(plans[i]);
    for (const side of ['assessment', 'work'] as const) {
      const fileStatus = new Map(fileRows.filter((r) => r.side === side).map((r) => [r.indicatorCode, r.status]));
      const lines = (await completion.reconciliation(summary.planCode, side === 'work')).lines.map((line) => ({
        ...line,
        ...(fileStatus.has(line.indicatorCode) ? { fileStatus: fileStatus.get(line.indicatorCode) } : {}),
      }));
      if (side === 'assessment') summary.reconciliation = lines;
      else summary.workReconciliation = lines;
    }
  }
  return { plans: summaries, headBefore, headAfter, seconds: (Date.now() - started) / 1000 };
}

/** Targets per RecordTargetBatch command (its handler appends many to a transaction). */
const TARGETS_PER_COMMAND = 250;

type Outcome = { result: 'created' | 'unchanged' } | { result: 'refused'; reason: string };

/** `written.last`: the highest position a command of the import appended (raised as they go). */
async function importPlan(
  app: AppContext,
  plan: PlanFile,
  options: ImportOptions,
  written: { last: bigint },
): Promise<Omit<PlanImportSummary, 'warnings'>> {
  const batch = planImport(plan, { baseDir: options.baseDir });
  const bus = app.get(CommandBus, { strict: false });
  const clock = options.clock ?? app.get<Clock>(CLOCK, { strict: false });
  const actor = options.actor ?? IMPORT_ACTOR;
  const reason = `导入计划文件 ${batch.dir} / imported from the plan file ${batch.dir}`;
  const progress = options.onProgress ?? (() => undefined);
  const refusals: Refusal[] = [...batch.refusals];
  const refusedIndicators = new Set(batch.refusals.filter((r) => r.kind === 'indicator').map((r) => r.key));
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const counts: Record<EntityKind, EntityCounts> = {
    unit: zero(),
    plan: zero(),
    indicator: zero(),
    target: zero(),
  };
  for (const r of batch.refusals) counts[r.kind].refused++;

  const contextOf = (step: ImportStep): CommandContext => ({
    commandId: step.commandId,
    actor,
    now: clock.now(),
    reason,
    documentRef: step.documentRef,
    idempotent: true,
  });
  const run = async (step: ImportStep): Promise<Outcome> => {
    const missing = step.needs.find((code) => refusedIndicators.has(code));
    if (missing !== undefined) {
      // A target imported before, unchanged in the file, stays unchanged even when its indicator's line was edited.
      if (step.kind === 'target' && (await recorded(store, targetStream(step.key), step.commandId)))
        return { result: 'unchanged' };
      return { result: 'refused', reason: `指标 ${missing} 未导入 / its indicator ${missing} was refused` };
    }
    try {
      const result = await bus.execute<ICommand, { position?: bigint; repeated?: boolean }>(
        commandOf(step, contextOf(step)),
      );
      if (result.position === undefined || result.repeated) return { result: 'unchanged' };
      if (result.position > written.last) written.last = result.position;
      return { result: 'created' };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { result: 'refused', reason: describe(error) };
    }
  };
  /** Targets through one RecordTargetBatch command: each decided as its AssignTarget would be. */
  const assignTargets = async (steps: TargetStep[]): Promise<Outcome[]> => {
    const outcomes: Outcome[] = new Array(steps.length);
    const sent: number[] = [];
    const items: AssignTargetCommand[] = [];
    for (const [j, step] of steps.entries()) {
      const missing = step.needs.find((code) => refusedIndicators.has(code));
      if (missing !== undefined) {
        outcomes[j] = await run(step);
        continue;
      }
      sent.push(j);
      items.push(commandOf(step, contextOf(step)) as AssignTargetCommand);
    }
    if (!items.length) return outcomes;
    let results: TargetBatchResult[];
    try {
      results = await bus.execute<RecordTargetBatchCommand, TargetBatchResult[]>(new RecordTargetBatchCommand(items));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      for (const j of sent) outcomes[j] = { result: 'refused', reason: describe(error) };
      return outcomes;
    }
    results.forEach(({ outcome, position }, k) => {
      if (position !== undefined && outcome.kind === 'written' && position > written.last) written.last = position;
      outcomes[sent[k]] =
        outcome.kind === 'refused'
          ? { result: 'refused', reason: describe(outcome.error) }
          : { result: outcome.kind === 'written' ? 'created' : 'unchanged' };
    });
    return outcomes;
  };
  const record = (step: ImportStep, outcome: Outcome) => {
    counts[step.kind][outcome.result]++;
    if (outcome.result !== 'refused') return;
    if (step.kind === 'indicator') refusedIndicators.add(step.key);
    const unreadable =
      step.kind === 'target' && step.unreadable.length
        ? ` (原文无法识别 unreadable in the source: ${step.unreadable.join(', ')})`
        : '';
    refusals.push({
      kind: step.kind,
      key: step.key,
      label: step.label,
      documentRef: step.documentRef,
      reason: outcome.reason + unreadable,
    });
  };

  /**
   * Units or indicators through RecordCatalogBatch commands, each decided as its own command would be. An
   * indicator whose parent is in the pending batch waits for that batch's answer: a refused parent refuses it
   * here, as one by one, with the parent named.
   */
  const defineCatalog = async (steps: Array<UnitStep | IndicatorStep>) => {
    let pending: Array<UnitStep | IndicatorStep> = [];
    const send = async () => {
      if (!pending.length) return;
      const sent = pending;
      pending = [];
      let results: CatalogBatchResult[];
      try {
        results = await bus.execute<RecordCatalogBatchCommand, CatalogBatchResult[]>(
          new RecordCatalogBatchCommand(sent.map((step) => commandOf(step, contextOf(step)) as CatalogBatchItem)),
        );
      } catch (error) {
        if (!isDomainError(error)) throw error;
        for (const step of sent) record(step, { result: 'refused', reason: describe(error) });
        return;
      }
      results.forEach(({ outcome, position }, k) => {
        if (position !== undefined && outcome.kind === 'written' && position > written.last) written.last = position;
        record(
          sent[k],
          outcome.kind === 'refused'
            ? { result: 'refused', reason: describe(outcome.error) }
            : { result: outcome.kind === 'written' ? 'created' : 'unchanged' },
        );
      });
    };
    for (const step of steps) {
      const refusedNeed = step.needs.some((code) => refusedIndicators.has(code));
      if (refusedNeed || step.needs.some((code) => pending.some((p) => p.kind === 'indicator' && p.key === code)))
        await send();
      if (refusedNeed || step.needs.some((code) => refusedIndicators.has(code))) record(step, await run(step));
      else pending.push(step);
    }
    await send();
  };

  progress(
    `importing ${batch.dir} (${batch.planCode}): ${batch.units.length} units, ${batch.indicators.length} indicators, ${batch.targets.length} targets`,
  );
  await defineCatalog(batch.units);
  record(batch.plan, await run(batch.plan));
  if (counts.plan.refused === 0) {
    await defineCatalog(batch.indicators);
    // The targets many to a command (one RecordTargetBatch: every stream read once, a few commits).
    for (let i = 0; i < batch.targets.length; i += TARGETS_PER_COMMAND) {
      const slice = batch.targets.slice(i, i + TARGETS_PER_COMMAND);
      const outcomes = await assignTargets(slice);
      slice.forEach((step, j) => record(step, outcomes[j]));
      progress(`  ${batch.planCode}: ${i + slice.length}/${batch.targets.length} targets`);
    }
  } else {
    for (const step of [...batch.indicators, ...batch.targets])
      record(step, { result: 'refused', reason: `计划未导入 / the plan was refused` });
  }

  return {
    planCode: batch.planCode,
    title: plan.plan.title,
    dir: batch.dir,
    documentRef: batch.documentRef,
    units: counts.unit,
    plan: counts.plan,
    indicators: counts.indicator,
    targets: {
      ...counts.target,
      inFile: batch.fileTargets.district + batch.fileTargets.unit,
      districtInFile: batch.fileTargets.district,
      unitInFile: batch.fileTargets.unit,
    },
    refusals,
    notes: groupNotes(batch.notes.filter((n) => !refusals.some((r) => r.kind === n.kind && r.key === n.key))),
    notCarried: batch.notCarried,
    reconciliation: [],
    workReconciliation: [],
  };
}

/** Has this command already been recorded on the stream (an idempotent import of the same content)? */
async function recorded(store: EventStore, stream: string, commandId: string): Promise<boolean> {
  try {
    return (await store.readStream(stream)).some((e) => e.metadata.commandId === commandId);
  } catch (error) {
    if (error instanceof Error && error.name === 'StreamNotFoundError') return false;
    throw error;
  }
}

function commandOf(step: ImportStep, context: CommandContext) {
  switch (step.kind) {
    case 'unit':
      return new RegisterUnitCommand(step.payload, context);
    case 'plan':
      return new CreatePlanCommand(step.payload, context);
    case 'indicator':
      return new DefineIndicatorCommand(step.payload, context);
    case 'target':
      return new AssignTargetCommand(step.payload, context);
  }
}

function groupNotes(notes: ImportNote[]): NoteGroup[] {
  const groups = new Map<NoteTopic, NoteGroup>();
  for (const note of notes) {
    const group = groups.get(note.topic) ?? {
      topic: note.topic,
      title: NOTE_TOPICS[note.topic],
      count: 0,
      details: [],
    };
    group.count++;
    group.details.push(note.detail);
    groups.set(note.topic, group);
  }
  return [...groups.values()];
}

function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError || (error instanceof Error && error.name === 'DomainError');
}

function describe(error: DomainError): string {
  const fields = error.errors.length ? `: ${error.errors.map((e) => `${e.field} — ${e.message}`).join('; ')}` : '';
  return `${error.message}${fields}`;
}

function zero(): EntityCounts {
  return { created: 0, unchanged: 0, refused: 0 };
}

/** Every refusal across the plans, for tests and exit codes. */
export function allRefusals(summary: ImportSummary): Refusal[] {
  return summary.plans.flatMap((p) => p.refusals);
}
