import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../identity/auth/roles.decorator';
import { AuditQueries } from './audit.queries';
import { IsCode } from '../shared/http/validators';
import { IsGlobalPosition, IsRealIsoTime, OptionalField } from '../shared/validation/decorators';

export class AuditQueryDto {
  @OptionalField()
  @IsString()
  @MaxLength(100)
  @ApiPropertyOptional({ description: 'Username of the acting user' })
  actor?: string;

  @OptionalField()
  @IsString()
  @MaxLength(100)
  @ApiPropertyOptional({ description: 'Event type, e.g. TargetAdjusted' })
  type?: string;

  @OptionalField()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ description: 'Stream name prefix, e.g. target-jiading-2021.' })
  streamPrefix?: string;

  @IsCode({
    optional: true,
    description:
      'The unit an entry concerns: its target’s unit (target and warning streams), else the event’s `unitCode` (a unit’s own stream: its code)',
    example: 'anting',
  })
  unitCode?: string;

  @OptionalField()
  @IsRealIsoTime()
  @ApiPropertyOptional({ description: 'Recorded at or after this ISO 8601 date or time', example: '2021-09-01' })
  from?: string;

  @OptionalField()
  @IsRealIsoTime()
  @ApiPropertyOptional({
    description: 'Recorded at or before this ISO 8601 date or time',
    example: '2021-09-30T23:59:59+08:00',
  })
  to?: string;

  @OptionalField()
  @IsGlobalPosition({
    message:
      'before 必须是全局位置（0 到 2^63−1 的整数）/ before must be a global position (an integer from 0 to 2^63−1)',
  })
  @ApiPropertyOptional({ description: 'Cursor from the previous page (nextBefore)' })
  before?: string;

  @OptionalField()
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
  @ApiOperation({ summary: '审计日志 / The audit trail across every stream, newest first' })
  @ApiOkResponse({ description: 'A page of audit entries' })
  @Roles('office', 'auditor')
  list(@Query() query: AuditQueryDto) {
    return this.queries.page({ ...query, limit: query.limit ?? 50 });
  }
}
