/** The audit trail's entries (`GET /api/audit`) and what a page reads from them. */
export interface AuditActor {
  id?: string;
  username?: string;
  displayName?: string;
}

export interface AuditEntry {
  position: string;
  eventId: string;
  streamId: string;
  revision: string;
  type: string;
  recordedAt: string;
  actor?: AuditActor;
  reason?: string;
  documentRef?: string;
  data: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBefore?: string;
}

export interface AuditFilters {
  actor?: string;
  type?: string;
  unitCode?: string;
  /** yyyy-mm-dd, Asia/Shanghai */
  from?: string;
  to?: string;
}

export const AUDIT_FILTER_KEYS = ['actor', 'type', 'unitCode', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const day = (key: string) => {
    const value = text(key);
    return value && DAY.test(value) ? value : undefined;
  };
  return { actor: text('actor'), type: text('type'), unitCode: text('unitCode'), from: day('from'), to: day('to') };
}

/**
 * The API's own filters: a day range becomes the instants of its first and last moment in Asia/Shanghai;
 * an as-of time (an ISO time, not a log position) ends the range when it is earlier.
 */
export function auditApiQuery(
  filters: AuditFilters,
  asOf?: string,
): { actor?: string; type?: string; unitCode?: string; from?: string; to?: string } {
  const dayEnd = filters.to ? `${filters.to}T23:59:59.999+08:00` : undefined;
  const asOfTime = asOf && !/^\d+$/.test(asOf) ? new Date(asOf).toISOString() : undefined;
  const to = dayEnd && asOfTime ? (new Date(dayEnd) < new Date(asOfTime) ? dayEnd : asOfTime) : (dayEnd ?? asOfTime);
  return {
    actor: filters.actor,
    type: filters.type,
    unitCode: filters.unitCode,
    from: filters.from ? `${filters.from}T00:00:00+08:00` : undefined,
    to,
  };
}

const TARGET_ID = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** The target an entry is about: its own stream (`target-<id>`) or its warnings' (`warnings-<id>`). */
export function targetOf(entry: Pick<AuditEntry, 'streamId'>): string | undefined {
  const match = /^(?:target|warnings)-(.+)$/.exec(entry.streamId);
  return match && TARGET_ID.test(match[1]) ? match[1] : undefined;
}

/** The unit an entry concerns: the target's unit (the id's last code), else a `unitCode` in the event (the API's `unitCode` filter reads the same rule). */
export function unitOf(entry: Pick<AuditEntry, 'streamId' | 'data'>): string | undefined {
  const target = targetOf(entry);
  if (target) return TARGET_ID.exec(target)?.[3];
  const data = entry.data as { unitCode?: unknown; code?: unknown } | null;
  if (data && typeof data.unitCode === 'string') return data.unitCode;
  if (entry.streamId.startsWith('unit-') && data && typeof data.code === 'string') return data.code;
  return undefined;
}

/** An event's own fields as "field: value" lines, for entries that are not a target's (whose before → after comes from its history). */
export function dataLines(data: unknown): string[] {
  if (!data || typeof data !== 'object') return [];
  const lines: string[] = [];
  const visit = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(prefix ? `${prefix}.${key}` : key, inner);
    } else if (value !== undefined) {
      lines.push(`${prefix}: ${Array.isArray(value) ? JSON.stringify(value) : String(value)}`);
    }
  };
  visit('', data);
  return lines;
}
