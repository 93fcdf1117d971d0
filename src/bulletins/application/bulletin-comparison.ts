import { Injectable } from '@nestjs/common';
import { completionRows } from '../../completion/completion-rows';
import { TargetsRepository } from '../../targets/read-model/targets.repository';
import { BulletinView } from '../export/bulletin-view';

export interface LineDifference {
  targetId: string;
  indicatorName: string;
  unitName: string;
  inBulletin: { value: string | null; status: string } | null;
  now: { value: string | null; status: string } | null;
}

/** "Difference to now": the issued figures stay as of the cutoff; this shows what later reports and corrections changed. */
@Injectable()
export class BulletinComparison {
  constructor(private readonly targets: TargetsRepository) {}

  async againstNow(bulletin: BulletinView): Promise<{ id: string; cutoff: string; changed: LineDifference[] }> {
    const documents = await this.targets.documentsOfPlan(bulletin.planCode);
    const now = new Map(completionRows(documents, { period: bulletin.period }).map((r) => [r.targetId, r]));
    const changed: LineDifference[] = [];
    for (const line of bulletin.completion) {
      const current = now.get(line.targetId);
      if (current && current.value === line.value && current.status === line.status) continue;
      changed.push({
        targetId: line.targetId,
        indicatorName: line.indicatorName,
        unitName: line.unitName,
        inBulletin: { value: line.value, status: line.status },
        now: current ? { value: current.value, status: current.status } : null,
      });
    }
    return { id: bulletin.id, cutoff: bulletin.cutoff, changed };
  }
}
