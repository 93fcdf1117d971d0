import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { ReportDeadline } from '../../deadlines/deadline.decider';
import { Actor, EVENT_STORE, EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { Follower } from '../../projections/follower/follower';
import { FollowerRunner } from '../../projections/follower/follower-runner';
import { ProjectionsService } from '../../projections/projections.service';
import { isDueAndMissing } from '../../rules';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { governingTarget } from '../../targets/domain/target-value';
import { statusFactsOf } from '../../targets/read-model/status-facts';
import { TargetDocument } from '../../targets/read-model/target-document';
import { TARGET_STREAMS } from '../../targets/domain/target-ids';
import { evolveTargetDocument, targetsProjection } from '../../targets/read-model/targets.projection';
import { TargetsRepository } from '../../targets/read-model/targets.repository';
import { OrderedResult } from '../../shared/event-sourcing/ordered-batch';
import { ObserveTargetCommand, ObserveTargetsCommand } from '../application/warning.commands';
import { TargetRef } from '../domain/warning.types';
import { ComputedTargets } from './computed-targets';
import { statusReason } from './status-reason';

export const WARNING_ENGINE: Actor = {
  id: 'warning-engine',
  username: 'system:warnings',
  displayName: '预警引擎 / Warning engine',
};
const CHECKPOINT = 'reactor:warnings';

/** How long a batch waits for the targets projection's documents before reading or folding them itself. */
const PROJECTION_WAIT_MS = 1000;
const NAMESPACE = '4c2b9e7a-1f3d-4a6b-9e8c-7d5f3a2b1c0e';
const TARGET_CHANGES = new Set(['ProgressReported', 'ProgressCorrected', 'TargetAdjusted', 'TargetWithdrawn']);

/**
 * Watches the log and turns status changes and passed deadlines into warning commands. Each command
 * id derives from the event that caused it, so a replay or a restart never raises a warning twice.
 * Runs as a follower (effects mode) on the shared runner: checkpoint, back-off, quarantine, health.
 */
@Injectable()
export class WarningsReactor implements Follower, OnModuleInit {
  readonly name = CHECKPOINT;
  readonly version = 1;
  readonly mode = 'effects';
  readonly role = 'reactor';
  private readonly runner: FollowerRunner;
  private produced = -1n;
  /** Target changes this reactor had to fold from the stream because the projection had moved past them. */
  catchUpFolds = 0;
  private readonly computed = new ComputedTargets(isTargetChange);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionsService,
    private readonly targets: TargetsRepository,
    private readonly commands: CommandBus,
  ) {
    this.runner = projections.register(this);
  }

  /** Once every module has registered its projections (the targets one among them). */
  onModuleInit(): void {
    this.projections
      .documentFollower(targetsProjection)
      ?.observe((event, _key, doc) => this.computed.record(event, doc));
  }

  get position(): bigint {
    return this.runner.position;
  }

  producedPosition(): bigint {
    return this.produced;
  }

  /** Resolves once the reactor has acted on everything up to `position` (tests and read-your-writes). */
  waitFor(position: bigint, timeoutMs = 10_000): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }

  /** The events `react` acts on; the runner passes batches of others without a transaction. */
  handles(event: RecordedEvent): boolean {
    return isTargetChange(event) || event.type === 'ReportDeadlinePassed';
  }

  /**
   * The batch's observations, in the log's order, go as one command (one read of each warning stream,
   * one transaction): a follower batch of the demo's day or of concurrent reports costs one commit.
   */
  async apply(batch: readonly RecordedEvent[]): Promise<void> {
    await this.awaitProjection(batch);
    const observations: ObserveTargetCommand[] = [];
    for (const event of batch) {
      if (isTargetChange(event)) observations.push(...(await this.onTargetChange(event)));
      else if (event.type === 'ReportDeadlinePassed') observations.push(...(await this.onDeadline(event)));
    }
    if (!observations.length) return;
    const results = await this.commands.execute<ObserveTargetsCommand, OrderedResult[]>(
      new ObserveTargetsCommand(observations),
    );
    for (const { position } of results)
      if (position !== undefined && position > this.produced) this.produced = position;
  }

  private async onTargetChange(event: RecordedEvent): Promise<ObserveTargetCommand[]> {
    const doc = await this.targetAfter(event);
    if (!doc) return [];
    const target = refOf(doc);
    if (event.type === 'TargetWithdrawn') return [observe(event, target.targetId, { type: 'ObserveWithdrawn' })];
    const observations: ObserveTargetCommand[] = [];
    if (event.type === 'ProgressReported') {
      const period = (event.data as { period: string }).period;
      observations.push(observe(event, target.targetId, { type: 'ObserveReportArrived', period }, 'arrived'));
    }
    const period = doc.latestPeriod;
    const evaluation = period ? doc.periods[period].evaluation : undefined;
    if (!period || !evaluation) return observations;
    observations.push(
      observe(event, target.targetId, {
        type: 'ObserveStatus',
        target,
        period,
        status: evaluation.status,
        reason: statusReason(
          period,
          evaluation,
          doc.periods[period].report.value,
          governingTarget(doc).unitOfMeasure ?? doc.indicator.unitOfMeasure,
        ),
        ruleValues: evaluation.ruleValues,
      }),
    );
    return observations;
  }

  /**
   * Once per batch, when the targets projection of this process has not yet computed a document the
   * batch needs: a wait for it (it reads the same feed). The documents are handed over as the
   * projection computes them, so the reactor acts while the projection is still writing its table.
   * A projection that is not keeping up (rebuilding, paused, isolating a poison event) must not hold
   * the warnings back: after a short wait, or once it has committed past them without handing them
   * over, the reactor reads or folds the rest itself.
   */
  private async awaitProjection(batch: readonly RecordedEvent[]): Promise<void> {
    const changes = batch.filter(isTargetChange);
    if (!changes.length) return;
    const projection = this.projections.runner(targetsProjection.name);
    if (projection?.state !== 'following' && projection?.state !== 'standby') return;
    await this.computed.whenRecorded(changes, () =>
      projection.waitFor(changes[changes.length - 1].position, PROJECTION_WAIT_MS),
    );
  }

  /**
   * The target as the targets projection computed it right after `event`: the document its live batch
   * produced (observed in this process), else the stored document when no later write to the target
   * has changed it since (its revision is the event's; a deadline changes no revision and nothing
   * read here). Only a reactor that restarted behind the projection, or whose projection runs on
   * another instance, folds the stream up to the event with the projection's own `evolve`.
   */
  private async targetAfter(event: RecordedEvent): Promise<TargetDocument | undefined> {
    const targetId = TARGET_STREAMS.keyOf(event.streamId);
    if (targetId === undefined) return undefined;
    const computed = this.computed.take(event);
    if (computed) return computed;
    const projection = this.projections.runner(targetsProjection.name);
    if (projection && projection.position >= event.position) {
      const doc = await this.targets.find(targetId);
      if (doc && doc.revision === event.revision.toString()) return doc;
    }
    this.catchUpFolds++;
    const history = await this.store.readStream(event.streamId);
    return history
      .filter((e) => e.revision <= event.revision)
      .reduce<TargetDocument | undefined>((d, e) => evolveTargetDocument(d, e), undefined);
  }

  /** Every active target of the plan that was assigned before the deadline and had not reported by it. */
  private async onDeadline(event: RecordedEvent): Promise<ObserveTargetCommand[]> {
    const deadline = event.data as ReportDeadline;
    await this.projections.waitForReadModels(event.position, 60_000);
    const docs = await this.targets.documentsOfPlan(deadline.planCode);
    const at = event.metadata.recordedAt;
    const observations: ObserveTargetCommand[] = [];
    for (const doc of docs) {
      // The one "due and missing" rule; only reports made before the deadline answer it.
      const reportedBefore = Object.keys(doc.periods).filter((p) => doc.periods[p].reportedAt <= at);
      const dueAndMissing = isDueAndMissing(statusFactsOf(doc), deadline.period, reportedBefore);
      if (dueAndMissing && doc.assignedAt <= at && (doc.lifecycle === 'active' || doc.updatedAt > at)) {
        observations.push(
          observe(
            event,
            doc.id,
            { type: 'ObserveOverdue', target: refOf(doc), period: deadline.period, dueDate: deadline.dueDate },
            doc.id,
          ),
        );
      }
    }
    return observations;
  }
}

/** The command id derives from the causing event, so a replay or a restart never raises a warning twice. */
function observe(
  cause: RecordedEvent,
  targetId: string,
  observation: ObserveTargetCommand['observation'],
  discriminator = '',
): ObserveTargetCommand {
  const context: CommandContext = {
    commandId: uuidv5(`${cause.id}/${observation.type}/${discriminator}`, NAMESPACE),
    actor: WARNING_ENGINE,
    now: new Date(cause.metadata.recordedAt),
    correlationId: cause.metadata.correlationId,
    causationId: cause.id,
    idempotent: true,
  };
  return new ObserveTargetCommand(targetId, observation, context);
}

function isTargetChange(event: RecordedEvent): boolean {
  return TARGET_CHANGES.has(event.type) && TARGET_STREAMS.owns(event.streamId);
}

function refOf(doc: TargetDocument): TargetRef {
  return {
    targetId: doc.id,
    planCode: doc.indicator.planCode,
    indicatorCode: doc.indicator.code,
    unitCode: doc.unitCode,
  };
}
