import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UNIT_STREAMS } from '../catalog/domain/catalog-codes';
import { TARGET_STREAMS } from '../targets/domain/target-ids';
import { WARNING_STREAMS } from '../warnings/domain/warning.types';
import { AuditEntry, auditProjection } from './audit.projection';

const TABLE = auditProjection.table.name;

export interface AuditFilter {
  actor?: string;
  type?: string;
  streamPrefix?: string;
  /** The unit an entry concerns (see {@link UNIT_OF_ENTRY}). */
  unitCode?: string;
  from?: string;
  to?: string;
  /** Cursor: only entries older than this global position. */
  before?: string;
  limit: number;
}

/**
 * The unit an audit entry concerns, in SQL: a target's or its warnings' stream (`target-<plan>.<indicator>.<unit>`,
 * `warnings-<plan>.<indicator>.<unit>`) names its unit last; otherwise the event's own `unitCode`, or a unit's
 * stream (`unit-…`) its `code`. The workbench's audit page reads the same rule from an entry (audit-entries.ts).
 */
export const UNIT_OF_ENTRY = `COALESCE(
  substring(stream_id from '^(?:${TARGET_STREAMS.prefix}|${WARNING_STREAMS.prefix})[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.([A-Za-z0-9_-]+)$'),
  doc->'data'->>'unitCode',
  CASE WHEN stream_id LIKE '${UNIT_STREAMS.prefix}%' THEN doc->'data'->>'code' END
)`;

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
    if (filter.unitCode) {
      // Pushed as is: the expression has a `?` of its own (a regex group), which add() would take for the slot.
      params.push(filter.unitCode);
      where.push(`${UNIT_OF_ENTRY} = $${params.length}`);
    }
    if (filter.from) add('recorded_at >= ?', filter.from);
    if (filter.to) add('recorded_at <= ?', filter.to);
    if (filter.before) add('position < ?', filter.before);
    params.push(filter.limit + 1);
    const rows: Array<{ doc: AuditEntry }> = await this.dataSource.query(
      `SELECT doc FROM ${TABLE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY position DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, filter.limit).map((r) => r.doc);
    return {
      items,
      ...(rows.length > filter.limit ? { nextBefore: items[items.length - 1].position } : {}),
    };
  }
}
