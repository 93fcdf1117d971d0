import { queryString, RequestOptions } from '../api/client';
import { ApiError, problemFrom } from '../api/problem';
import { loadSession } from '../api/session-store';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
  contentType: string;
}

/** The file name a Content-Disposition gives: RFC 6266 `filename*` (UTF-8, for Chinese names) before `filename`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: the plain name below.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return new ApiError(response.status, problemFrom(response.status, body), response.headers);
}

function authorization(): Record<string, string> {
  const session = loadSession();
  return session ? { authorization: `Bearer ${session.accessToken}` } : {};
}

/** A file from the API with the session's token (a plain link would carry none). */
export async function fetchFile(
  path: string,
  query: RequestOptions['query'],
  fallbackName: string,
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(`${path}${queryString(query)}`, { headers: { ...authorization(), accept: '*/*' } });
  } catch {
    throw new ApiError(0, { status: 0, title: 'network' });
  }
  if (!response.ok) throw await failure(response);
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get('content-disposition'), fallbackName),
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
  };
}

/** Hands a blob to the browser as a download under its name. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One file as multipart/form-data to the API; the JSON answer, or the problem as ApiError. */
export async function uploadFile<T>(path: string, query: RequestOptions['query'], file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${path}${queryString(query)}`, {
      method: 'POST',
      body: form,
      headers: { ...authorization(), accept: 'application/json, application/problem+json' },
    });
  } catch {
    throw new ApiError(0, { status: 0, title: 'network' });
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}
