import { Body, Controller, Get, Inject, Patch } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsIn, IsOptional, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { SessionUser } from '../../identity/auth/session-user';
import { CLOCK, Clock } from '../../shared/clock';
import { NOTIFICATION_KINDS, NotificationKind } from '../rules/notification-rules';

export class NotificationPrefsDto {
  @ApiPropertyOptional({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    description: '不接收邮件的通知种类（站内通知照常）/ kinds not sent by email (in-app stays)',
  })
  @IsOptional()
  @IsArray()
  @IsIn(NOTIFICATION_KINDS, {
    each: true,
    message: `emailOptOut 取值 ${NOTIFICATION_KINDS.join('、')} / emailOptOut must be among ${NOTIFICATION_KINDS.join(', ')}`,
  })
  emailOptOut?: NotificationKind[];
}

export class UpdateMeDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'zhang.san@jiading.gov.cn',
    description: 'null 清除 / null removes it',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsEmail({}, { message: 'email 须为邮箱地址 / email must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: NotificationPrefsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationPrefsDto)
  notificationPrefs?: NotificationPrefsDto;
}

interface Settings {
  email: string | null;
  notificationPrefs: { emailOptOut: NotificationKind[] };
}

/** The user's own notification settings: an email address and the kinds they do not want by email. */
@ApiTags('users')
@Controller('api/users/me')
export class UserSettingsController {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.pool = poolOf(dataSource);
  }

  @Get('notification-settings')
  @ApiOperation({ summary: '我的通知设置 / My notification settings' })
  async get(@CurrentUser() user: SessionUser): Promise<Settings> {
    return this.settingsOf(user.id);
  }

  @Patch()
  @ApiOperation({ summary: '修改我的邮箱与通知设置 / Change my email and notification settings' })
  async update(@Body() body: UpdateMeDto, @CurrentUser() user: SessionUser) {
    const current = await this.settingsOf(user.id);
    const email = body.email === undefined ? current.email : body.email?.trim() || null;
    const prefs = {
      emailOptOut: [...new Set(body.notificationPrefs?.emailOptOut ?? current.notificationPrefs.emailOptOut)],
    };
    await this.pool.query(
      `INSERT INTO notification_user_settings (user_id, email, prefs, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, prefs = EXCLUDED.prefs, updated_at = EXCLUDED.updated_at`,
      [user.id, email, JSON.stringify(prefs), this.clock.now()],
    );
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      ...(user.unitCode ? { unitCode: user.unitCode } : {}),
      email,
      notificationPrefs: prefs,
    };
  }

  private async settingsOf(userId: string): Promise<Settings> {
    const { rows } = await this.pool.query<{ email: string | null; prefs: { emailOptOut?: NotificationKind[] } }>(
      `SELECT email, prefs FROM notification_user_settings WHERE user_id = $1`,
      [userId],
    );
    return { email: rows[0]?.email ?? null, notificationPrefs: { emailOptOut: rows[0]?.prefs.emailOptOut ?? [] } };
  }
}
