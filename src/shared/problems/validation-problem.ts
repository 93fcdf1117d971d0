import { ValidationError } from 'class-validator';
import { FieldError } from './domain-error';

const REQUIRED = '必填 / required';
const NOT_NULL = '不能为 null；不填请省略该字段 / must not be null: leave the field out instead';
const UNKNOWN = '不允许的字段 / unknown field: not part of this request';

/** A request body or query that breaks its DTO's rules: every failing field once, with every rule it breaks. */
export class ValidationProblem extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`请求参数无效 / Invalid request: ${errors.map((e) => e.field).join(', ')}`);
    this.name = 'ValidationProblem';
  }

  static fromValidationErrors(errors: ValidationError[]): ValidationProblem {
    return new ValidationProblem(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: messageOf(error, error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A missing field says "required" and a null one "not null", not the type rule they fail. */
function messageOf(error: ValidationError, constraints: Record<string, string>): string {
  if ('whitelistValidation' in constraints) return UNKNOWN;
  if (error.value === undefined) return REQUIRED;
  if (error.value === null) return NOT_NULL;
  return [...new Set(Object.values(constraints))].join('；');
}
