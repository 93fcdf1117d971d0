import { FieldError } from './domain-error';

/** RFC 9457 problem details, as every error of the API is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const PROBLEM_TYPE_BASE = 'https://supervision.example.gov.cn/problems/';

const TITLES: Record<number, string> = {
  400: '请求无效 / Bad request',
  401: '未登录或登录已失效 / Unauthorized',
  403: '无权执行此操作 / Forbidden',
  404: '未找到 / Not found',
  405: '方法不允许 / Method not allowed',
  409: '与当前状态冲突 / Conflict',
  412: '版本已变化，请刷新后重试 / Precondition failed',
  413: '请求体过大 / Payload too large',
  415: '不支持的媒体类型 / Unsupported media type',
  422: '请求无法处理 / Unprocessable content',
  428: '缺少 If-Match 版本号 / Precondition required',
  429: '请求过于频繁 / Too many requests',
  500: '服务器内部错误 / Internal server error',
  503: '服务暂不可用 / Service unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extras: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: TITLES[status] ?? `HTTP ${status}`,
    status,
    detail,
    ...extras,
  };
}
