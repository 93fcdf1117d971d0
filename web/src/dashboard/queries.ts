import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { CompletionRow, DashboardView } from '../api/views';

/** GET /api/dashboard for the plan, as of the page's moment. */
export function useDashboard(planCode: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', planCode, asOf ?? null],
    queryFn: ({ signal }) => get<DashboardView>('/api/dashboard', { planCode, asOf }, signal),
    enabled: !!planCode,
    placeholderData: (previous) => previous,
  });
}

/** GET /api/completion: one row per active target with the server's status (heat map, target lists). */
export function useCompletion(filter: { planCode?: string; unitCode?: string; asOf?: string }) {
  return useQuery({
    queryKey: ['completion', filter.planCode, filter.unitCode ?? null, filter.asOf ?? null],
    queryFn: ({ signal }) => get<CompletionRow[]>('/api/completion', filter, signal),
    enabled: !!filter.planCode,
    placeholderData: (previous) => previous,
  });
}
