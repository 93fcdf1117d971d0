import { Injectable } from '@nestjs/common';
import { completionRows } from '../../completion/completion-rows';
import { TargetDocument } from '../../targets/read-model/target-document';
import { DataSource } from 'typeorm';
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
  constructor(private readonly dataSource: DataSource) {}

  async againstNow(bulletin: BulletinView): Promise<{ id: string; cutoff: string; changed: LineDifference[] }> {
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      'SELECT doc FROM rm_targets WHERE plan_code = $1',
      [bulletin.planCode],
    );
    const now = new Map(
      completionRows(
        rows.map((r) => r.doc),
        { period: bulletin.period },
      ).map((r) => [r.targetId, r]),
    );
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
