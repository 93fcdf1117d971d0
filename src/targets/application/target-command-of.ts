import { AuthorizationCheck, WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import { TargetCommand, TargetState } from '../domain/target.types';
import { AdjustTargetCommand, CorrectProgressCommand, ReportProgressCommand } from './target.commands';

/**
 * The decider's command for each application command, and the unit-scope check on a target: one
 * translation for the single handlers (target.handlers.ts) and the batches (target-batch.ts,
 * progress-batch.ts).
 */
export function targetUnitScope(
  authorization: WriteAuthorization | undefined,
): AuthorizationCheck<TargetState> | undefined {
  return authorization && { authorization, unitOf: (state: TargetState) => state?.unitCode };
}

export function reportProgressOf({ period, report, context, decrease }: ReportProgressCommand): TargetCommand {
  return { type: 'ReportProgress', period, report, reportedAt: context.now, ...(decrease ? { decrease } : {}) };
}

export function correctProgressOf({ period, correction, reason, decrease }: CorrectProgressCommand): TargetCommand {
  return { type: 'CorrectProgress', period, correction, reason, ...(decrease ? { decrease } : {}) };
}

export function adjustTargetOf({ input }: AdjustTargetCommand): TargetCommand {
  return { type: 'AdjustTarget', ...input };
}
