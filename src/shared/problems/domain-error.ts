/**
 * A refusal the domain or the application gives on purpose. The HTTP layer turns it into
 * problem+json with the status its kind implies; the CLI prints its message.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unprocessable'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'forbidden'
  | 'unauthorized';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine code, e.g. 'target-already-assigned'; becomes the problem type. */
    readonly code: string,
    /** Chinese first, then English. */
    message: string,
    readonly errors: FieldError[] = [],
    /** Extra members for the problem body (e.g. the current revision, a link to the correction route). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, field: string, message: string) =>
  new DomainError('validation', code, message, [{ field, message }]);

export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);

export const conflict = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new DomainError('conflict', code, message, [], extensions);

/** Throws one validation error listing every problem, so the client sees all its mistakes at once. */
export function refuseIf(problems: FieldError[]): void {
  if (problems.length) {
    throw new DomainError(
      'validation',
      'invalid-command',
      `请求参数无效 / Invalid: ${problems.map((p) => p.field).join(', ')}`,
      problems,
    );
  }
}
