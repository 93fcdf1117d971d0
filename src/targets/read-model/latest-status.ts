import { Injectable, OnModuleInit } from '@nestjs/common';
import { ProjectionsService } from '../../projections/projections.service';
import { TargetDocument } from './target-document';
import { targetsProjection } from './targets.projection';

const CAPACITY = 10_000;

interface Known {
  /** The log position of the last event the targets projection folded into this target's document. */
  position: bigint;
  status: TargetDocument['status'];
}

/**
 * The status the targets projection of this process computed last for each recently changed target,
 * so a write's answer (read-your-writes) names the new status without reading the document back.
 * Only as good as this process's projection: a target it has not folded (another instance leads the
 * projection, or the target was not touched lately) is read from the read model instead.
 */
@Injectable()
export class LatestTargetStatus implements OnModuleInit {
  private readonly byTarget = new Map<string, Known>();

  constructor(private readonly projections: ProjectionsService) {}

  onModuleInit(): void {
    this.projections.documentFollower(targetsProjection)?.observe((event, key, doc) => {
      this.byTarget.delete(key);
      if (!doc) return;
      this.byTarget.set(key, { position: event.position, status: doc.status });
      for (const oldest of this.byTarget.keys()) {
        if (this.byTarget.size <= CAPACITY) break;
        this.byTarget.delete(oldest);
      }
    });
  }

  /**
   * The target's status once the projection has folded the event at `position` (or a later one), as it
   * computed it; undefined when this process has not seen it. Ask only after waiting for the read models
   * to reach `position`: the projection tells its documents before committing them.
   */
  statusAfter(targetId: string, position: bigint): TargetDocument['status'] | undefined {
    const known = this.byTarget.get(targetId);
    return known && known.position >= position ? known.status : undefined;
  }
}
