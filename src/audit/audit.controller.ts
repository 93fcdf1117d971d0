import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../identity/auth/roles.decorator';
import { AuditQueries } from './audit.queries';

export class AuditQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @ApiPropertyOptional({ description: 'Username of the acting user' })
  actor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @ApiPropertyOptional({ description: 'Event type, e.g. TargetAdjusted' })
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ description: 'Stream name prefix, e.g. target-jiading-2021.' })
  streamPrefix?: string;

  @IsOptional()
  @IsISO8601()
  @ApiPropertyOptional()
  from?: string;

  @IsOptional()
  @IsISO8601()
  @ApiPropertyOptional()
  to?: string;

  @IsOptional()
  @Matches(/^\d+$/, { message: 'before 必须是全局位置（整数）/ before must be a global position' })
  @ApiPropertyOptional({ description: 'Cursor from the previous page (nextBefore)' })
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiPropertyOptional({ default: 50 })
  limit?: number;
}

/** The audit trail across every stream (审计日志), newest first. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly queries: AuditQueries) {}

  @Get()
  @Roles('office', 'auditor')
  list(@Query() query: AuditQueryDto) {
    return this.queries.page({ ...query, limit: query.limit ?? 50 });
  }
}
