import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '../database/data-source';
import { deadlineStream } from '../deadlines/deadline.decider';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { AsOfFolder } from '../projections/time-travel/fold-as-of';
import { SnapshotStore } from '../projections/time-travel/snapshot-store';
import { TARGET_STREAMS, planTargetIdPrefix } from '../targets/domain/target-ids';
import { TARGET_EVENT_TYPES } from '../targets/domain/target.types';
import { TargetDocument } from '../targets/read-model/target-document';
import { targetsProjection } from '../targets/read-model/targets.projection';
import { WARNING_EVENT_TYPES, WARNING_STREAMS } from '../warnings/domain/warning.types';
import { warningsProjection } from '../warnings/read-model/warnings.projection';
import { WarningFilter, WarningView, filterWarnings } from '../warnings/read-model/warnings.queries';
import { parseAsOf } from './as-of';

const TARGET_TYPES = [...TARGET_EVENT_TYPES, 'ReportDeadlinePassed'];

/**
 * Time travel (历史时点): the screens as they were at a past moment, folded from the log by the
 * projections' own pure `evolve` (foldAsOf, from the nearest snapshot of the plan).
 */
@Injectable()
export class AsOfService {
  private readonly folder: AsOfFolder;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Optional() dataSource?: DataSource) {
    this.folder = new AsOfFolder(store, dataSource ? new SnapshotStore(poolOf(dataSource)) : undefined);
  }

  /** Targets as of then; with a plan, only that plan's streams are read (target ids start with the plan code). */
  async targets(asOf: string, planCode?: string): Promise<TargetDocument[]> {
    const streamPrefixes = planCode
      ? [TARGET_STREAMS.of(planTargetIdPrefix(planCode)), deadlineStream(planCode)]
      : undefined;
    const docs = await this.folder.foldAsOf(targetsProjection, parseAsOf(asOf), {
      types: TARGET_TYPES,
      streamPrefixes,
    });
    return planCode ? docs.filter((d) => d.indicator.planCode === planCode) : docs;
  }

  async warnings(asOf: string, filter: WarningFilter): Promise<WarningView[]> {
    const streamPrefixes = filter.planCode ? [WARNING_STREAMS.of(planTargetIdPrefix(filter.planCode))] : undefined;
    return filterWarnings(
      await this.folder.foldAsOf(warningsProjection, parseAsOf(asOf), { types: WARNING_EVENT_TYPES, streamPrefixes }),
      filter,
    );
  }
}
