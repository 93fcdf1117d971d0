import { CommandContext } from '../../shared/event-sourcing/command-context';
import { IndicatorDefinition } from '../domain/indicator.decider';
import { PlanDefinition } from '../domain/plan.decider';
import { UnitDefinition } from '../domain/unit.decider';

export class RegisterUnitCommand {
  constructor(
    readonly unit: UnitDefinition,
    readonly context: CommandContext,
  ) {}
}
export class CreatePlanCommand {
  constructor(
    readonly plan: PlanDefinition,
    readonly context: CommandContext,
  ) {}
}
export class DefineIndicatorCommand {
  constructor(
    readonly indicator: IndicatorDefinition,
    readonly context: CommandContext,
  ) {}
}

/** What a write answers: the stream's revision (ETag) and the global position (for read-your-writes). */
export interface WriteResult {
  revision: bigint;
  position?: bigint;
}
