import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCode, IsDecimalString, IsText } from '../../shared/http/validators';
import { SELF_RATINGS, SelfRating } from '../domain/progress-values';
import { IsPeriod, OptionalField } from '../../shared/validation/decorators';

/** A further quantity printed in the same cell (其中…): "3（其中流转面积 1200 亩）". */
export class SecondQuantityDto {
  @IsText(50, { optional: true, description: 'What it counts, as printed', example: '流转面积' })
  label?: string;

  @IsDecimalString({ description: 'The quantity', example: '1200' })
  total!: string;

  @IsText(20, { optional: true, description: 'Its own unit of measure (default: the indicator’s)', example: '亩' })
  unitOfMeasure?: string;
}

export class TargetValueDto {
  @IsDecimalString({ optional: true, description: 'Total, level or cap (总量)', example: '760' })
  total?: string;

  @IsText(20, {
    optional: true,
    description: 'Unit of the total when it differs from the indicator’s',
    example: '万元',
  })
  unitOfMeasure?: string;

  @IsDecimalString({ optional: true, description: 'Growth target in % (增幅)', example: '8' })
  growthPct?: string;

  @IsText(500, {
    optional: true,
    description: 'The target as printed, or a qualitative target’s text',
    example: '完成市下达目标',
  })
  text?: string;

  @OptionalField()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline 应为 YYYY-MM-DD / deadline must be YYYY-MM-DD' })
  @ApiPropertyOptional({ example: '2021-06-30' })
  deadline?: string;

  @OptionalField()
  @IsInt()
  @Min(1)
  @ApiPropertyOptional({ example: 9 })
  rank?: number;

  @OptionalField()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => SecondQuantityDto)
  @ApiPropertyOptional({
    type: [SecondQuantityDto],
    description: '其中: further quantities printed with the target, not added to it',
  })
  also?: SecondQuantityDto[];
}

export class AssignTargetDto {
  @IsCode({ example: 'jiading-2021' })
  planCode!: string;

  @IsCode({ example: 'I02' })
  indicatorCode!: string;

  @IsCode({ example: 'anting' })
  unitCode!: string;

  @OptionalField()
  @ValidateNested()
  @Type(() => TargetValueDto)
  @ApiPropertyOptional({
    type: TargetValueDto,
    description: '考核目标 assessment target; omit it for a work target only (指导性计划), then work is required',
  })
  assessment?: TargetValueDto;

  @OptionalField()
  @ValidateNested()
  @Type(() => TargetValueDto)
  @ApiPropertyOptional({ type: TargetValueDto, description: '工作目标 work target' })
  work?: TargetValueDto;

  @IsDecimalString({ optional: true, description: 'Last year’s actual (上年基数)' })
  baseline?: string;

  @IsDecimalString({ optional: true, description: 'Points (分值)' })
  weight?: string;
}

export class AdjustTargetDto {
  @OptionalField()
  @ValidateNested()
  @Type(() => TargetValueDto)
  @ApiPropertyOptional({ type: TargetValueDto })
  assessment?: TargetValueDto;

  @OptionalField()
  @ValidateNested()
  @Type(() => TargetValueDto)
  @ApiPropertyOptional({ type: TargetValueDto })
  work?: TargetValueDto;

  @IsText(1000, { description: '调整原因', example: '受疫情影响，经区政府同意调整' })
  @MinLength(1, { message: 'reason 必填 / reason is required' })
  reason!: string;

  @IsText(200, { description: '批准文件', example: '嘉府办〔2021〕15号' })
  @MinLength(1, { message: 'approvalDocument 必填 / approvalDocument is required' })
  approvalDocument!: string;
}

class ProgressFiguresDto {
  @IsDecimalString({
    optional: true,
    description: 'Year-to-date value, latest level, incident count or rank',
    example: '410000',
  })
  value?: string;

  @IsDecimalString({ optional: true, description: 'Year-to-date growth in %', example: '7.5' })
  growthPct?: string;

  @OptionalField()
  @IsBoolean()
  @ApiPropertyOptional({ description: 'Milestone reached' })
  done?: boolean;

  @OptionalField()
  @IsIn(SELF_RATINGS)
  @ApiPropertyOptional({ enum: SELF_RATINGS })
  selfRating?: SelfRating;

  @IsDecimalString({ optional: true, description: 'Reference figure of a relative target (e.g. the city average)' })
  referenceValue?: string;

  @IsText(5000, { optional: true, description: '工作进展' })
  narrative?: string;

  @OptionalField()
  @IsBoolean()
  @ApiPropertyOptional({
    description: 'Confirms a year-to-date value lower than an earlier month’s (累计值下降确认); needs decreaseReason',
  })
  confirmDecrease?: boolean;

  @IsText(1000, { optional: true, description: 'Why the year-to-date value falls (累计值下降原因)' })
  decreaseReason?: string;
}

export class ReportProgressDto extends ProgressFiguresDto {
  @IsPeriod()
  @ApiProperty({ example: '2021-03' })
  period!: string;

  @IsText(5000, { optional: true, description: '存在问题' })
  problems?: string;

  @IsText(5000, { optional: true, description: '下步举措' })
  nextSteps?: string;
}

/** The path of a correction: the target and the period corrected. */
export class CorrectionPathDto {
  @IsString()
  @ApiProperty({ example: 'jiading-2021.I02.anting' })
  id!: string;

  @IsPeriod()
  @ApiProperty({ example: '2021-03', description: 'Report period YYYY-MM' })
  period!: string;
}

export class CorrectProgressDto extends ProgressFiguresDto {
  @IsText(1000, { description: '更正原因' })
  @MinLength(1, { message: 'reason 必填 / reason is required' })
  reason!: string;
}

export class WithdrawTargetDto {
  @IsText(1000)
  @MinLength(1, { message: 'reason 必填 / reason is required' })
  reason!: string;

  @IsText(200, { description: '批准文件' })
  @MinLength(1, { message: 'document 必填 / document is required' })
  document!: string;
}

export class TargetQueryDto {
  @IsCode({ optional: true })
  planCode?: string;

  @IsCode({ optional: true })
  unitCode?: string;

  @IsCode({ optional: true })
  indicatorCode?: string;

  @OptionalField()
  @IsIn(['completed', 'green', 'yellow', 'red', 'overdue', 'not_started'])
  @ApiPropertyOptional()
  status?: string;
}
