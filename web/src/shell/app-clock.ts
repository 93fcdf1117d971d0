import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { get } from '../api/client';
import { formatTime } from '../format/format';

/**
 * The application clock's time (GET /api/clock) as Asia/Shanghai wall time, for a date picker to open on:
 * a demo or training copy runs on a clock of its own (the demo's is in 2021), not the browser's. Undefined
 * until known; a picker then opens on the browser's month as before.
 */
export function useAppNow(): Dayjs | undefined {
  const { data } = useQuery({
    queryKey: ['clock'],
    queryFn: ({ signal }) => get<{ now: string }>('/api/clock', undefined, signal),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => (data ? dayjs(formatTime(data.now), 'YYYY-MM-DD HH:mm') : undefined), [data]);
}
