import { useQuery } from '@tanstack/react-query';
import { get, request } from '../api/client';
import type { BulletinListItem, BulletinView } from './types';

export function useBulletins(planCode: string | undefined) {
  return useQuery({
    queryKey: ['bulletins', planCode ?? null],
    queryFn: ({ signal }) => get<BulletinListItem[]>('/api/bulletins', { planCode }, signal),
    enabled: !!planCode,
  });
}

/** A bulletin with its ETag (the revision an edit is based on). */
export function useBulletin(id: string | undefined) {
  return useQuery({
    queryKey: ['bulletin', id],
    queryFn: async ({ signal }) => {
      const answer = await request<BulletinView>(`/api/bulletins/${encodeURIComponent(id ?? '')}`, { signal });
      return { view: answer.data, etag: answer.headers.get('etag') ?? `"${answer.data.revision}"` };
    },
    enabled: !!id,
  });
}
