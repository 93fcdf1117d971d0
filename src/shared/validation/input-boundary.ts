import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FieldError } from '../problems/domain-error';
import { ValidationProblem } from '../problems/validation-problem';
import { INPUT_LIMITS } from './input-limits';
import { inspectInput } from './inspect-input';
import { jsonNestsDeeperThan } from './json-depth';

/** A refusal raised while parsing, before routing: Fastify needs its status on the error. */
class BodyProblem extends ValidationProblem {
  readonly statusCode = 400;
}

const bodyProblem = (message: string) => new BodyProblem([{ field: 'body', message }]);

/**
 * The one place every request's input passes before any route sees it (issue 15, "validation at
 * the boundary, once"):
 * - bodies are JSON only (anything else is 415), at most `maxBodyBytes` (413), nested at most
 *   `maxJsonDepth`, and malformed JSON is a 400 naming the body;
 * - body, query and path parameters are walked by `inspectInput` (NUL, lone surrogates, length,
 *   prototype keys, non-finite numbers) and handed on NFC-normalized.
 * Field-level rules (decimals, periods, dates, codes) are the DTOs' shared decorators in this folder.
 */
export function installInputBoundary(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: INPUT_LIMITS.maxBodyBytes },
    (request, text, done) => {
      const body = String(text);
      if (jsonNestsDeeperThan(body, INPUT_LIMITS.maxJsonDepth)) {
        const limit = INPUT_LIMITS.maxJsonDepth;
        done(
          bodyProblem(`请求体嵌套不能超过 ${limit} 层 / the body must not nest deeper than ${limit} levels`),
          undefined,
        );
        return;
      }
      parseJson(request, body, (error: Error | null, value?: unknown) => {
        if (error)
          done(
            bodyProblem(`请求体不是有效的 JSON：${error.message} / the body is not valid JSON: ${error.message}`),
            undefined,
          );
        else done(null, value);
      });
    },
  );
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const problems: FieldError[] = [];
    const params = inspectInput(request.params ?? {}, 'path', INPUT_LIMITS.maxParameterLength);
    const query = inspectInput(request.query ?? {}, 'query', INPUT_LIMITS.maxParameterLength);
    problems.push(...params.problems, ...query.problems);
    let body = request.body;
    if (body !== undefined) {
      const inspected = inspectInput(body, 'body');
      problems.push(...inspected.problems);
      body = inspected.value;
    }
    if (problems.length) throw new ValidationProblem(problems);
    request.params = params.value;
    request.query = query.value;
    if (body !== undefined) request.body = body;
  });
}
