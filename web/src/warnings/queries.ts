import { useQuery } from '@tanstack/react-query';
import { get, request } from '../api/client';
import { codesOfWarning } from './warning-filters';
import type { WarningItem, WarningPage } from './warning-types';

export interface WarningListQuery {
  planCode?: string;
  unitCode?: string;
  level?: string;
  state: string;
  category?: string;
  period?: string;
  limit: number;
  cursor?: string;
  asOf?: string;
}

/** One page of `GET /api/warnings` (newest first); the next page's cursor comes in `X-Next-Cursor`. */
export function useWarningPage(query: WarningListQuery) {
  return useQuery({
    queryKey: ['warnings', query],
    queryFn: async ({ signal }): Promise<WarningPage> => {
      const { data, headers } = await request<WarningItem[]>('/api/warnings', {
        query: { ...query },
        ...(signal ? { signal } : {}),
      });
      const nextCursor = headers.get('x-next-cursor') ?? undefined;
      return { items: data, ...(nextCursor ? { nextCursor } : {}) };
    },
    enabled: !!query.planCode,
    placeholderData: (previous) => previous,
  });
}

/**
 * One warning by id. The API has no single-warning route, so this asks for every warning of its plan
 * and unit (the id names both) and picks it; the acknowledgement's refresh keeps it current.
 */
export function useWarning(id: string | undefined, asOf: string | undefined) {
  const codes = id ? codesOfWarning(id) : undefined;
  return useQuery({
    queryKey: ['warnings', 'one', id, asOf ?? null],
    queryFn: async ({ signal }) => {
      const items = await get<WarningItem[]>('/api/warnings', { ...codes, state: 'all', limit: 500, asOf }, signal);
      return items.find((w) => w.id === id) ?? null;
    },
    enabled: !!codes,
  });
}

export interface IndicatorItem {
  code: string;
  name: string;
  category: string;
}

/** The plan's indicators: a warning's category is its indicator's. */
export function useIndicators(planCode: string | undefined) {
  return useQuery({
    queryKey: ['indicators', planCode],
    queryFn: ({ signal }) =>
      get<IndicatorItem[]>(`/api/plans/${encodeURIComponent(planCode ?? '')}/indicators`, undefined, signal),
    enabled: !!planCode,
    staleTime: 300_000,
  });
}
