import { ValidationError } from 'class-validator';
import { FieldError } from './domain-error';

/** A request body or query that breaks its DTO's rules; each broken rule names its field. */
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
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
