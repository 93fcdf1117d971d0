import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand } from '../../shared/event-sourcing/command-executor';
import { refuseIf } from '../../shared/problems/domain-error';
import { indicatorProblems } from '../domain/catalog-invariants';
import { indicatorStream, planStream, unitStream } from '../domain/catalog-codes';
import { indicatorDecider } from '../domain/indicator.decider';
import { planDecider } from '../domain/plan.decider';
import { unitDecider } from '../domain/unit.decider';
import { CatalogLookup } from './catalog-lookup';
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
    const plan = await this.catalog.plan(indicator.planCode);
    // The plan's rules first, then the references: a bad figure is a 400 before a missing unit is a 404.
    refuseIf(indicatorProblems(indicator, plan));
    if (indicator.parentCode) await this.catalog.indicator(indicator.planCode, indicator.parentCode);
    const referenced = [
      indicator.leadUnitCode,
      ...(indicator.leadUnitCodes ?? []),
      indicator.verifyingUnitCode,
      ...(indicator.cooperatingUnitCodes ?? []),
    ];
    for (const code of new Set(referenced.filter((c): c is string => Boolean(c)))) await this.catalog.unit(code);
    return executeCommand(
      this.store,
      indicatorDecider,
      indicatorStream(indicator.planCode, indicator.code),
      { type: 'DefineIndicator', indicator, plan },
      context,
    );
  }
}
