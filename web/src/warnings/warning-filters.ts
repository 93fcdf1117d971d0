/** The list's filters, all carried in the URL so a filtered view can be linked. */
export interface WarningFilters {
  level?: string;
  /** `open` (the API's default), `all` or one state. */
  state: string;
  unitCode?: string;
  category?: string;
  period?: string;
}

export const LEVELS = ['yellow', 'red'] as const;
export const STATES = ['raised', 'escalated', 'acknowledged', 'cleared'] as const;
export const FILTER_KEYS = ['level', 'state', 'unitCode', 'category', 'period'] as const;

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export function readWarningFilters(params: URLSearchParams): WarningFilters {
  const pick = (key: string, allowed?: readonly string[]) => {
    const value = params.get(key) ?? undefined;
    return value && (!allowed || allowed.includes(value)) ? value : undefined;
  };
  const period = pick('period');
  return {
    level: pick('level', LEVELS),
    state: pick('state', ['open', 'all', ...STATES]) ?? 'open',
    unitCode: pick('unitCode'),
    category: pick('category'),
    period: period && PERIOD.test(period) ? period : undefined,
  };
}

/** The API's query for these filters: it filters every one of them and pages over the result. */
export function apiQuery(filters: WarningFilters): Omit<WarningFilters, 'state'> & { state: string } {
  return {
    level: filters.level,
    state: filters.state,
    unitCode: filters.unitCode,
    category: filters.category,
    period: filters.period,
  };
}

/** The twelve months of the plan year, for the period filter. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** `<plan>.<indicator>.<unit>.w<n>` → the plan and unit the warning belongs to (ids are built from the codes). */
export function codesOfWarning(id: string): { planCode: string; unitCode: string } | undefined {
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.w\d+$/.exec(id);
  return match ? { planCode: match[1], unitCode: match[3] } : undefined;
}

/** Which of the empty-state texts applies: nothing open at all, nothing for these filters, or nothing then. */
export function emptyReason(filters: WarningFilters, historical: boolean): 'historical' | 'open' | 'filtered' {
  const narrowed =
    !!(filters.level || filters.unitCode || filters.category || filters.period) || filters.state !== 'open';
  if (historical && !narrowed) return 'historical';
  return narrowed ? 'filtered' : 'open';
}
