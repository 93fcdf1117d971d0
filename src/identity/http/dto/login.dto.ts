import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { RoleList } from './role-list';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: '用户名须为字符串 / username must be a string' })
  @Length(1, 64, { message: '用户名长度须为 1–64 / username must be 1–64 characters' })
  username!: string;

  @ApiProperty({ format: 'password', example: 'correct horse battery staple' })
  @IsString({ message: '密码须为字符串 / password must be a string' })
  @Length(1, 128, { message: '密码长度须为 1–128 / password must be 1–128 characters' })
  password!: string;
}

export class SessionUserResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'zhang.san' })
  username!: string;

  @ApiProperty({ example: '张三' })
  displayName!: string;

  @RoleList()
  roles!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'JX-01',
    description: '所属单位 / the unit of a unit or verifier user',
  })
  unitCode!: string | null;
}

export class LoginResponse {
  @ApiProperty({ description: 'Bearer 访问令牌 / Bearer access token (HS256 JWT)' })
  accessToken!: string;

  @ApiProperty({ description: '有效秒数 / Seconds until the token expires', example: 3600 })
  expiresIn!: number;

  @ApiProperty({ type: SessionUserResponse })
  user!: SessionUserResponse;
}
