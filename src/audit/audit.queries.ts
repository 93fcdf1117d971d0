import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry } from './audit.projection';

export interface AuditFilter {
  actor?: string;
  type?: string;
  streamPrefix?: string;
  from?: string;
  to?: string;
  /** Cursor: only entries older than this global position. */
  before?: string;
  limit: number;
}

export interface AuditPage {
  items: Array<Omit<AuditEntry, 'position'> & { position: string }>;
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: string;
}

@Injectable()
export class AuditQueries {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: AuditFilter): Promise<AuditPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.actor) add('actor_username = ?', filter.actor);
    if (filter.type) add('type = ?', filter.type);
    if (filter.streamPrefix)
      add(
        `stream_id LIKE ? || '%'`,
        filter.streamPrefix.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    if (filter.from) add('recorded_at >= ?', filter.from);
    if (filter.to) add('recorded_at <= ?', filter.to);
    if (filter.before) add('position < ?', filter.before);
    params.push(filter.limit + 1);
    const rows: Array<{ doc: AuditEntry }> = await this.dataSource.query(
      `SELECT doc FROM rm_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY position DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, filter.limit).map((r) => r.doc);
    return {
      items,
      ...(rows.length > filter.limit ? { nextBefore: items[items.length - 1].position } : {}),
    };
  }
}
