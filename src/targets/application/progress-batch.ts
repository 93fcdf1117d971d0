import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { BatchedOutcome, executeBatches } from '../../shared/event-sourcing/command-batch';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import { targetDecider } from '../domain/target.decider';
import { targetStream } from '../domain/target-ids';
import { ProgressReport, TargetCommand, TargetState } from '../domain/target.types';
import { targetUnitScope } from './target-command-of';

/**
 * One month's figures for the batch: a first report (ReportProgress) when the month has none yet at its
 * turn in the batch, else a correction (CorrectProgress, with the context's reason).
 */
export interface ProgressEntry {
  period: string;
  report: ProgressReport;
  /** The entry's own command id (idempotent for an importer) and time. */
  context: CommandContext;
  /** Recorded with a correction (CorrectProgress requires one). */
  correctionReason: string;
}

/**
 * Months of ReportProgress / CorrectProgress on many targets in one go (the Excel intake): each entry is
 * decided by the target decider as its own command would be, in order per target, and each target's
 * entries are appended together — the targets many to a transaction where the event store can — so a
 * workbook costs one read per target and a few commits instead of a command and a commit per row.
 */
export class RecordProgressBatchCommand {
  constructor(
    readonly targets: ReadonlyArray<{ targetId: string; entries: readonly ProgressEntry[] }>,
    readonly authorization?: WriteAuthorization,
    /** Decide every entry, append nothing (the intake's preview). */
    readonly dryRun = false,
  ) {}
}

export interface ProgressBatchResult {
  targetId: string;
  revision: bigint;
  position?: bigint;
  /** In the entries' order. */
  outcomes: BatchedOutcome[];
}

@CommandHandler(RecordProgressBatchCommand)
export class RecordProgressBatchHandler implements ICommandHandler<RecordProgressBatchCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ targets, authorization, dryRun }: RecordProgressBatchCommand): Promise<ProgressBatchResult[]> {
    const check = targetUnitScope(authorization);
    const streams = targets.map(({ targetId, entries }) => ({
      streamId: targetStream(targetId),
      batch: entries.map((entry) => ({
        command: (state: TargetState) => commandOf(entry, state),
        context: entry.context,
        reason: (state: TargetState) => (isFirstReport(entry, state) ? undefined : entry.correctionReason),
        ...(check ? { authorization: check } : {}),
      })),
    }));
    const results = await executeBatches(this.store, targetDecider, streams, { dryRun });
    return results.map((result, i) => ({
      targetId: targets[i].targetId,
      revision: result.revision,
      ...(result.position !== undefined ? { position: result.position } : {}),
      outcomes: result.outcomes,
    }));
  }
}

const isFirstReport = (entry: ProgressEntry, state: TargetState) => state?.reports[entry.period] === undefined;

/** The same command the ReportProgress / CorrectProgress handlers hand to the decider. */
function commandOf(entry: ProgressEntry, state: TargetState): TargetCommand {
  return isFirstReport(entry, state)
    ? { type: 'ReportProgress', period: entry.period, report: entry.report, reportedAt: entry.context.now }
    : {
        type: 'CorrectProgress',
        period: entry.period,
        correction: entry.report,
        reason: entry.correctionReason,
      };
}
