/** application/problem+json (RFC 9457) as the API sends it, and what a page needs from it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

/** An answer that was not 2xx (or no answer at all: `status` 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly headers: Headers = new Headers(),
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

/** Reads a failed response as a problem, whatever the server sent (HTML from a proxy, nothing, JSON). */
export function problemFrom(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const errors = Array.isArray(b.errors)
      ? b.errors
          .filter((e): e is { field: unknown; message: unknown } => !!e && typeof e === 'object')
          .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
      : undefined;
    return {
      ...b,
      status,
      ...(typeof b.type === 'string' ? { type: b.type } : {}),
      ...(typeof b.title === 'string' ? { title: b.title } : {}),
      ...(typeof b.detail === 'string' ? { detail: b.detail } : {}),
      ...(errors ? { errors } : {}),
    };
  }
  return { status, ...(typeof body === 'string' && body ? { detail: body.slice(0, 300) } : {}) };
}

/**
 * The API's bilingual texts are "中文 / English": the half for the language (the whole when not bilingual).
 */
export function inLanguage(text: string, language: 'zh-CN' | 'en'): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return language === 'zh-CN' ? text.slice(0, at) : text.slice(at + 3);
}

/**
 * problem+json `errors[]` by form field: `field` names a body path ("value", "assessment.total",
 * "errors[0].period" never happens) — the last segment matches the form's field name unless the form
 * names the full path. Messages for the same field are joined.
 */
export function fieldErrors(
  problem: Problem,
  formFields: readonly string[],
  language: 'zh-CN' | 'en',
): { byField: Record<string, string>; unplaced: string[] } {
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field, message } of problem.errors ?? []) {
    const text = inLanguage(message, language);
    const name = formFields.includes(field) ? field : formFields.find((f) => field.split('.').pop() === f);
    if (name) byField[name] = byField[name] ? `${byField[name]}；${text}` : text;
    else unplaced.push(field ? `${field}: ${text}` : text);
  }
  return { byField, unplaced };
}
