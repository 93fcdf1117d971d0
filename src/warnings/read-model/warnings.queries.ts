import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WarningDocument } from './warnings.projection';

export interface WarningFilter {
  planCode?: string;
  unitCode?: string;
  level?: string;
  state?: string;
  targetId?: string;
}

export type WarningView = Omit<WarningDocument, 'position'>;

/** Warnings as the API shows them, newest first. Shared by the live and the "as of" paths. */
export function filterWarnings(docs: WarningDocument[], filter: WarningFilter): WarningView[] {
  return docs
    .filter((d) => (!filter.planCode || d.planCode === filter.planCode) && (!filter.unitCode || d.unitCode === filter.unitCode))
    .filter((d) => (!filter.level || d.level === filter.level) && (!filter.state || d.state === filter.state))
    .filter((d) => !filter.targetId || d.targetId === filter.targetId)
    .sort((a, b) => (a.raisedAt === b.raisedAt ? b.id.localeCompare(a.id) : b.raisedAt.localeCompare(a.raisedAt)))
    .map(({ position: _p, ...view }) => view);
}

@Injectable()
export class WarningQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: WarningFilter): Promise<WarningView[]> {
    const where: string[] = [];
    const params: string[] = [];
    for (const [column, value] of [['plan_code', filter.planCode], ['unit_code', filter.unitCode], ['target_id', filter.targetId]] as const) {
      if (value) {
        params.push(value);
        where.push(`${column} = $${params.length}`);
      }
    }
    const rows: Array<{ doc: WarningDocument }> = await this.dataSource.query(
      `SELECT doc FROM rm_warnings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return filterWarnings(rows.map((r) => r.doc), filter);
  }

  async get(id: string): Promise<WarningView | undefined> {
    const rows: Array<{ doc: WarningDocument }> = await this.dataSource.query('SELECT doc FROM rm_warnings WHERE key = $1', [id]);
    return rows.length ? filterWarnings([rows[0].doc], {})[0] : undefined;
  }
}
