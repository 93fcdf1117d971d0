import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { HistoryEntryView, TargetView, WarningView } from '../api/views';

/** The target now, or as it stood at `asOf` (GET /api/targets/:id/as-of, folded by the server). */
export function useTarget(id: string | undefined, asOf?: string) {
  return useQuery({
    queryKey: asOf ? ['target', id, asOf] : ['target', id],
    queryFn: ({ signal }) =>
      asOf
        ? get<TargetView>(`/api/targets/${encodeURIComponent(id ?? '')}/as-of`, { asOf }, signal)
        : get<TargetView>(`/api/targets/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

export function useTargetHistory(id: string | undefined) {
  return useQuery({
    queryKey: ['target-history', id],
    queryFn: ({ signal }) =>
      get<HistoryEntryView[]>(`/api/targets/${encodeURIComponent(id ?? '')}/history`, undefined, signal),
    enabled: !!id,
  });
}

/** The caller's targets (a unit reporter's read scope is its own unit, enforced by the API). */
export function useTargets(filter: { planCode?: string; unitCode?: string }) {
  return useQuery({
    queryKey: ['targets', filter.planCode ?? null, filter.unitCode ?? null],
    queryFn: ({ signal }) => get<TargetView[]>('/api/targets', filter, signal),
  });
}

export function useWarnings(filter: {
  planCode?: string;
  unitCode?: string;
  level?: string;
  state?: string;
  asOf?: string;
}) {
  return useQuery({
    queryKey: [
      'warnings',
      filter.planCode ?? null,
      filter.unitCode ?? null,
      filter.level ?? null,
      filter.state ?? null,
      filter.asOf ?? null,
    ],
    queryFn: ({ signal }) => get<WarningView[]>('/api/warnings', filter, signal),
    placeholderData: (previous) => previous,
  });
}
