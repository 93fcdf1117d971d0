import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand } from '../../shared/event-sourcing/command-executor';
import { indicatorStream, planStream, unitStream } from '../domain/catalog-codes';
import { indicatorDecider } from '../domain/indicator.decider';
import { planDecider } from '../domain/plan.decider';
import { unitDecider } from '../domain/unit.decider';
import { CatalogLookup } from './catalog-lookup';
import { defineIndicatorOf } from './define-indicator';
import { CreatePlanCommand, DefineIndicatorCommand, RegisterUnitCommand, WriteResult } from './catalog.commands';

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ unit, context }: RegisterUnitCommand) {
    return executeCommand(this.store, unitDecider, unitStream(unit.code), { type: 'RegisterUnit', unit }, context);
  }
}

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ plan, context }: CreatePlanCommand) {
    return executeCommand(this.store, planDecider, planStream(plan.code), { type: 'CreatePlan', plan }, context);
  }
}

@CommandHandler(DefineIndicatorCommand)
export class DefineIndicatorHandler implements ICommandHandler<DefineIndicatorCommand, WriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: CatalogLookup,
  ) {}

  async execute({ indicator, context }: DefineIndicatorCommand) {
    return executeCommand(
      this.store,
      indicatorDecider,
      indicatorStream(indicator.planCode, indicator.code),
      await defineIndicatorOf(this.catalog, indicator),
      context,
    );
  }
}
