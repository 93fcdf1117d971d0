import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { SessionUser, actorOf } from '../../identity/auth/session-user';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { requestContext } from '../../shared/http/request-context';
import { invalid, notFound } from '../../shared/problems/domain-error';
import { WarningQueries } from '../../warnings/read-model/warnings.queries';
import { DELIVERY_COLUMNS, deliveryResponse } from '../deliveries/delivery-row';
import { ReplyToUrgingCommand, UrgeUnitCommand, UrgingWriteResult } from './urge.handler';
import { readsOwnUnitOnly } from '../../identity/auth/unit-scope';
import { unitScopeOf } from '../../shared/event-sourcing/write-authorization';

export class UrgeDto {
  @ApiProperty({ example: '请于本周内报送整改措施并加快进度', description: '催办意见' })
  @IsString({ message: 'message 须为文字 / message must be text' })
  @MinLength(1, { message: 'message 必填 / message is required' })
  @MaxLength(2000, { message: 'message 最长 2000 字 / message must be at most 2000 characters' })
  message!: string;

  @ApiPropertyOptional({
    example: '2021-04-20T17:00:00+08:00',
    description: '回复期限；逾期未复则上报领导 / reply deadline; leaders are told when it passes unanswered',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'replyBy 须为 ISO 8601 时间 / replyBy must be an ISO 8601 time' })
  replyBy?: string;
}

export class ReplyDto {
  @ApiProperty({ example: '已召开专题会，下周报送整改方案', description: '回复内容' })
  @IsString({ message: 'message 须为文字 / message must be text' })
  @MinLength(1, { message: 'message 必填 / message is required' })
  @MaxLength(2000, { message: 'message 最长 2000 字 / message must be at most 2000 characters' })
  message!: string;
}

interface UrgingRow {
  urging_id: string;
  message: string;
  urged_at: Date;
  urged_by: string;
  reply_by: Date | null;
  replied_at: Date | null;
  reply_overdue_at: Date | null;
  reply_message: string | null;
  replied_by: string | null;
}

const urgingOf = (u: UrgingRow) => ({
  id: u.urging_id,
  message: u.message,
  urgedAt: u.urged_at.toISOString(),
  urgedBy: u.urged_by,
  ...(u.reply_by ? { replyBy: u.reply_by.toISOString() } : {}),
  ...(u.replied_at ? { repliedAt: u.replied_at.toISOString() } : {}),
  ...(u.reply_message ? { reply: u.reply_message } : {}),
  ...(u.replied_by ? { repliedBy: u.replied_by } : {}),
  ...(u.reply_overdue_at ? { replyOverdueAt: u.reply_overdue_at.toISOString() } : {}),
});

const warningNotFound = (id: string) => notFound('warning-not-found', `预警 ${id} 不存在 / Warning '${id}' not found`);

/** Urging (催办) on a warning — an overdue warning is the urging of a missing report — and who was told. */
@ApiTags('notifications')
@Controller('api/warnings')
export class UrgingsController {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    private readonly commands: CommandBus,
    private readonly warnings: WarningQueries,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.pool = poolOf(dataSource);
  }

  @Post(':id/urgings')
  @ApiCreatedResponse({ description: 'The urging' })
  @Roles('office')
  @ApiOperation({ summary: '催办 / Urge the unit on a warning' })
  async urge(@Param('id') id: string, @Body() body: UrgeDto, @CurrentUser() user: SessionUser) {
    const warning = await this.warnings.get(id);
    if (!warning) throw warningNotFound(id);
    const context = requestContext(actorOf(user), this.clock, { reason: body.message });
    if (body.replyBy && new Date(body.replyBy) <= context.now) {
      throw invalid('reply-by-in-the-past', 'replyBy', 'replyBy 须晚于现在 / replyBy must be in the future');
    }
    const result = await this.commands.execute<UrgeUnitCommand, UrgingWriteResult>(
      new UrgeUnitCommand(
        {
          warningId: warning.id,
          targetId: warning.targetId,
          planCode: warning.planCode,
          indicatorCode: warning.indicatorCode,
          unitCode: warning.unitCode,
          state: warning.state,
        },
        { message: body.message, ...(body.replyBy ? { replyBy: new Date(body.replyBy).toISOString() } : {}) },
        context,
      ),
    );
    if (result.position !== undefined) await this.projections.waitFor(result.position);
    return {
      id: result.urgingId,
      warningId: warning.id,
      unitCode: warning.unitCode,
      message: body.message,
      ...(body.replyBy ? { replyBy: new Date(body.replyBy).toISOString() } : {}),
      urgedAt: context.now.toISOString(),
      by: actorOf(user),
    };
  }

  @Get(':id/notifications')
  @ApiOkResponse({ description: 'The notifications and urgings of the warning' })
  @Roles('office', 'leader', 'auditor')
  @ApiOperation({
    summary:
      '通知记录：谁、何时、经何渠道收到，是否已读（促进证据）/ Who was told, when, through which channel, and whether they read it',
  })
  async told(@Param('id') id: string) {
    if (!(await this.warnings.get(id))) throw warningNotFound(id);
    const { rows: inApp } = await this.pool.query<{
      id: string;
      user_id: string;
      username: string | null;
      display_name: string | null;
      kind: string;
      created_at: Date;
      read_at: Date | null;
      source_type: string;
    }>(
      `SELECT n.id, n.user_id, u.doc->>'username' AS username, u.doc->>'displayName' AS display_name, n.kind, n.created_at, n.read_at, n.source_type
         FROM notifications n LEFT JOIN users u ON u.key = n.user_id WHERE n.warning_id = $1 ORDER BY n.created_at, n.id`,
      [id],
    );
    const { rows: deliveries } = await this.pool.query(
      `SELECT ${DELIVERY_COLUMNS} FROM notification_deliveries WHERE warning_id = $1 ORDER BY created_at, id`,
      [id],
    );
    const urgings = await this.urgingsOf(id);
    return {
      warningId: id,
      notifications: inApp.map((n) => ({
        id: n.id,
        userId: n.user_id,
        username: n.username,
        displayName: n.display_name,
        kind: n.kind,
        sourceType: n.source_type,
        createdAt: n.created_at.toISOString(),
        ...(n.read_at ? { readAt: n.read_at.toISOString() } : {}),
      })),
      deliveries: deliveries.map(deliveryResponse),
      urgings,
    };
  }

  @Get(':id/urgings')
  @ApiOkResponse({
    description:
      '`{ items: [{ id, message, urgedAt, urgedBy, replyBy?, repliedAt?, reply?, repliedBy?, replyOverdueAt? }] }`',
  })
  @Roles('office', 'leader', 'auditor', 'unit')
  @ApiOperation({ summary: '预警的催办及回复 / The urgings of a warning and their replies' })
  async urgings(@Param('id') id: string, @CurrentUser() user: SessionUser) {
    const warning = await this.warnings.get(id);
    // Another unit's warning is as unknown to a reporter as a missing one.
    if (!warning || (readsOwnUnitOnly(user) && user.unitCode !== warning.unitCode)) throw warningNotFound(id);
    return { items: await this.urgingsOf(id) };
  }

  @Post(':id/urgings/:urgingId/replies')
  @ApiCreatedResponse({ description: 'The urging with its reply' })
  @Roles('unit')
  @ApiOperation({ summary: '回复催办 / The unit replies to an urging' })
  async reply(
    @Param('id') id: string,
    @Param('urgingId') urgingId: string,
    @Body() body: ReplyDto,
    @CurrentUser() user: SessionUser,
  ) {
    const warning = await this.warnings.get(id);
    if (!warning) throw warningNotFound(id);
    if (!urgingId.startsWith(`${id}.u`) || !/^\d{1,6}$/.test(urgingId.slice(id.length + 2))) {
      throw notFound('urging-not-found', `催办 ${urgingId} 不存在 / Urging '${urgingId}' not found`);
    }
    const context = requestContext(actorOf(user), this.clock, { reason: body.message });
    const result = await this.commands.execute<ReplyToUrgingCommand, UrgingWriteResult>(
      new ReplyToUrgingCommand(id, urgingId, body.message, context, unitScopeOf(user)),
    );
    if (result.position !== undefined) await this.projections.waitFor(result.position);
    const urging = (await this.urgingsOf(id)).find((u) => u.id === urgingId);
    return urging ?? { id: urgingId, reply: body.message, repliedAt: context.now.toISOString() };
  }

  private async urgingsOf(warningId: string) {
    const { rows } = await this.pool.query<UrgingRow>(
      `SELECT * FROM notification_urgings WHERE warning_id = $1 ORDER BY urged_at, urging_id`,
      [warningId],
    );
    return rows.map(urgingOf);
  }
}
