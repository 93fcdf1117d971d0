import { Inject, Injectable } from '@nestjs/common';
import { deadlineStream } from '../deadlines/deadline.decider';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { targetStream } from '../targets/domain/target-ids';
import { DocumentProjection, ProjectedDocument } from '../projections/runner/document-projection';
import { DocumentWorkspace } from '../projections/runner/document-workspace';
import { TARGET_EVENT_TYPES } from '../targets/domain/target.types';
import { TargetDocument } from '../targets/read-model/target-document';
import { targetsProjection } from '../targets/read-model/targets.projection';
import { WARNING_EVENT_TYPES, warningStream } from '../warnings/domain/warning.types';
import { warningsProjection } from '../warnings/read-model/warnings.projection';
import { WarningFilter, WarningView, filterWarnings } from '../warnings/read-model/warnings.queries';
import { AsOf, includes, parseAsOf } from './as-of';

const PAGE = 20_000;

/**
 * Time travel (历史时点): folds the log up to a past moment with the projections' own pure `evolve`,
 * in memory, so any screen can be shown as it was then.
 */
@Injectable()
export class AsOfService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Targets as of then; with a plan, only that plan's streams are read (target ids start with the plan code). */
  async targets(asOf: string, planCode?: string): Promise<TargetDocument[]> {
    const streams = planCode ? [`${targetStream(planCode)}.`, deadlineStream(planCode)] : undefined;
    const docs = await this.fold(targetsProjection, parseAsOf(asOf), [...TARGET_EVENT_TYPES, 'ReportDeadlinePassed'], streams);
    return planCode ? docs.filter((d) => d.indicator.planCode === planCode) : docs;
  }

  async warnings(asOf: string, filter: WarningFilter): Promise<WarningView[]> {
    const streams = filter.planCode ? [`${warningStream(filter.planCode)}.`] : undefined;
    return filterWarnings(await this.fold(warningsProjection, parseAsOf(asOf), WARNING_EVENT_TYPES, streams), filter);
  }

  private async fold<Doc extends ProjectedDocument>(
    projection: DocumentProjection<Doc>,
    asOf: AsOf,
    types: readonly string[],
    streamPrefixes?: readonly string[],
  ): Promise<Doc[]> {
    const workspace = new DocumentWorkspace(projection, undefined, { skipPoison: true });
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readLog({ after, limit: PAGE, types, streamPrefixes });
      if (page.length === 0) break;
      after = page[page.length - 1].position;
      const inView = page.filter((e) => includes(asOf, e));
      await workspace.apply(inView);
      if ('position' in asOf && after >= asOf.position) break;
    }
    return workspace.all();
  }
}
