import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AuditQueryDto } from '../audit/audit.controller';
import { IsCode } from '../shared/http/validators';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ProgressTemplateQueryDto {
  @IsCode({ example: 'anting' })
  unitCode!: string;

  @Matches(PERIOD, { message: 'period 应为 YYYY-MM / period must be YYYY-MM' })
  @ApiProperty({ example: '2021-09' })
  period!: string;
}

export class ProgressImportQueryDto {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun 应为 true 或 false / dryRun must be true or false' })
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'true',
    description: 'true: preview each row’s fate, append nothing',
  })
  dryRun?: 'true' | 'false';
}

export class CompletionExportQueryDto {
  @IsIn(['xlsx'], { message: 'format 应为 xlsx / format must be xlsx' })
  @ApiProperty({ enum: ['xlsx'] })
  format!: 'xlsx';

  @IsCode({ example: 'jiading-2021' })
  planCode!: string;

  @IsOptional()
  @Matches(PERIOD, { message: 'period 应为 YYYY-MM / period must be YYYY-MM' })
  @ApiPropertyOptional({ example: '2021-09' })
  period?: string;
}

export class AuditExportQueryDto extends AuditQueryDto {
  @IsIn(['xlsx'], { message: 'format 应为 xlsx / format must be xlsx' })
  @ApiProperty({ enum: ['xlsx'] })
  format!: 'xlsx';
}
