import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CODE_PATTERN } from '../../catalog/domain/catalog-codes';
import { DECIMAL_STRING_PATTERN, OptionalField } from '../validation/decorators';

/** Kept for DTOs that check arrays of decimals; at most 20 digits either side of the point. */
export const DECIMAL_PATTERN = DECIMAL_STRING_PATTERN;
const DECIMAL_MESSAGE =
  '$property 必须是十进制数字字符串，如 "760"（小数点前最多 20 位）/ $property must be a decimal string such as "760" (at most 20 digits before the point)';

/** A figure: a decimal string such as "760" or "6.2" (never a JSON number: no binary rounding). */
export function IsDecimalString(options: { optional?: boolean; description?: string; example?: string } = {}) {
  const doc: ApiPropertyOptions = {
    type: String,
    required: !options.optional,
    description: options.description,
    example: options.example,
  };
  return applyDecorators(
    ...(options.optional ? [OptionalField()] : []),
    IsString({ message: DECIMAL_MESSAGE }),
    Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE }),
    ApiProperty(doc),
  );
}

/** A code: ASCII letters, digits, '_' and '-', up to 64 characters. */
export function IsCode(options: { optional?: boolean; description?: string; example?: string } = {}) {
  return applyDecorators(
    ...(options.optional ? [OptionalField()] : []),
    IsString(),
    Matches(CODE_PATTERN, {
      message: '$property 只能含字母、数字、_ 和 -（最长 64）/ $property must be letters, digits, _ or - (max 64)',
    }),
    ApiProperty({
      type: String,
      required: !options.optional,
      description: options.description,
      example: options.example,
    }),
  );
}

/** Free text of bounded length. */
export function IsText(
  maxLength: number,
  options: { optional?: boolean; description?: string; example?: string } = {},
) {
  return applyDecorators(
    ...(options.optional ? [OptionalField()] : []),
    IsString(),
    MaxLength(maxLength),
    ApiProperty({
      type: String,
      required: !options.optional,
      maxLength,
      description: options.description,
      example: options.example,
    }),
  );
}
