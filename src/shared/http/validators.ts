import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CODE_PATTERN } from '../../catalog/domain/catalog-codes';

export const DECIMAL_PATTERN = /^[+-]?\d+(\.\d+)?$/;

/** A figure: a decimal string such as "760" or "6.2" (never a JSON number: no binary rounding). */
export function IsDecimalString(options: { optional?: boolean; description?: string; example?: string } = {}) {
  const doc: ApiPropertyOptions = { type: String, required: !options.optional, description: options.description, example: options.example };
  return applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    IsString({ message: '$property 必须是十进制数字字符串，如 "760" / $property must be a decimal string such as "760"' }),
    Matches(DECIMAL_PATTERN, { message: '$property 必须是十进制数字字符串，如 "760" / $property must be a decimal string such as "760"' }),
    ApiProperty(doc),
  );
}

/** A code: ASCII letters, digits, '_' and '-', up to 64 characters. */
export function IsCode(options: { optional?: boolean; description?: string; example?: string } = {}) {
  return applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    Matches(CODE_PATTERN, { message: '$property 只能含字母、数字、_ 和 -（最长 64）/ $property must be letters, digits, _ or - (max 64)' }),
    ApiProperty({ type: String, required: !options.optional, description: options.description, example: options.example }),
  );
}

/** Free text of bounded length. */
export function IsText(maxLength: number, options: { optional?: boolean; description?: string; example?: string } = {}) {
  return applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(maxLength),
    ApiProperty({ type: String, required: !options.optional, maxLength, description: options.description, example: options.example }),
  );
}
