import { ApiError, problemFrom } from '../api/problem';
import { loadSession } from '../api/session-store';

export type EntityFate = 'new' | 'unchanged' | 'changed' | 'refused';

export interface WorkbookIssue {
  severity: 'error' | 'warning';
  file: string;
  sheet: string;
  row?: number;
  column?: string;
  field?: string;
  message: string;
}

export interface WorkbookPreview {
  fileName: string;
  valid: boolean;
  errors: WorkbookIssue[];
  warnings: WorkbookIssue[];
  plan?: { code: string; title: string; year: number; exists: boolean };
  counts?: Record<'units' | 'indicators' | 'targets', Record<EntityFate, number>>;
  rows: Array<{
    kind: 'unit' | 'plan' | 'indicator' | 'target';
    key: string;
    label: string;
    fate: EntityFate;
    reason?: string;
  }>;
  notes: Array<{ topic: string; title: string; count: number }>;
  notCarried: Array<{ what: string; count: number }>;
}

export interface WorkbookImportResult {
  planCode: string;
  title: string;
  appended: boolean;
  units: { created: number; unchanged: number; refused: number };
  indicators: { created: number; unchanged: number; refused: number };
  targets: { created: number; unchanged: number; refused: number };
  refusals: Array<{ kind: string; key: string; label: string; reason: string }>;
}

function authHeaders(): Record<string, string> {
  const session = loadSession();
  return session ? { authorization: `Bearer ${session.accessToken}` } : {};
}

async function failed(response: Response): Promise<never> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the text is the detail
  }
  throw new ApiError(response.status, problemFrom(response.status, body), response.headers);
}

/** Uploads a plan workbook: a dry-run preview, or (dryRun false) the import. */
export async function uploadPlanWorkbook<T extends WorkbookPreview | WorkbookImportResult>(
  file: File,
  dryRun: boolean,
): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/plans/workbook?dryRun=${dryRun}`, {
      method: 'POST',
      headers: { accept: 'application/json, application/problem+json', ...authHeaders() },
      body: form,
    });
  } catch {
    throw new ApiError(0, { status: 0, title: 'network' });
  }
  if (!response.ok) return failed(response);
  return (await response.json()) as T;
}

/** Downloads a plan's workbook and hands it to the browser as a file. */
export async function downloadPlanWorkbook(planCode: string, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/plans/${encodeURIComponent(planCode)}/workbook`, { headers: authHeaders() });
  } catch {
    throw new ApiError(0, { status: 0, title: 'network' });
  }
  if (!response.ok) return failed(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
