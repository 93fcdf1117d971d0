import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { isValidDate } from '../../rules';
import { DECIMAL_STRING_PATTERN } from './input-limits';

export { DECIMAL_STRING_PATTERN };

/**
 * An optional member: left out it is not checked, but `null` is checked (and refused by the member's
 * type rule) — unlike class-validator's IsOptional, which would store the null.
 */
export const OptionalField = () => ValidateIf((_object, value) => value !== undefined);

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A report period YYYY-MM. */
export const IsPeriod = (options: ValidationOptions = {}) =>
  Matches(PERIOD_PATTERN, {
    message: '$property 应为 YYYY-MM，如 2021-09 / $property must be YYYY-MM such as 2021-09',
    ...options,
  });

/** An existing calendar date or time (ISO 8601, strict: 2021-02-30 is refused). */
export const IsRealIsoTime = (options: ValidationOptions = {}) =>
  IsISO8601(
    { strict: true, strictSeparator: true },
    {
      message: '$property 应为实际存在的 ISO 8601 日期或时间 / $property must be an existing ISO 8601 date or time',
      ...options,
    },
  );

const MAX_POSITION = 2n ** 63n - 1n;
const isPosition = (value: unknown) =>
  typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_POSITION;

/** A global position of the event log (a non-negative 64-bit integer) as a string. */
export const IsGlobalPosition = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'isGlobalPosition',
      validator: {
        validate: isPosition,
        defaultMessage: () =>
          '$property 应为全局位置（0 到 2^63−1 的整数）/ $property must be a global position (an integer from 0 to 2^63−1)',
      },
    },
    options,
  );

/** `asOf`: an existing ISO 8601 time, or a global position. */
export function IsAsOf() {
  return applyDecorators(
    OptionalField(),
    ValidateBy({
      name: 'isAsOf',
      validator: {
        validate: (value) =>
          isPosition(value) || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && isRealTime(value)),
        defaultMessage: () =>
          'asOf 应为实际存在的 ISO 8601 时间（如 2021-09-30T16:00:00Z）或全局位置 / asOf must be an existing ISO 8601 time (e.g. 2021-09-30T16:00:00Z) or a global position',
      },
    }),
    ApiPropertyOptional({
      description: 'ISO 8601 time or global position: the answer as the system would have shown it then',
      example: '2021-09-30T16:00:00Z',
    }),
  );
}

/** An ISO time whose calendar date exists (new Date('2021-02-30') silently becomes 2021-03-02). */
function isRealTime(value: string): boolean {
  return isValidDate(value.slice(0, 10)) && !Number.isNaN(new Date(value).getTime());
}
