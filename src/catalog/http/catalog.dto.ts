import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DECIMAL_PATTERN, IsCode, IsText } from '../../shared/http/validators';
import {
  CODE_PATTERN,
  DECOMPOSITION_MODES,
  DIRECTIONS,
  DecompositionMode,
  Direction,
  INDICATOR_KINDS,
  IndicatorKind,
  UNIT_KINDS,
  UnitKind,
} from '../domain/catalog-codes';
import { OptionalField } from '../../shared/validation/decorators';

export class CreateUnitDto {
  @IsCode({ example: 'anting' })
  code!: string;

  @IsText(100, { example: '安亭镇' })
  @MinLength(1)
  name!: string;

  @IsIn(UNIT_KINDS)
  @ApiProperty({ enum: UNIT_KINDS })
  kind!: UnitKind;
}

/** A ranking group of the plan's bulletins (排名分组): units of these kinds and/or these codes. */
export class RankingGroupDto {
  @IsText(40, { example: '街镇' })
  @MinLength(1)
  name!: string;

  @OptionalField()
  @IsArray()
  @IsIn(UNIT_KINDS, { each: true })
  @ApiPropertyOptional({ enum: UNIT_KINDS, isArray: true, example: ['town', 'subdistrict'] })
  kinds?: UnitKind[];

  @OptionalField()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(CODE_PATTERN, { each: true, message: 'unitCodes 只能含字母、数字、_ 和 - / unitCodes must be codes' })
  @ApiPropertyOptional({ type: [String], description: 'Units listed by code (they win over kinds)' })
  unitCodes?: string[];
}

/** Policies of a plan; each member optional, absent ones take their defaults. */
export class PlanSettingsDto {
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(28)
  @ApiPropertyOptional({
    description: 'A month can be reported from this day of that month on (Asia/Shanghai)',
    default: 25,
    minimum: 1,
    maximum: 28,
  })
  reportableFromDay?: number;

  @OptionalField()
  @IsBoolean()
  @ApiPropertyOptional({ description: 'A target of 0 needs a monthly report and can be overdue', default: false })
  zeroTargetRequiresReport?: boolean;
}

export class CreatePlanDto {
  @IsCode({ example: 'jiading-2021' })
  code!: string;

  @IsInt()
  @Min(2000)
  @Max(2100)
  @ApiProperty({ example: 2021 })
  year!: number;

  @IsText(200, { example: '2021年嘉定区国民经济和社会发展主要目标任务' })
  @MinLength(1)
  title!: string;

  @IsText(100, { optional: true, example: '嘉定区人民政府' })
  issuer?: string;

  @IsText(100, { optional: true, example: '嘉府发〔2021〕1号' })
  documentNo?: string;

  @OptionalField()
  @IsObject()
  @ApiPropertyOptional({ description: 'Threshold overrides, e.g. { "paceGreen": "0.95" }', type: Object })
  thresholds?: Record<string, string | number>;

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(28)
  @ApiPropertyOptional({ description: 'Day of the next month a monthly report is due (default 10)' })
  reportDueDay?: number;

  @OptionalField()
  @ValidateNested()
  @Type(() => PlanSettingsDto)
  @ApiPropertyOptional({ type: PlanSettingsDto, description: 'Plan settings 计划设置 (defaults when absent)' })
  settings?: PlanSettingsDto;

  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RankingGroupDto)
  @ApiPropertyOptional({
    type: [RankingGroupDto],
    description: 'Ranking groups of the plan’s bulletins, in order (default 街镇, 园区, 委办局, 国企)',
  })
  rankingGroups?: RankingGroupDto[];
}

export class CreateIndicatorDto {
  @IsCode({ example: 'I02' })
  code!: string;

  @IsText(50, { example: '经济发展' })
  @MinLength(1)
  category!: string;

  @IsText(100, {
    optional: true,
    description: 'The printed heading the indicator sits under (指标组, e.g. 工业投资 over 增幅 and 总量)',
    example: '工业投资',
  })
  @MinLength(1)
  group?: string;

  @IsText(200, { example: '税收总收入' })
  @MinLength(1)
  name!: string;

  @IsCode({ optional: true })
  parentCode?: string;

  @IsText(20, { example: '亿元' })
  @MinLength(1)
  unitOfMeasure!: string;

  @IsIn(INDICATOR_KINDS)
  @ApiProperty({ enum: INDICATOR_KINDS })
  kind!: IndicatorKind;

  @OptionalField()
  @IsIn(DIRECTIONS)
  @ApiPropertyOptional({ enum: DIRECTIONS })
  direction?: Direction;

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(12)
  @ApiPropertyOptional({ description: 'Months reported over, e.g. 11 for 1–11月' })
  reportingMonths?: number;

  @OptionalField()
  @IsArray()
  @ArrayMinSize(12)
  @ArrayMaxSize(12)
  @Matches(DECIMAL_PATTERN, {
    each: true,
    message: 'paceCurve 的每一项必须是十进制数字字符串 / each paceCurve entry must be a decimal string',
  })
  @ApiPropertyOptional({ type: [String], description: 'Twelve cumulative fractions of the year (seasonal pace curve)' })
  paceCurve?: string[];

  @IsCode({ optional: true })
  leadUnitCode?: string;

  @OptionalField()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CODE_PATTERN, {
    each: true,
    message: 'cooperatingUnitCodes 的每一项必须是单位代码 / each entry must be a unit code',
  })
  @ApiPropertyOptional({ type: [String] })
  cooperatingUnitCodes?: string[];

  @IsCode({ optional: true })
  verifyingUnitCode?: string;

  @OptionalField()
  @IsIn(DECOMPOSITION_MODES)
  @ApiPropertyOptional({ enum: DECOMPOSITION_MODES, default: 'decomposed' })
  decomposition?: DecompositionMode;

  @OptionalField()
  @IsBoolean()
  @ApiPropertyOptional({ description: 'Reported figures and targets may be negative (default false)', default: false })
  allowNegative?: boolean;

  @OptionalField()
  @IsObject()
  @ApiPropertyOptional({ type: Object })
  thresholds?: Record<string, string | number>;
}
