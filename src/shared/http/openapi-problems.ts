import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../problems/problem-details';

type Operation = {
  responses?: Record<string, unknown>;
  security?: unknown[];
  requestBody?: unknown;
};

const PROBLEM_TYPES = [
  'validation (a request that breaks its DTO or the input rules: errors[] names each field once)',
  'invalid-command (the domain refuses the figures: errors[])',
  'year-to-date-decrease (a falling year-to-date value without confirmDecrease and decreaseReason)',
  'period-already-reported (409, with correctionUrl)',
  'idempotency-key-reused (422, with idempotencyKey)',
  'stale-revision (412, with currentRevision) and if-match-required (428)',
  'outside-unit-scope (403)',
  '<thing>-not-found (404), <thing>-exists (409)',
  'http-<status> (refusals before routing: 413 body too large, 415 not JSON, 429 too many requests)',
];

const PROBLEM_SCHEMA = {
  type: 'object',
  description: `RFC 9457 problem details; every error of the API is answered so (${PROBLEM_CONTENT_TYPE})`,
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      description: `${PROBLEM_TYPE_BASE}<code>; codes: ${PROBLEM_TYPES.join('; ')}`,
    },
    title: { type: 'string', example: '请求无效 / Bad request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', description: 'zh-CN first, then English' },
    instance: { type: 'string', description: 'The request path' },
    errors: {
      type: 'array',
      description: 'Every failing field, each once',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', example: 'period' },
          message: { type: 'string', example: '必填 / required' },
        },
      },
    },
  },
  additionalProperties: true,
};

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE.split(';')[0]]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
});

/**
 * Adds the problem answers every route can give (and the ProblemDetails schema) to the OpenAPI
 * document, where a route's own decorators do not describe them already.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ProblemDetails: PROBLEM_SCHEMA },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = (operation.responses ??= {});
      const add = (status: string, description: string) => {
        responses[status] ??= problemResponse(description);
        const existing = responses[status] as { content?: unknown; description?: string };
        if (Number(status) >= 400 && !existing.content)
          responses[status] = problemResponse(existing.description || description);
      };
      add(
        '400',
        '请求无效：字段、查询或路径参数不符合规则 / Bad request: a field, query or path parameter breaks a rule',
      );
      if (operation.security?.length) {
        add('401', '未登录或登录已失效 / No valid session');
        add('403', '角色或单位范围不允许 / The role or unit scope does not allow it');
      }
      if (path.includes('{')) add('404', '未找到 / Not found');
      if (operation.requestBody) {
        add('413', '请求体过大 / Body too large');
        add('415', '请求体须为 application/json / The body must be application/json');
      }
      add('500', '服务器内部错误（已记录）/ Internal error (logged)');
    }
  }
  return document;
}
