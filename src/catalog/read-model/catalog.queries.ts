import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { notFound } from '../../shared/problems/domain-error';
import {
  IndicatorDocument,
  PlanDocument,
  UnitDocument,
  indicatorsProjection,
  plansProjection,
  unitsProjection,
} from './catalog.projections';

const UNITS = unitsProjection.table.name;
const PLANS = plansProjection.table.name;
const INDICATORS = indicatorsProjection.table.name;

/** Reads of the catalog read models. Documents are returned without the projection's bookkeeping. */
@Injectable()
export class CatalogQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** `client`: read inside the caller's transaction (a follower's, on the one embedded connection). */
  async units(client?: Pick<PoolClient, 'query'>): Promise<UnitDocument[]> {
    return this.docs<UnitDocument>(`SELECT doc FROM ${UNITS} ORDER BY key`, [], client);
  }

  async unit(code: string): Promise<UnitDocument> {
    const [unit] = await this.docs<UnitDocument>(`SELECT doc FROM ${UNITS} WHERE key = $1`, [code]);
    if (!unit) throw notFound('unit-not-found', `单位 ${code} 不存在 / Unit '${code}' not found`);
    return unit;
  }

  async plans(): Promise<PlanDocument[]> {
    return this.docs<PlanDocument>(`SELECT doc FROM ${PLANS} ORDER BY year DESC, key`);
  }

  async plan(code: string): Promise<PlanDocument> {
    const [plan] = await this.docs<PlanDocument>(`SELECT doc FROM ${PLANS} WHERE key = $1`, [code]);
    if (!plan) throw notFound('plan-not-found', `计划 ${code} 不存在 / Plan '${code}' not found`);
    return plan;
  }

  async indicators(planCode: string, client?: Pick<PoolClient, 'query'>): Promise<IndicatorDocument[]> {
    return this.docs<IndicatorDocument>(
      `SELECT doc FROM ${INDICATORS} WHERE plan_code = $1 ORDER BY position`,
      [planCode],
      client,
    );
  }

  async indicator(planCode: string, code: string): Promise<IndicatorDocument> {
    const [indicator] = await this.docs<IndicatorDocument>(`SELECT doc FROM ${INDICATORS} WHERE key = $1`, [
      `${planCode}.${code}`,
    ]);
    if (!indicator) throw notFound('indicator-not-found', `指标 ${code} 不存在 / Indicator '${code}' not found`);
    return indicator;
  }

  private async docs<T>(sql: string, params: unknown[] = [], client?: Pick<PoolClient, 'query'>): Promise<T[]> {
    const rows: Array<{ doc: T & { position?: string } }> = client
      ? (await client.query<{ doc: T & { position?: string } }>(sql, params)).rows
      : await this.dataSource.query(sql, params);
    return rows.map(({ doc }) => {
      const { position: _position, ...rest } = doc;
      return rest as T;
    });
  }
}
