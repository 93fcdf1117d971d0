import { ApiError, problemFrom } from './problem';
import { loadSession } from './session-store';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => undefined;

/** Called when a request with a session answers 401 (the token expired or was revoked). */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export function queryString(query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

/** One request to the API: JSON in and out, the session's bearer token, failures as ApiError (problem+json). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const session = loadSession();
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { status: 0, title: 'network' });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text for the problem's detail.
  }
  if (!response.ok) {
    if (response.status === 401 && session) onUnauthorized();
    throw new ApiError(response.status, problemFrom(response.status, body), response.headers);
  }
  return { data: body as T, headers: response.headers, status: response.status };
}

export async function get<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, { query, ...(signal ? { signal } : {}) })).data;
}
