import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TargetDocument } from './target-document';
import { targetsProjection } from './targets.projection';

/** Equality filters on the targets read model's indexed columns. */
export interface TargetFilter {
  planCode?: string;
  unitCode?: string;
  indicatorCode?: string;
  status?: string;
}

const TABLE = targetsProjection.table.name;
const COLUMNS: ReadonlyArray<[keyof TargetFilter, string]> = [
  ['planCode', 'plan_code'],
  ['unitCode', 'unit_code'],
  ['indicatorCode', 'indicator_code'],
  ['status', 'status'],
];

/** The targets read model (目标读模型): the one owner of its table name and SQL. */
@Injectable()
export class TargetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Documents matching the filter, by plan, indicator and unit. */
  async documents(filter: TargetFilter = {}): Promise<TargetDocument[]> {
    const where: string[] = [];
    const params: string[] = [];
    for (const [field, column] of COLUMNS) {
      const value = filter[field];
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY plan_code, indicator_code, unit_code`,
      params,
    );
    return rows.map((r) => r.doc);
  }

  /** Every target document of a plan, in no particular order. */
  async documentsOfPlan(planCode: string): Promise<TargetDocument[]> {
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} WHERE plan_code = $1`,
      [planCode],
    );
    return rows.map((r) => r.doc);
  }

  async find(id: string): Promise<TargetDocument | undefined> {
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} WHERE key = $1`,
      [id],
    );
    return rows[0]?.doc;
  }
}
