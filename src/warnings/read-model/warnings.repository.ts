import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WarningDocument, warningsProjection } from './warnings.projection';

/** Equality filters on the warnings read model's indexed columns. */
export interface WarningColumnsFilter {
  planCode?: string;
  unitCode?: string;
  targetId?: string;
}

const TABLE = warningsProjection.table.name;
const COLUMNS: ReadonlyArray<[keyof WarningColumnsFilter, string]> = [
  ['planCode', 'plan_code'],
  ['unitCode', 'unit_code'],
  ['targetId', 'target_id'],
];

/** The warnings read model (预警读模型): the one owner of its table name and SQL. */
@Injectable()
export class WarningsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async documents(filter: WarningColumnsFilter = {}): Promise<WarningDocument[]> {
    const where: string[] = [];
    const params: string[] = [];
    for (const [field, column] of COLUMNS) {
      const value = filter[field];
      if (!value) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    const rows: Array<{ doc: WarningDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return rows.map((r) => r.doc);
  }

  /** Warnings of a plan not cleared, counted by level and state. */
  async openCounts(planCode: string): Promise<Array<{ level: string; state: string; count: number }>> {
    const rows: Array<{ level: string; state: string; count: string }> = await this.dataSource.query(
      `SELECT level, state, count(*) AS count FROM ${TABLE} WHERE plan_code = $1 AND state <> 'cleared' GROUP BY level, state`,
      [planCode],
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  async find(id: string): Promise<WarningDocument | undefined> {
    const rows: Array<{ doc: WarningDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} WHERE key = $1`,
      [id],
    );
    return rows[0]?.doc;
  }
}
