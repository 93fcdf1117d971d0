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

/** Documents read with the stamp of the rows they came from (undefined: nothing to compare with later). */
export interface Stamped<T> {
  stamp?: string;
  value: T;
}

function stampOf(generation: string | null, rows: number, maxPosition: string | null): string {
  return `${generation ?? 0}/${rows}/${maxPosition ?? 0}`;
}

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

  /**
   * Every unit with the stamp of what was read (see `unitsStamp`), in one statement so that both come
   * from the same snapshot of the database.
   */
  async stampedUnits(client: Pick<PoolClient, 'query'>): Promise<Stamped<UnitDocument[]>> {
    return this.stamped<UnitDocument>(client, UNITS, unitsProjection.name, `ORDER BY key`);
  }

  /**
   * What the units read model holds, in a few bytes: the projection's rebuild generation, the number
   * of rows and their latest position. A document is only inserted or replaced by a later event (its
   * row then takes that later position) and a rebuild bumps the generation in the transaction that
   * swaps its table in, so an unchanged stamp means unchanged documents.
   */
  async unitsStamp(client: Pick<PoolClient, 'query'>): Promise<string> {
    return this.stamp(client, UNITS, unitsProjection.name);
  }

  /** A plan's indicators (by position) with the stamp of what was read (see `unitsStamp`). */
  async stampedIndicators(planCode: string, client: Pick<PoolClient, 'query'>): Promise<Stamped<IndicatorDocument[]>> {
    return this.stamped<IndicatorDocument>(
      client,
      INDICATORS,
      indicatorsProjection.name,
      `ORDER BY position`,
      planCode,
    );
  }

  /** The stamp of a plan's indicators (see `unitsStamp`), over the indexed `plan_code`. */
  async indicatorsStamp(planCode: string, client: Pick<PoolClient, 'query'>): Promise<string> {
    return this.stamp(client, INDICATORS, indicatorsProjection.name, planCode);
  }

  private async stamp(
    client: Pick<PoolClient, 'query'>,
    table: string,
    projection: string,
    planCode?: string,
  ): Promise<string> {
    const { rows } = await client.query<{ generation: string | null; n: string; max: string | null }>(
      `SELECT (SELECT generation FROM projection_snapshot_generations WHERE projection = $1) AS generation,
              count(*) AS n, max(position) AS max
         FROM ${table} ${planCode === undefined ? '' : 'WHERE plan_code = $2'}`,
      planCode === undefined ? [projection] : [projection, planCode],
    );
    return stampOf(rows[0].generation, Number(rows[0].n), rows[0].max);
  }

  private async stamped<T>(
    client: Pick<PoolClient, 'query'>,
    table: string,
    projection: string,
    order: string,
    planCode?: string,
  ): Promise<Stamped<T[]>> {
    const { rows } = await client.query<{
      generation: string | null;
      position: string;
      doc: T & { position?: string };
    }>(
      `SELECT (SELECT generation FROM projection_snapshot_generations WHERE projection = $1) AS generation, position, doc
         FROM ${table} ${planCode === undefined ? '' : 'WHERE plan_code = $2'} ${order}`,
      planCode === undefined ? [projection] : [projection, planCode],
    );
    let max: bigint | undefined;
    for (const r of rows) if (max === undefined || BigInt(r.position) > max) max = BigInt(r.position);
    return {
      // Without a row the generation is unknown: a stamp no probe answers (read again next time).
      stamp: rows.length ? stampOf(rows[0].generation, rows.length, max?.toString() ?? null) : undefined,
      value: rows.map(({ doc }) => {
        const { position: _position, ...rest } = doc;
        return rest as T;
      }),
    };
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
