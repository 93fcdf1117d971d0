import { CommandContext } from '../../shared/event-sourcing/command-context';
import { DecreaseConfirmation, ProgressReport } from '../domain/target.types';
import { TargetValue } from '../domain/target-value';

/** Checks that the acting user may act on a target of this unit (throws 403 otherwise). */
export type UnitScopeCheck = (unitCode: string) => void;

export class AssignTargetCommand {
  constructor(
    readonly input: {
      planCode: string;
      indicatorCode: string;
      unitCode: string;
      assessment: TargetValue;
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
    readonly scope?: UnitScopeCheck,
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
    readonly scope?: UnitScopeCheck,
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
