import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../../shared/problems/domain-error';
import { TargetDocument } from './target-document';
import { TargetView, toTargetView } from './target-view';
import { targetsProjection } from './targets.projection';

export interface TargetFilter {
  planCode?: string;
  unitCode?: string;
  indicatorCode?: string;
  status?: string;
}

@Injectable()
export class TargetQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: TargetFilter): Promise<TargetView[]> {
    const where: string[] = [];
    const params: string[] = [];
    const add = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    add('plan_code', filter.planCode);
    add('unit_code', filter.unitCode);
    add('indicator_code', filter.indicatorCode);
    add('status', filter.status);
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM rm_targets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY plan_code, indicator_code, unit_code`,
      params,
    );
    return rows.map((r) => toTargetView(r.doc, false));
  }

  /** Every target document of a plan (the warnings reactor's deadline check). */
  async documentsOfPlan(planCode: string): Promise<TargetDocument[]> {
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(`SELECT doc FROM ${targetsProjection.table.name} WHERE plan_code = $1`, [planCode]);
    return rows.map((r) => r.doc);
  }

  async document(id: string): Promise<TargetDocument> {
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query('SELECT doc FROM rm_targets WHERE key = $1', [id]);
    if (!rows.length) throw notFound('target-not-found', `目标 ${id} 不存在 / Target '${id}' not found`);
    return rows[0].doc;
  }

  async get(id: string): Promise<TargetView> {
    return toTargetView(await this.document(id), true);
  }
}
