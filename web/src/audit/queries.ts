import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { HistoryEntryView } from '../api/views';
import type { AuditPage } from './audit-entries';

export interface AuditListQuery {
  actor?: string;
  type?: string;
  unitCode?: string;
  from?: string;
  to?: string;
  before?: string;
  limit: number;
}

/** One page of `GET /api/audit`, newest first; `nextBefore` is the next page's cursor. */
export function useAuditPage(query: AuditListQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => get<AuditPage>('/api/audit', { ...query }, signal),
    placeholderData: (previous) => previous,
  });
}

/** A target's history (履历) with each event's field changes before → after, computed by the server. */
export function useTargetHistory(targetId: string | undefined) {
  return useQuery({
    queryKey: ['target-history', targetId],
    queryFn: ({ signal }) =>
      get<HistoryEntryView[]>(`/api/targets/${encodeURIComponent(targetId ?? '')}/history`, undefined, signal),
    enabled: !!targetId,
    staleTime: 30_000,
  });
}
