import { CommandContext } from '../../shared/event-sourcing/command-context';
import { WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import { DecreaseConfirmation, ProgressReport } from '../domain/target.types';
import { TargetValue } from '../domain/target-value';

export class AssignTargetCommand {
  constructor(
    readonly input: {
      planCode: string;
      indicatorCode: string;
      unitCode: string;
      /** absent for a work target only (指导性计划) */
      assessment?: TargetValue;
      work?: TargetValue;
      baseline?: string;
      weight?: string;
    },
    readonly context: CommandContext,
  ) {}
}

export class AdjustTargetCommand {
  constructor(
    readonly targetId: string,
    readonly input: { assessment?: TargetValue; work?: TargetValue; reason: string; approvalDocument: string },
    readonly expectedRevision: bigint,
    readonly context: CommandContext,
  ) {}
}

export class ReportProgressCommand {
  constructor(
    readonly targetId: string,
    readonly period: string,
    readonly report: ProgressReport,
    readonly context: CommandContext,
    /** Who may write it: checked by the handler against the target's unit (403 otherwise). */
    readonly authorization?: WriteAuthorization,
    readonly decrease?: DecreaseConfirmation,
    /** The client's Idempotency-Key, named in the refusal when it is reused for another request. */
    readonly idempotencyKey?: string,
  ) {}
}

export class CorrectProgressCommand {
  constructor(
    readonly targetId: string,
    readonly period: string,
    readonly correction: ProgressReport,
    readonly reason: string,
    readonly context: CommandContext,
    readonly authorization?: WriteAuthorization,
    readonly decrease?: DecreaseConfirmation,
  ) {}
}

export class WithdrawTargetCommand {
  constructor(
    readonly targetId: string,
    readonly input: { reason: string; document: string },
    readonly expectedRevision: bigint | undefined,
    readonly context: CommandContext,
  ) {}
}
