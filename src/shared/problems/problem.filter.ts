import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind } from './domain-error';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problem } from './problem-details';
import { ValidationProblem } from './validation-problem';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  precondition_required: HttpStatus.PRECONDITION_REQUIRED,
};

/** Every error leaves as application/problem+json; only genuine faults are 500 and logged as such. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = { ...this.toProblem(exception), instance: request.url };
    if (body.status >= 500) this.logger.error({ err: exception, url: request.url }, 'request failed');
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ValidationProblem) {
      return problem(400, 'validation', exception.message, { errors: exception.errors });
    }
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      return problem(status, exception.code, exception.message, {
        ...(exception.errors.length ? { errors: exception.errors } : {}),
        ...exception.extensions,
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      return problem(status, `http-${status}`, detail);
    }
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own refusals: malformed JSON, body too large, wrong content type.
      return problem(status, `http-${status}`, (exception as Error).message);
    }
    return problem(500, 'internal', '服务器内部错误，已记录 / An internal error occurred and was logged');
  }
}
