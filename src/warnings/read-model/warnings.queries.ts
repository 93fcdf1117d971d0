import { Injectable } from '@nestjs/common';
import { WarningDocument } from './warnings.projection';
import { WarningsRepository } from './warnings.repository';

export interface WarningFilter {
  planCode?: string;
  unitCode?: string;
  level?: string;
  /** A state, `open` (raised, escalated or acknowledged: not cleared) or `all`; every state when absent. */
  state?: string;
  targetId?: string;
  /** Report period YYYY-MM. */
  period?: string;
  /** Only warnings of these indicators (`<plan>/<indicator>`, see indicatorKey): a category's. */
  indicators?: ReadonlySet<string>;
}

export const indicatorKey = (planCode: string, indicatorCode: string) => `${planCode}/${indicatorCode}`;

export const OPEN_STATES: readonly string[] = ['raised', 'escalated', 'acknowledged'];

function stateMatches(state: string, wanted: string | undefined): boolean {
  if (!wanted || wanted === 'all') return true;
  if (wanted === 'open') return OPEN_STATES.includes(state);
  return state === wanted;
}

export type WarningView = Omit<WarningDocument, 'position'>;

/** Warnings as the API shows them, newest first. Shared by the live and the "as of" paths. */
export function filterWarnings(docs: WarningDocument[], filter: WarningFilter): WarningView[] {
  return docs
    .filter(
      (d) =>
        (!filter.planCode || d.planCode === filter.planCode) && (!filter.unitCode || d.unitCode === filter.unitCode),
    )
    .filter((d) => (!filter.level || d.level === filter.level) && stateMatches(d.state, filter.state))
    .filter((d) => !filter.targetId || d.targetId === filter.targetId)
    .filter((d) => !filter.period || d.period === filter.period)
    .filter((d) => !filter.indicators || filter.indicators.has(indicatorKey(d.planCode, d.indicatorCode)))
    .sort((a, b) => (a.raisedAt === b.raisedAt ? b.id.localeCompare(a.id) : b.raisedAt.localeCompare(a.raisedAt)))
    .map(({ position: _p, ...view }) => view);
}

/** A page of the list (newest first) after `cursor`, and the cursor of the next page when there is one. */
export function pageOf(
  views: WarningView[],
  limit: number,
  cursor?: string,
): { items: WarningView[]; nextCursor?: string } {
  let start = 0;
  if (cursor) {
    const [raisedAt, id] = decodeCursor(cursor);
    // Keyset: the first warning after (raisedAt, id) in the list's order (raisedAt desc, id desc).
    start = views.findIndex((v) => v.raisedAt < raisedAt || (v.raisedAt === raisedAt && v.id.localeCompare(id) < 0));
    if (start < 0) start = views.length;
  }
  const items = views.slice(start, start + limit);
  const last = items[items.length - 1];
  return {
    items,
    ...(start + limit < views.length && last ? { nextCursor: encodeCursor(last.raisedAt, last.id) } : {}),
  };
}

export const encodeCursor = (raisedAt: string, id: string) =>
  Buffer.from(JSON.stringify([raisedAt, id])).toString('base64url');

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'string'))
      return value as [string, string];
  } catch {
    // falls through to the refusal
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super('invalid cursor');
  }
}

@Injectable()
export class WarningQueries {
  constructor(private readonly repository: WarningsRepository) {}

  async list(filter: WarningFilter): Promise<WarningView[]> {
    return filterWarnings(await this.repository.documents(filter), filter);
  }

  async get(id: string): Promise<WarningView | undefined> {
    const doc = await this.repository.find(id);
    return doc ? filterWarnings([doc], {})[0] : undefined;
  }
}
