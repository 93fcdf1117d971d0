import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { ChannelFilter, ChannelKind, ChannelRecord } from './channel';

interface Row {
  id: string;
  name: string;
  kind: ChannelKind;
  target: string;
  secret: string | null;
  filter: ChannelFilter;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const recordOf = (r: Row): ChannelRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  target: r.target,
  secret: r.secret,
  filter: r.filter,
  enabled: r.enabled,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The office's channels (渠道). Configuration, not history: a plain table; the secret never leaves through a response. */
@Injectable()
export class ChannelsRepository {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async list(): Promise<ChannelRecord[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM notification_channels WHERE deleted_at IS NULL ORDER BY created_at, id`,
    );
    return rows.map(recordOf);
  }

  async get(id: string): Promise<ChannelRecord | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM notification_channels WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return rows[0] && recordOf(rows[0]);
  }

  async create(c: Omit<ChannelRecord, 'createdAt' | 'updatedAt'>, at: Date): Promise<ChannelRecord> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO notification_channels (id, name, kind, target, secret, filter, enabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
      [c.id, c.name, c.kind, c.target, c.secret, JSON.stringify(c.filter), c.enabled, at],
    );
    return recordOf(rows[0]);
  }

  async update(
    id: string,
    change: Partial<Pick<ChannelRecord, 'name' | 'target' | 'secret' | 'filter' | 'enabled'>>,
    at: Date,
  ): Promise<ChannelRecord | undefined> {
    const current = await this.get(id);
    if (!current) return undefined;
    const next = { ...current, ...change };
    const { rows } = await this.pool.query<Row>(
      `UPDATE notification_channels SET name = $2, target = $3, secret = $4, filter = $5, enabled = $6, updated_at = $7 WHERE id = $1 RETURNING *`,
      [id, next.name, next.target, next.secret, JSON.stringify(next.filter), next.enabled, at],
    );
    return recordOf(rows[0]);
  }

  /** Deliveries keep their channel; the channel stops receiving and leaves the list. */
  async delete(id: string, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE notification_channels SET deleted_at = $2, secret = NULL WHERE id = $1 AND deleted_at IS NULL`,
      [id, at],
    );
    return (rowCount ?? 0) > 0;
  }
}
