import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ProjectionsService } from '../../projections/projections.service';
import { TargetDocument } from '../../targets/read-model/target-document';
import { TargetsRepository } from '../../targets/read-model/targets.repository';
import { AsOfService } from '../../time-travel/as-of.service';
import { WarningQueries, WarningView } from '../../warnings/read-model/warnings.queries';

/**
 * The targets and warnings a draft is composed from, as of its cutoff. When nothing in the log was
 * recorded after the cutoff (the usual case: the office drafts after the due day), the state as of
 * the cutoff is the current one, so it is read from the read models once they reflect the log's head
 * instead of folding the whole log in memory; otherwise (or if they lag) it is folded like any "as of" view.
 */
@Injectable()
export class DraftSources {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly asOf: AsOfService,
    private readonly projections: ProjectionsService,
    private readonly targets: TargetsRepository,
    private readonly warnings: WarningQueries,
  ) {}

  async at(
    cutoff: string,
    planCode: string,
  ): Promise<{ targets: TargetDocument[]; warnings: WarningView[]; head: bigint }> {
    const [head, last] = await Promise.all([this.store.headPosition(), this.store.lastRecordedAt()]);
    const nothingLater = last === undefined || new Date(last).getTime() <= new Date(cutoff).getTime();
    if (nothingLater && (await this.projections.waitForReadModels(head, 5_000))) {
      const [targets, warnings] = await Promise.all([
        this.targets.documentsOfPlan(planCode),
        this.warnings.list({ planCode }),
      ]);
      return { targets, warnings, head };
    }
    const [targets, warnings] = await Promise.all([
      this.asOf.targets(cutoff, planCode),
      this.asOf.warnings(cutoff, { planCode }),
    ]);
    return { targets, warnings, head };
  }
}
