import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CatalogLookup } from '../../catalog/application/catalog-lookup';
import { WriteResult } from '../../catalog/application/catalog.commands';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand, ExecuteOptions } from '../../shared/event-sourcing/command-executor';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { DomainEvent } from '../../shared/event-sourcing/decider';
import { sameContent } from '../../shared/event-sourcing/same-content';
import { streamStatesOf } from '../../shared/event-sourcing/stream-states';
import { WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import { DomainError } from '../../shared/problems/domain-error';
import { targetDecider } from '../domain/target.decider';
import { targetStream } from '../domain/target-ids';
import { ProgressReport, TargetCommand, TargetState } from '../domain/target.types';
import { assignTargetOf } from './assign-target';
import { adjustTargetOf, correctProgressOf, reportProgressOf, targetUnitScope } from './target-command-of';
import {
  AdjustTargetCommand,
  AssignTargetCommand,
  CorrectProgressCommand,
  ReportProgressCommand,
  WithdrawTargetCommand,
} from './target.commands';

export interface TargetWriteResult extends WriteResult {
  targetId: string;
  /** True when an identical command had been recorded before (idempotent retry or re-import). */
  repeated: boolean;
  /** The events written, or found for a repeated command. */
  recorded: readonly DomainEvent[];
}

abstract class TargetCommandHandler {
  constructor(@Inject(EVENT_STORE) protected readonly store: EventStore) {}

  protected async run(
    targetId: string,
    command: TargetCommand,
    context: CommandContext,
    options: Omit<ExecuteOptions<TargetState>, 'authorization'> & { authorization?: WriteAuthorization } = {},
  ): Promise<TargetWriteResult> {
    const { authorization, ...rest } = options;
    const result = await executeCommand(this.store, targetDecider, targetStream(targetId), command, context, {
      states: streamStatesOf<TargetState>(this.store, 'target'),
      ...rest,
      ...(authorization ? { authorization: targetUnitScope(authorization) } : {}),
    });
    return {
      targetId,
      revision: result.revision,
      position: result.position,
      repeated: result.repeated,
      recorded: result.events,
    };
  }
}

/**
 * A repeated Idempotency-Key must come with the same request: a different one is refused (422, as the
 * IETF idempotency-key draft answers) instead of silently answering the first.
 */
function assertSameReport(
  recorded: readonly DomainEvent[],
  period: string,
  report: ProgressReport,
  idempotencyKey: string | undefined,
): void {
  const first = recorded.find((e) => e.type === 'ProgressReported')?.data as
    (ProgressReport & { period: string }) | undefined;
  if (!first) return;
  const {
    unitOfMeasure: _unit,
    yearToDateDecrease: _decrease,
    ...firstRequest
  } = first as typeof first & { unitOfMeasure?: string; yearToDateDecrease?: unknown };
  if (sameContent(firstRequest, { period, ...report })) return;
  throw new DomainError(
    'unprocessable',
    'idempotency-key-reused',
    `Idempotency-Key “${idempotencyKey ?? ''}” 已用于另一份不同的报送 / The Idempotency-Key '${idempotencyKey ?? ''}' was already used for a different request`,
    [{ field: 'Idempotency-Key', message: '同一键只能重发同一请求 / a key may only repeat the same request' }],
    { idempotencyKey },
  );
}

@CommandHandler(AssignTargetCommand)
export class AssignTargetHandler extends TargetCommandHandler implements ICommandHandler<AssignTargetCommand> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly catalog: CatalogLookup,
  ) {
    super(store);
  }

  async execute({ input, context }: AssignTargetCommand) {
    const { targetId, command } = await assignTargetOf(this.catalog, input);
    return this.run(targetId, command, context);
  }
}

@CommandHandler(AdjustTargetCommand)
export class AdjustTargetHandler extends TargetCommandHandler implements ICommandHandler<AdjustTargetCommand> {
  execute(command: AdjustTargetCommand) {
    const { targetId, expectedRevision, context } = command;
    return this.run(targetId, adjustTargetOf(command), context, { expectedRevision });
  }
}

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler extends TargetCommandHandler implements ICommandHandler<ReportProgressCommand> {
  async execute(command: ReportProgressCommand) {
    const { targetId, period, report, context, authorization, idempotencyKey } = command;
    const result = await this.run(targetId, reportProgressOf(command), context, { authorization });
    if (result.repeated) assertSameReport(result.recorded, period, report, idempotencyKey);
    return result;
  }
}

@CommandHandler(CorrectProgressCommand)
export class CorrectProgressHandler extends TargetCommandHandler implements ICommandHandler<CorrectProgressCommand> {
  execute(command: CorrectProgressCommand) {
    const { targetId, context, authorization } = command;
    return this.run(targetId, correctProgressOf(command), context, { authorization });
  }
}

@CommandHandler(WithdrawTargetCommand)
export class WithdrawTargetHandler extends TargetCommandHandler implements ICommandHandler<WithdrawTargetCommand> {
  execute({ targetId, input, expectedRevision, context }: WithdrawTargetCommand) {
    return this.run(targetId, { type: 'WithdrawTarget', ...input }, context, { expectedRevision });
  }
}

export const TARGET_HANDLERS = [
  AssignTargetHandler,
  AdjustTargetHandler,
  ReportProgressHandler,
  CorrectProgressHandler,
  WithdrawTargetHandler,
];
