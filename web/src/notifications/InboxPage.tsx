import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, List, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { useInbox } from './queries';
import { UrgingReplyDialog } from './UrgingReplyDialog';
import { NotificationItem } from './views';

/** Where a notification leads in the workbench: its warning on the warnings page, or what its link names. */
function linkOf(item: NotificationItem, unitOnly: boolean): string | undefined {
  if (item.warningId) return `/warnings?warning=${encodeURIComponent(item.warningId)}`;
  if (item.kind === 'report_reminder' || item.kind === 'report_overdue') return unitOnly ? '/report' : item.link;
  return item.link && item.link !== '/inbox' ? item.link : undefined;
}

/** 通知: the caller's own notifications, newest first; mark read one by one or all at once. */
export default function InboxPage() {
  const { m, t } = useI18n();
  const n = m.notifications;
  const { user, hasRole } = useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [replying, setReplying] = useState<string>();
  const inbox = useInbox(unreadOnly);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const unitOnly = !!user && user.roles.every((r) => r === 'unit');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = async (id: string) => {
    await request(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
    await refresh();
  };
  const markAll = async () => {
    const { data } = await request<{ marked: number }>('/api/notifications/read-all', { method: 'POST' });
    void message.success(t(n.markedAll, { count: data.marked }));
    await refresh();
  };
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {n.inboxTitle}
      </Typography.Title>
      <Space wrap className="section-gap inbox-toolbar">
        <Segmented
          aria-label={n.filter}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setUnreadOnly(v === 'unread')}
          options={[
            { value: 'all', label: n.all },
            { value: 'unread', label: n.unread },
          ]}
        />
        <Button onClick={() => void markAll()} disabled={!items.some((i) => !i.readAt)}>
          {n.markAllRead}
        </Button>
        <Link to="/notification-settings">{n.settingsLink}</Link>
      </Space>
      {inbox.error ? (
        <ProblemAlert error={inbox.error} />
      ) : inbox.isPending ? (
        <Skeleton active />
      ) : !items.length ? (
        <Empty description={unreadOnly ? n.emptyUnread : n.empty} />
      ) : (
        <List
          className="inbox-list"
          aria-label={n.inboxTitle}
          dataSource={items}
          renderItem={(item) => {
            const to = linkOf(item, unitOnly);
            return (
              <List.Item
                className={item.readAt ? 'inbox-item' : 'inbox-item inbox-item-unread'}
                aria-label={item.title}
              >
                <div className="inbox-entry">
                  <Space wrap size={4}>
                    <Tag>{n.kind[item.kind] ?? item.kind}</Tag>
                    {!item.readAt && <Tag color="blue">{n.isUnread}</Tag>}
                    <span className="inbox-title">{item.title}</span>
                  </Space>
                  <Typography.Paragraph className="inbox-body">{item.body}</Typography.Paragraph>
                  <Typography.Text type="secondary" className="inbox-time">
                    {formatTime(item.createdAt)}
                    {item.readAt ? ` · ${t(n.readAt, { time: formatTime(item.readAt) })}` : ''}
                  </Typography.Text>
                  <Space wrap size="small" className="inbox-actions">
                    {to && (
                      <Link
                        to={to}
                        onClick={() => !item.readAt && void markRead(item.id)}
                        aria-label={`${n.open} ${item.title}`}
                      >
                        {n.open}
                      </Link>
                    )}
                    {item.kind === 'urging' && item.warningId && hasRole('unit') && (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setReplying(item.warningId)}
                        aria-label={`${n.reply} ${item.title}`}
                      >
                        {n.reply}
                      </Button>
                    )}
                    {!item.readAt && (
                      <Button
                        size="small"
                        onClick={() => void markRead(item.id)}
                        aria-label={`${n.markRead} ${item.title}`}
                      >
                        {n.markRead}
                      </Button>
                    )}
                  </Space>
                </div>
              </List.Item>
            );
          }}
        />
      )}
      {inbox.hasNextPage && (
        <Button className="section-gap" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
          {n.loadMore}
        </Button>
      )}
      {replying && <UrgingReplyDialog warningId={replying} onClose={() => setReplying(undefined)} />}
    </div>
  );
}
