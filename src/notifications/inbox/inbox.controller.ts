import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBooleanString, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { SessionUser } from '../../identity/auth/session-user';
import { CLOCK, Clock } from '../../shared/clock';
import { Inject } from '@nestjs/common';
import { invalid, notFound } from '../../shared/problems/domain-error';
import { uuidParam } from '../uuid-param';

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsBooleanString({ message: 'unread 须为 true 或 false / unread must be true or false' })
  unread?: string;

  @ApiPropertyOptional({ description: '上一页的 nextCursor / the previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor 无效 / cursor is invalid' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数 / limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}

interface Row {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
  source_event_id: string;
  source_type: string;
  source_position: string;
  warning_id: string | null;
}

const itemOf = (r: Row) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at.toISOString(),
  ...(r.read_at ? { readAt: r.read_at.toISOString() } : {}),
  source: { eventId: r.source_event_id, type: r.source_type },
  ...(r.warning_id ? { warningId: r.warning_id } : {}),
});

const ROW_COLUMNS = `id, kind, title, body, link, created_at, read_at, source_event_id, source_type, source_position, warning_id`;

const encodeCursor = (r: Row) =>
  Buffer.from(`${r.created_at.toISOString()}|${r.source_position}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; position: string; id: string } {
  const [at, position, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || Number.isNaN(Date.parse(at)) || !/^\d{1,19}$/.test(position ?? '') || !/^[0-9a-f-]{36}$/.test(id ?? ''))
    throw invalid('invalid-cursor', 'cursor', 'cursor 无效 / cursor is invalid');
  return { at, position, id };
}

/** The caller's own in-app notifications (站内通知): a user sees only theirs. */
@ApiTags('notifications')
@Controller('api/notifications')
export class InboxController {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.pool = poolOf(dataSource);
  }

  @Get()
  @ApiOperation({ summary: '我的通知 / My notifications, newest first' })
  async list(@Query() q: InboxQueryDto, @CurrentUser() user: SessionUser) {
    const limit = q.limit ?? 50;
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const { rows } = await this.pool.query<Row>(
      `SELECT ${ROW_COLUMNS} FROM notifications
        WHERE user_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2)
          AND ($3::timestamptz IS NULL OR (created_at, source_position, id) < ($3::timestamptz, $4::bigint, $5::uuid))
        ORDER BY created_at DESC, source_position DESC, id DESC LIMIT $6`,
      [
        user.id,
        q.unread === undefined ? null : q.unread === 'true',
        after?.at ?? null,
        after?.position ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    return { items: page.map(itemOf), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }

  @Get('unread-count')
  @ApiOperation({ summary: '未读数 / Unread count' })
  async unreadCount(@CurrentUser() user: SessionUser) {
    const { rows } = await this.pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [user.id],
    );
    return { count: Number(rows[0].count) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读 / Mark all my notifications read' })
  async markAllRead(@CurrentUser() user: SessionUser) {
    const { rowCount } = await this.pool.query(
      `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`,
      [user.id, this.clock.now()],
    );
    return { marked: rowCount ?? 0 };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记已读 / Mark read' })
  async markRead(@Param('id', uuidParam()) id: string, @CurrentUser() user: SessionUser) {
    await this.pool.query(`UPDATE notifications SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL`, [
      id,
      user.id,
      this.clock.now(),
    ]);
    const { rows } = await this.pool.query<Row>(
      `SELECT ${ROW_COLUMNS} FROM notifications WHERE id = $1 AND user_id = $2`,
      [id, user.id],
    );
    // Another user's notification is as unknown as a missing one.
    if (!rows[0]) throw notFound('notification-not-found', `通知 ${id} 不存在 / Notification '${id}' not found`);
    return itemOf(rows[0]);
  }
}
