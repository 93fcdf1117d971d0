import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../../shared/problems/domain-error';
import { BulletinDocument, bulletinsProjection } from './bulletins.projection';

const TABLE = bulletinsProjection.table.name;

/** The list shows each bulletin without its tables. */
export type BulletinListItem = Pick<
  BulletinDocument,
  'id' | 'planCode' | 'period' | 'state' | 'issuedAt' | 'contentHash' | 'draftedAt' | 'updatedAt'
> & {
  title: string;
  cutoff: string;
  documentNo: string | null;
  withdrawal?: { reason: string; at: string };
};

@Injectable()
export class BulletinQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(planCode?: string): Promise<BulletinListItem[]> {
    const rows: Array<{ doc: BulletinDocument }> = await this.dataSource.query(
      `SELECT jsonb_build_object('id', doc->'id', 'planCode', doc->'planCode', 'period', doc->'period', 'state', doc->'state',
              'issuedAt', doc->'issuedAt', 'contentHash', doc->'contentHash', 'draftedAt', doc->'draftedAt', 'updatedAt', doc->'updatedAt',
              'withdrawal', doc->'withdrawal',
              'content', jsonb_build_object('title', doc->'content'->'title', 'cutoff', doc->'content'->'cutoff', 'documentNo', doc->'content'->'documentNo')) AS doc
         FROM ${TABLE} ${planCode ? 'WHERE plan_code = $1' : ''} ORDER BY doc->>'period' DESC, doc->>'draftedAt' DESC`,
      planCode ? [planCode] : [],
    );
    return rows.map(({ doc }) => ({
      id: doc.id,
      planCode: doc.planCode,
      period: doc.period,
      state: doc.state,
      draftedAt: doc.draftedAt,
      updatedAt: doc.updatedAt,
      title: doc.content.title,
      cutoff: doc.content.cutoff,
      documentNo: doc.content.documentNo ?? null,
      ...(doc.issuedAt ? { issuedAt: doc.issuedAt, contentHash: doc.contentHash } : {}),
      ...(doc.withdrawal ? { withdrawal: doc.withdrawal } : {}),
    }));
  }

  async document(id: string): Promise<BulletinDocument> {
    const rows: Array<{ doc: BulletinDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} WHERE key = $1`,
      [id],
    );
    if (!rows.length) throw notFound('bulletin-not-found', `通报 ${id} 不存在 / Bulletin '${id}' not found`);
    return rows[0].doc;
  }

  /** The latest issued (not withdrawn) bulletin of the plan for an earlier period: rank changes are against it. */
  async previousIssued(planCode: string, period: string): Promise<BulletinDocument | null> {
    const rows: Array<{ doc: BulletinDocument }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} WHERE plan_code = $1 AND state = 'issued' AND period < $2 ORDER BY period DESC, issued_at DESC LIMIT 1`,
      [planCode, period],
    );
    return rows[0]?.doc ?? null;
  }
}
