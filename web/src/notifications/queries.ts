import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type {
  ChannelView,
  DeliveryView,
  InboxPage,
  NotificationSettingsView,
  UrgingView,
  WarningToldView,
} from './views';

/** How often the bell asks for the unread count (the inbox refreshes on the same beat). */
export const UNREAD_POLL_MS = 30_000;

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: ({ signal }) => get<{ count: number }>('/api/notifications/unread-count', undefined, signal),
    refetchInterval: UNREAD_POLL_MS,
    enabled,
  });
}

export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: ['notifications', 'inbox', unreadOnly],
    queryFn: ({ signal, pageParam }) =>
      get<InboxPage>(
        '/api/notifications',
        { unread: unreadOnly ? 'true' : undefined, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function useChannels() {
  return useQuery({
    queryKey: ['notification-channels'],
    queryFn: ({ signal }) => get<{ items: ChannelView[] }>('/api/notification-channels', undefined, signal),
  });
}

export function useDeliveries(filter: { channelId?: string; state?: string }) {
  return useQuery({
    queryKey: ['notification-deliveries', filter.channelId ?? null, filter.state ?? null],
    queryFn: ({ signal }) => get<{ items: DeliveryView[] }>('/api/notification-deliveries', filter, signal),
    placeholderData: (previous) => previous,
  });
}

export function useWarningTold(warningId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['warning-told', warningId],
    queryFn: ({ signal }) =>
      get<WarningToldView>(`/api/warnings/${encodeURIComponent(warningId)}/notifications`, undefined, signal),
    enabled,
  });
}

export function useUrgings(warningId: string, enabled = true) {
  return useQuery({
    queryKey: ['warning-urgings', warningId],
    queryFn: ({ signal }) =>
      get<{ items: UrgingView[] }>(`/api/warnings/${encodeURIComponent(warningId)}/urgings`, undefined, signal),
    enabled,
  });
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: ['notification-settings'],
    queryFn: ({ signal }) => get<NotificationSettingsView>('/api/users/me/notification-settings', undefined, signal),
  });
}
