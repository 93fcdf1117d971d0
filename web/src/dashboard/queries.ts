import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { CompletionRow, DashboardView, HeatMapView, ReportingStatusView } from '../api/views';

/** GET /api/dashboard for the plan, as of the page's moment. */
export function useDashboard(planCode: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', planCode, asOf ?? null],
    queryFn: ({ signal }) => get<DashboardView>('/api/dashboard', { planCode, asOf }, signal),
    enabled: !!planCode,
    placeholderData: (previous) => previous,
  });
}

/** GET /api/dashboard/heat-map: the units × categories cells, counted by the server (not every target's row). */
export function useHeatMap(planCode: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ['heat-map', planCode, asOf ?? null],
    queryFn: ({ signal }) => get<HeatMapView>('/api/dashboard/heat-map', { planCode, asOf }, signal),
    enabled: !!planCode,
    placeholderData: (previous) => previous,
  });
}

/** GET /api/reporting-status: units × months of the plan year (a unit reporter gets only their unit). */
export function useReportingStatus(planCode: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ['reporting-status', planCode, asOf ?? null],
    queryFn: ({ signal }) => get<ReportingStatusView>('/api/reporting-status', { planCode, asOf }, signal),
    enabled: !!planCode,
    placeholderData: (previous) => previous,
  });
}

/** GET /api/completion: one row per active target with the server's status (target lists). */
export function useCompletion(filter: { planCode?: string; unitCode?: string; asOf?: string }) {
  return useQuery({
    queryKey: ['completion', filter.planCode, filter.unitCode ?? null, filter.asOf ?? null],
    queryFn: ({ signal }) => get<CompletionRow[]>('/api/completion', filter, signal),
    enabled: !!filter.planCode,
    placeholderData: (previous) => previous,
  });
}
