import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from '../rules/notification-rules';
import { CHANNEL_KINDS, ChannelKind } from './channel';

const KINDS_MESSAGE = `kind 取值 ${CHANNEL_KINDS.join('、')} / kind must be one of ${CHANNEL_KINDS.join(', ')}`;

export class ChannelFilterDto {
  @ApiPropertyOptional({ type: [String], description: '只接收这些单位的通知 / only these units' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  unitCodes?: string[];

  @ApiPropertyOptional({ enum: ['yellow', 'red'], isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(['yellow', 'red'], { each: true, message: 'levels 取值 yellow、red / levels must be yellow or red' })
  levels?: string[];

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(NOTIFICATION_KINDS, {
    each: true,
    message: `kinds 取值 ${NOTIFICATION_KINDS.join('、')} / kinds must be among ${NOTIFICATION_KINDS.join(', ')}`,
  })
  kinds?: NotificationKind[];
}

export class UpdateChannelDto {
  @ApiPropertyOptional({ example: '督查室钉钉群' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'name 长度 1–100 / name must be 1–100 characters' })
  name?: string;

  @ApiPropertyOptional({
    description: 'URL（机器人、webhook）或邮箱地址（email）/ robot or webhook URL, or email address(es)',
  })
  @IsOptional()
  @IsString()
  @Length(3, 2000, { message: 'target 长度 3–2000 / target must be 3–2000 characters' })
  target?: string;

  @ApiPropertyOptional({
    description: '只写：加签密钥或 webhook 签名密钥；空串清除 / write-only signing secret; "" removes it',
    writeOnly: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  secret?: string;

  @ApiPropertyOptional({ type: ChannelFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelFilterDto)
  filter?: ChannelFilterDto;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled 须为 true 或 false / enabled must be true or false' })
  enabled?: boolean;
}

export class CreateChannelDto extends UpdateChannelDto {
  @ApiProperty({ example: '督查室钉钉群' })
  @IsString()
  @Length(1, 100, { message: 'name 长度 1–100 / name must be 1–100 characters' })
  declare name: string;

  @ApiProperty({ enum: CHANNEL_KINDS })
  @IsIn(CHANNEL_KINDS, { message: KINDS_MESSAGE })
  kind!: ChannelKind;

  @ApiProperty({ example: 'https://oapi.dingtalk.com/robot/send?access_token=…' })
  @IsString()
  @Length(3, 2000, { message: 'target 长度 3–2000 / target must be 3–2000 characters' })
  declare target: string;
}

export const HTTP_URL = /^https?:\/\/[^\s]+$/;
export const EMAIL_LIST = /^[^\s@,]+@[^\s@,]+(\s*,\s*[^\s@,]+@[^\s@,]+)*$/;

export class DeliveryQueryDto {
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'channelId 须为 UUID / channelId must be a UUID' })
  channelId?: string;

  @IsOptional()
  @IsIn(['pending', 'sending', 'sent', 'failed', 'dead'], {
    message: 'state 取值 pending、sending、sent、failed、dead / state must be pending, sending, sent, failed or dead',
  })
  state?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  sourceEventId?: string;
}
