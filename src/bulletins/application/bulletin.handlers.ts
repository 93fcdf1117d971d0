import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CatalogLookup } from '../../catalog/application/catalog-lookup';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { executeCommand, ExecuteOptions } from '../../shared/event-sourcing/command-executor';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { bulletinDecider } from '../domain/bulletin.decider';
import { BulletinCommand, bulletinStream } from '../domain/bulletin.types';
import { composeBulletin } from '../drafting/compose-bulletin';
import { defaultCutoff } from '../drafting/cutoff';
import { DEFAULT_UNIT_GROUPS } from '../drafting/unit-groups';
import { urgingsAsOf } from '../drafting/urgings-as-of';
import { DraftSources } from '../drafting/draft-sources';
import { BulletinQueries } from '../read-model/bulletin.queries';
import {
  BulletinWriteResult,
  DraftBulletinCommand,
  EditBulletinDraftCommand,
  IssueBulletinCommand,
  WithdrawBulletinCommand,
} from './bulletin.commands';

const DEFAULT_LIST_SIZE = 3;

abstract class BulletinCommandHandler {
  constructor(@Inject(EVENT_STORE) protected readonly store: EventStore) {}

  protected async run(
    bulletinId: string,
    command: BulletinCommand,
    context: CommandContext,
    options: ExecuteOptions = {},
  ): Promise<BulletinWriteResult> {
    const result = await executeCommand(
      this.store,
      bulletinDecider,
      bulletinStream(bulletinId),
      command,
      context,
      options,
    );
    return { bulletinId, revision: result.revision, position: result.position };
  }
}

/** Composes the bulletin from the targets and warnings as of the cutoff (folded from the log), then records the draft. */
@CommandHandler(DraftBulletinCommand)
export class DraftBulletinHandler extends BulletinCommandHandler implements ICommandHandler<DraftBulletinCommand> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly lookup: CatalogLookup,
    private readonly catalog: CatalogQueries,
    private readonly sources: DraftSources,
    private readonly bulletins: BulletinQueries,
  ) {
    super(store);
  }

  async execute({ bulletinId, input, context }: DraftBulletinCommand) {
    const plan = await this.lookup.plan(input.planCode);
    const cutoff = input.cutoff ? new Date(input.cutoff).toISOString() : defaultCutoff(input.period, plan.reportDueDay);
    const [units, { targets, warnings, head }, urgings, previous] = await Promise.all([
      this.catalog.units(),
      this.sources.at(cutoff, plan.code),
      urgingsAsOf(this.store, cutoff, plan.code),
      this.bulletins.previousIssued(plan.code, input.period),
    ]);
    const content = composeBulletin({
      plan: { code: plan.code, title: plan.title },
      period: input.period,
      cutoff,
      ...(input.title ? { title: input.title } : {}),
      units,
      targets,
      warnings,
      urgings,
      // The request's groups, else the plan's own, else the default ones.
      groups: input.groups?.length
        ? input.groups
        : plan.rankingGroups?.length
          ? plan.rankingGroups
          : DEFAULT_UNIT_GROUPS,
      previous: previous && { id: previous.id, rankings: previous.content.rankings },
      listSize: input.listSize ?? DEFAULT_LIST_SIZE,
      sourcePosition: head > 0n ? head.toString() : null,
    });
    return this.run(bulletinId, { type: 'DraftBulletin', bulletinId, content }, context);
  }
}

@CommandHandler(EditBulletinDraftCommand)
export class EditBulletinDraftHandler
  extends BulletinCommandHandler
  implements ICommandHandler<EditBulletinDraftCommand>
{
  execute({ bulletinId, input, expectedRevision, context }: EditBulletinDraftCommand) {
    return this.run(bulletinId, { type: 'EditBulletinDraft', ...input }, context, { expectedRevision });
  }
}

@CommandHandler(IssueBulletinCommand)
export class IssueBulletinHandler extends BulletinCommandHandler implements ICommandHandler<IssueBulletinCommand> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly bulletins: BulletinQueries,
    private readonly lookup: CatalogLookup,
  ) {
    super(store);
  }

  async execute({ bulletinId, input, context }: IssueBulletinCommand) {
    const doc = await this.bulletins.document(bulletinId);
    const plan = await this.lookup.plan(doc.planCode);
    const issuer = input.issuer ?? plan.issuer ?? context.actor.displayName;
    return this.run(
      bulletinId,
      { type: 'IssueBulletin', documentNo: input.documentNo, issuer, issuedAt: context.now.toISOString() },
      context,
    );
  }
}

@CommandHandler(WithdrawBulletinCommand)
export class WithdrawBulletinHandler
  extends BulletinCommandHandler
  implements ICommandHandler<WithdrawBulletinCommand>
{
  execute({ bulletinId, input, context }: WithdrawBulletinCommand) {
    return this.run(
      bulletinId,
      { type: 'WithdrawBulletin', reason: input.reason, withdrawnAt: context.now.toISOString() },
      context,
    );
  }
}

export const BULLETIN_HANDLERS = [
  DraftBulletinHandler,
  EditBulletinDraftHandler,
  IssueBulletinHandler,
  WithdrawBulletinHandler,
];
