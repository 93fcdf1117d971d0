import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../shell/session';
import { useUnreadCount } from './queries';

/** The bell in the top bar: the unread count, and the way to the inbox. */
export function NotificationBell() {
  const { m, t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const unread = useUnreadCount(!!user);
  const count = unread.data?.count ?? 0;
  return (
    <Badge count={count} size="small" overflowCount={99}>
      <Button
        size="small"
        icon={<BellIcon />}
        aria-label={count ? t(m.notifications.bellUnread, { count }) : m.notifications.bell}
        onClick={() => navigate('/inbox')}
      />
    </Badge>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}
