import { SessionUserResponse } from './login.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ROLES, Role } from '../../domain/roles';
import { USERNAME_PATTERN } from '../../domain/username';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../application/password-hasher';
import { RoleList } from './role-list';
import { OptionalField } from '../../../shared/validation/decorators';

const PASSWORD_MESSAGE = `密码长度须为 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} / password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`;
const ROLES_MESSAGE = `角色取值 ${ROLES.join('、')} / each role must be one of ${ROLES.join(', ')}`;

/** Roles and the one unit they act for. */
export class RolesDto {
  @RoleList()
  @IsArray({ message: ROLES_MESSAGE })
  @ArrayNotEmpty({ message: '至少一个角色 / at least one role' })
  @ArrayUnique({ message: '角色不能重复 / roles must not repeat' })
  @IsIn(ROLES, { each: true, message: ROLES_MESSAGE })
  roles!: Role[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'JX-01',
    description: 'unit 与 verifier 角色必填 / required for unit and verifier',
  })
  @OptionalField()
  @IsString({ message: '单位编码须为字符串 / unitCode must be a string' })
  @Length(1, 64, { message: '单位编码长度须为 1–64 / unitCode must be 1–64 characters' })
  unitCode?: string | null;
}

export class CreateUserDto extends RolesDto {
  @ApiProperty({ example: 'zhang.san', description: '3–64 字母、数字或 . _ - @（不区分大小写）/ case-insensitive' })
  @IsString({ message: '用户名须为字符串 / username must be a string' })
  @Matches(USERNAME_PATTERN, {
    message: '用户名须为 3–64 个字母、数字或 . _ - @ / username must be 3–64 letters, digits or . _ - @',
  })
  username!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: PASSWORD_MESSAGE })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: PASSWORD_MESSAGE })
  password!: string;

  @ApiProperty({ example: '张三' })
  @IsString({ message: '显示名称须为字符串 / displayName must be a string' })
  @Length(1, 100, { message: '显示名称长度须为 1–100 / displayName must be 1–100 characters' })
  displayName!: string;
}

export class ChangeRolesDto extends RolesDto {}

export class DisableUserDto {
  @ApiPropertyOptional({ example: '人员调离 / left the unit', description: '记入审计 / recorded in the audit trail' })
  @OptionalField()
  @IsString({ message: '原因须为字符串 / reason must be a string' })
  @MaxLength(500, { message: '原因最长 500 字 / reason must be at most 500 characters' })
  reason?: string;
}

export class ChangePasswordDto {
  @ApiPropertyOptional({
    format: 'password',
    description: '修改自己的密码时必填 / required when changing your own password',
  })
  @OptionalField()
  @IsString({ message: '当前密码须为字符串 / currentPassword must be a string' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: PASSWORD_MESSAGE })
  currentPassword?: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: PASSWORD_MESSAGE })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: PASSWORD_MESSAGE })
  newPassword!: string;
}

export class UserListQuery {
  @ApiPropertyOptional({ example: 'JX-01' })
  @OptionalField()
  @IsString()
  @MaxLength(64)
  unitCode?: string;
}

/** A user as the office sees it: the session fields plus state and revision. */
export class UserResponse extends SessionUserResponse {
  @ApiProperty()
  disabled!: boolean;

  @ApiProperty({ description: '用户事件流的版本 / revision of the user\u2019s stream', example: '0' })
  revision!: string;
}
