import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { StatusFactsSource } from './status-facts';
import { TargetDocument } from './target-document';
import { targetsProjection } from './targets.projection';

/** Active targets of a plan counted by unit, category and status. */
export interface TargetStatusCount {
  unitCode: string;
  category: string;
  status: string;
  count: number;
}

/** What the demo notice reads of a document. */
export type DemoSlice = Pick<TargetDocument, 'id' | 'unitCode' | 'indicator' | 'demo'>;

/**
 * What the 报送情况 matrix reads of a document: the periods' keys (not their reports), and of the
 * indicator only `kind`, `reportingMonths` and `planSettings`.
 */
export type ReportingSlice = Pick<
  TargetDocument,
  'unitCode' | 'indicator' | 'assessment' | 'work' | 'periods' | 'overduePeriods'
>;

/**
 * What a report reminder reads of an active target: its unit, its indicator's name and what
 * `isDueAndMissing` reads (the periods' keys, not their reports; of the plan settings only
 * `zeroTargetRequiresReport`).
 */
export interface ReminderTarget extends StatusFactsSource, Pick<TargetDocument, 'unitCode'> {
  indicator: StatusFactsSource['indicator'] & Pick<TargetDocument['indicator'], 'name'>;
}

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

  /**
   * Every target document of a plan, in no particular order; `client` reads inside the caller's
   * transaction (a follower's, on the one embedded connection).
   */
  async documentsOfPlan(planCode: string, client?: Pick<PoolClient, 'query'>): Promise<TargetDocument[]> {
    const sql = `SELECT doc FROM ${TABLE} WHERE plan_code = $1`;
    const rows: Array<{ doc: TargetDocument }> = client
      ? (await client.query<{ doc: TargetDocument }>(sql, [planCode])).rows
      : await this.dataSource.query(sql, [planCode]);
    return rows.map((r) => r.doc);
  }

  /** Active targets of a plan counted by the database over indexed columns. */
  async statusCounts(planCode: string): Promise<TargetStatusCount[]> {
    const rows: Array<Omit<TargetStatusCount, 'count'> & { count: string }> = await this.dataSource.query(
      `SELECT unit_code AS "unitCode", category, status, count(*) AS count FROM ${TABLE}
        WHERE plan_code = $1 AND lifecycle = 'active' GROUP BY unit_code, category, status`,
      [planCode],
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** The worst active targets of a plan (red, overdue, yellow; then the lowest pace ratio; then by key). */
  async worstActive(planCode: string, limit: number): Promise<TargetDocument[]> {
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} WHERE plan_code = $1 AND lifecycle = 'active' AND status IN ('red', 'overdue', 'yellow')
        ORDER BY CASE status WHEN 'red' THEN 0 WHEN 'overdue' THEN 1 ELSE 2 END, pace_ratio NULLS FIRST, key LIMIT $2`,
      [planCode, limit],
    );
    return rows.map((r) => r.doc);
  }

  /**
   * The active targets of a plan demo data touched (counted over a column), and of those a demo
   * adjustment touched what the demo notice reads — the other documents are never read.
   */
  async demoSlices(planCode: string): Promise<{ touched: number; adjusted: DemoSlice[] }> {
    const [counted, adjusted]: [Array<{ count: string }>, Array<{ doc: DemoSlice }>] = await Promise.all([
      this.dataSource.query(
        `SELECT count(*) AS count FROM ${TABLE} WHERE plan_code = $1 AND lifecycle = 'active' AND demo IS NOT NULL`,
        [planCode],
      ),
      this.dataSource.query(
        `SELECT jsonb_build_object('id', doc->'id', 'unitCode', doc->'unitCode', 'demo', doc->'demo',
                'indicator', jsonb_build_object('code', doc->'indicator'->'code', 'name', doc->'indicator'->'name', 'unitOfMeasure', doc->'indicator'->'unitOfMeasure')) AS doc
         FROM ${TABLE} WHERE plan_code = $1 AND lifecycle = 'active' AND demo = 'adjusted'`,
        [planCode],
      ),
    ]);
    return { touched: Number(counted[0]?.count ?? 0), adjusted: adjusted.map((r) => r.doc) };
  }

  /**
   * Active targets with just what completion rows need: the asked (or latest) period's entry whole, of
   * the others only their status, which the status model reads — not the whole year.
   */
  async completionSlices(filter: Omit<TargetFilter, 'status'> & { period?: string }): Promise<TargetDocument[]> {
    const params: Array<string | null> = [filter.period ?? null];
    const where = ["lifecycle = 'active'"];
    if (filter.planCode) where.push(`plan_code = $${params.push(filter.planCode)}`);
    if (filter.unitCode) where.push(`unit_code = $${params.push(filter.unitCode)}`);
    if (filter.indicatorCode) where.push(`indicator_code = $${params.push(filter.indicatorCode)}`);
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT jsonb_build_object(
          'id', doc->'id', 'unitCode', doc->'unitCode', 'lifecycle', doc->'lifecycle', 'status', doc->'status',
          'latestPeriod', doc->'latestPeriod', 'overduePeriods', doc->'overduePeriods',
          'assessment', doc->'assessment', 'work', doc->'work',
          'indicator', jsonb_build_object('code', doc->'indicator'->'code', 'name', doc->'indicator'->'name',
                                          'category', doc->'indicator'->'category', 'planCode', doc->'indicator'->'planCode',
                                          'kind', doc->'indicator'->'kind', 'reportingMonths', doc->'indicator'->'reportingMonths',
                                          'unitOfMeasure', doc->'indicator'->'unitOfMeasure',
                                          'planSettings', doc->'indicator'->'planSettings'),
          'periods', coalesce((SELECT jsonb_object_agg(k, CASE WHEN k = p THEN v
                                     WHEN v ? 'evaluation' THEN jsonb_build_object('evaluation', jsonb_build_object('status', v->'evaluation'->'status'))
                                     ELSE '{}'::jsonb END)
                                FROM jsonb_each(doc->'periods') AS e(k, v)), '{}'::jsonb)
        ) AS doc
        FROM ${TABLE}, LATERAL (SELECT coalesce($1, doc->>'latestPeriod') AS p) period
        WHERE ${where.join(' AND ')}`,
      params,
    );
    return rows.map((r) => r.doc);
  }

  /** Active targets of a plan (of one unit) with what the 报送情况 matrix reads; absent members stay absent. */
  async reportingSlices(planCode: string, unitCode?: string): Promise<ReportingSlice[]> {
    const params = [planCode];
    const unit = unitCode ? `AND unit_code = $${params.push(unitCode)}` : '';
    const rows: Array<{ doc: ReportingSlice }> = await this.dataSource.query(
      `SELECT jsonb_build_object(
          'unitCode', doc->'unitCode', 'assessment', doc->'assessment', 'work', doc->'work', 'overduePeriods', coalesce(doc->'overduePeriods', '[]'::jsonb),
          'indicator', jsonb_build_object('kind', doc->'indicator'->'kind', 'reportingMonths', doc->'indicator'->'reportingMonths',
                                          'planSettings', doc->'indicator'->'planSettings'),
          'periods', coalesce((SELECT jsonb_object_agg(k, '{}'::jsonb) FROM jsonb_object_keys(doc->'periods') AS k), '{}'::jsonb)
        ) AS doc
        FROM ${TABLE} WHERE plan_code = $1 AND lifecycle = 'active' ${unit}`,
      params,
    );
    // A JSON null (an absent member read by jsonb_build_object) is an absent member for the status model.
    return rows.map(({ doc }) => ({
      ...doc,
      indicator: Object.fromEntries(
        Object.entries(doc.indicator).filter(([, v]) => v !== null),
      ) as ReportingSlice['indicator'],
    }));
  }

  /**
   * The active targets of a plan as a report reminder of `period` reads them (`ReminderTarget`), by
   * target id (so by indicator within a unit, the same whatever order the rows lie in the table), less
   * those with a report of this or a later period (which owe none: `isDueAndMissing`); `client`:
   * inside the caller's transaction.
   */
  async reminderTargetsOfPlan(
    planCode: string,
    period: string,
    client?: Pick<PoolClient, 'query'>,
  ): Promise<ReminderTarget[]> {
    const sql = `SELECT doc->'unitCode' AS "unitCode", doc->'assessment' AS assessment, doc->'work' AS work,
        doc->'overduePeriods' AS "overduePeriods", doc->'indicator'->'name' AS name, doc->'indicator'->'kind' AS kind,
        doc->'indicator'->'reportingMonths' AS "reportingMonths",
        doc->'indicator'->'planSettings'->'zeroTargetRequiresReport' AS "zeroTargetRequiresReport",
        ARRAY(SELECT jsonb_object_keys(doc->'periods')) AS periods
      FROM ${TABLE} WHERE plan_code = $1 AND lifecycle = 'active'
       AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys(doc->'periods') AS k WHERE k COLLATE "C" >= $2)
      ORDER BY key COLLATE "C"`;
    type Row = Record<'unitCode' | 'name' | 'kind', string> & {
      assessment: TargetDocument['assessment'] | null;
      work: TargetDocument['work'] | null;
      overduePeriods: string[] | null;
      reportingMonths: number | null;
      zeroTargetRequiresReport: boolean | null;
      periods: string[];
    };
    const rows: Row[] = client
      ? (await client.query<Row>(sql, [planCode, period])).rows
      : await this.dataSource.query(sql, [planCode, period]);
    // A JSON null (an absent member read by ->) is an absent member for the status model.
    return rows.map((r) => ({
      unitCode: r.unitCode,
      ...(r.assessment !== null ? { assessment: r.assessment } : {}),
      ...(r.work !== null ? { work: r.work } : {}),
      ...(r.overduePeriods !== null ? { overduePeriods: r.overduePeriods } : {}),
      indicator: {
        name: r.name,
        kind: r.kind as TargetDocument['indicator']['kind'],
        ...(r.reportingMonths !== null ? { reportingMonths: r.reportingMonths } : {}),
        ...(r.zeroTargetRequiresReport !== null
          ? { planSettings: { zeroTargetRequiresReport: r.zeroTargetRequiresReport } }
          : {}),
      },
      periods: Object.fromEntries(r.periods.map((p) => [p, {}])),
    }));
  }

  /** Every target document of a plan in key (target id) order, as the plan workbook lists them. */
  async documentsOfPlanByKey(planCode: string): Promise<TargetDocument[]> {
    const rows: Array<{ doc: TargetDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} WHERE plan_code = $1 ORDER BY key`,
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
