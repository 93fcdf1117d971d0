import { CommandContext } from '../../shared/event-sourcing/command-context';
import { WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import {
  AcknowledgeWarning,
  ObserveOverdue,
  ObserveReportArrived,
  ObserveStatus,
  ObserveWithdrawn,
} from '../domain/warning.types';

/** The responsible unit answers a warning (情况说明和整改措施): the office, or the unit's own reporter. */
export class AcknowledgeWarningCommand {
  constructor(
    readonly input: Omit<AcknowledgeWarning, 'type'>,
    readonly context: CommandContext,
    /** Checked against the warnings' unit (403 otherwise); absent for the system's own writes. */
    readonly authorization?: WriteAuthorization,
  ) {}
}

/** What the warnings reactor saw on a target: a status, a passed deadline, a report, a withdrawal. */
export class ObserveTargetCommand {
  constructor(
    readonly targetId: string,
    readonly observation: ObserveStatus | ObserveOverdue | ObserveReportArrived | ObserveWithdrawn,
    readonly context: CommandContext,
  ) {}
}

/**
 * The reactor's observations of one follower batch, in the log's order: each decided as ObserveTargetCommand
 * decides it (its own context: command id, actor, time), every warning stream read once, and all appended
 * in order in one transaction (all or none).
 */
export class ObserveTargetsCommand {
  constructor(readonly observations: readonly ObserveTargetCommand[]) {}
}
