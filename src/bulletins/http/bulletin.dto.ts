import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { UNIT_KINDS, UnitKind } from '../../catalog/domain/catalog-codes';
import { IsCode, IsText } from '../../shared/http/validators';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class UnitGroupDto {
  @IsText(40, { example: '街镇' })
  name!: string;

  @IsOptional()
  @IsArray()
  @IsIn(UNIT_KINDS, { each: true })
  @ApiPropertyOptional({ enum: UNIT_KINDS, isArray: true })
  kinds?: UnitKind[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    each: true,
    message: 'unitCodes 只能含字母、数字、_ 和 - / unitCodes must be codes',
  })
  @ApiPropertyOptional({ type: [String] })
  unitCodes?: string[];
}

export class DraftBulletinDto {
  @IsCode({ example: 'jiading-2021' })
  planCode!: string;

  @Matches(PERIOD, { message: 'period 应为 YYYY-MM / period must be YYYY-MM' })
  @ApiProperty({ example: '2021-09' })
  period!: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'cutoff 应为 ISO 8601 时间 / cutoff must be an ISO 8601 time' })
  @ApiPropertyOptional({
    description: 'Figures as of this moment; default the end of the period’s report due day (Asia/Shanghai)',
  })
  cutoff?: string;

  @IsText(200, { optional: true, example: '2021年9月目标任务进展情况通报' })
  title?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => UnitGroupDto)
  @ApiPropertyOptional({
    type: [UnitGroupDto],
    description:
      'Ranking groups; default the plan’s own (rankingGroups), else 街镇 (towns, sub-districts), 园区, 委办局, 国企',
  })
  groups?: UnitGroupDto[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  @ApiPropertyOptional({ description: 'Units on the 红榜 and 黑榜 per group (default 3)', example: 3 })
  listSize?: number;
}

export class ExemptionDto {
  @IsCode({ example: 'anting' })
  unitCode!: string;

  @IsText(500, { example: '受台风影响（不可抗力）' })
  @IsNotEmpty({ message: 'reason 必填：豁免须说明理由 / reason is required for an exemption' })
  reason!: string;
}

export class EditBulletinDto {
  @IsText(20_000, { optional: true, description: 'The office’s remarks (下一步要求)' })
  remarks?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ExemptionDto)
  @ApiPropertyOptional({
    type: [ExemptionDto],
    description: 'Units kept off the 黑榜, each with a reason; replaces the list',
  })
  exemptions?: ExemptionDto[];
}

export class IssueBulletinDto {
  @IsText(100, { example: '嘉督〔2021〕9号' })
  @IsNotEmpty({ message: 'documentNo 必填（文号）/ documentNo is required' })
  documentNo!: string;

  @IsText(100, {
    optional: true,
    description: 'The issuing office; default the plan’s issuer',
    example: '区政府督查室',
  })
  issuer?: string;
}

export class WithdrawBulletinDto {
  @IsText(1000, { example: '数据有误，重新印发' })
  @IsNotEmpty({ message: 'reason 必填 / reason is required' })
  reason!: string;
}

export const EXPORT_FORMATS = ['xlsx', 'docx', 'pdf', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQueryDto {
  @IsIn(EXPORT_FORMATS, { message: 'format 应为 xlsx、docx、pdf 或 html / format must be xlsx, docx, pdf or html' })
  @ApiProperty({ enum: EXPORT_FORMATS })
  format!: ExportFormat;
}

export class BulletinListQueryDto {
  @IsCode({ optional: true })
  planCode?: string;
}
