import { queryString } from '../api/client';
import { ApiError, problemFrom } from '../api/problem';
import { loadSession } from '../api/session-store';

/**
 * Downloads the API's `.xlsx` export. A plain link cannot carry the bearer token, so the file is fetched
 * with it and handed to the browser as a download.
 */
export async function downloadXlsx(
  path: string,
  query: Record<string, string | undefined>,
  filename: string,
): Promise<void> {
  const session = loadSession();
  const response = await fetch(`${path}${queryString(query)}`, {
    headers: session ? { authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the text is the detail
    }
    throw new ApiError(response.status, problemFrom(response.status, body), response.headers);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
