import { App, Button, Space, Typography } from 'antd';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useLockout, useUnlock } from './queries';

/** 登录锁定 of one user (asked only for the rows on screen) and 解除锁定 when locked. */
export function LockoutCell({ id, name }: { id: string; name: string }) {
  const { m, t } = useI18n();
  const u = m.users;
  const lockout = useLockout(id);
  const unlock = useUnlock(id);
  const { message } = App.useApp();
  if (lockout.error) return <ProblemAlert error={lockout.error} />;
  if (!lockout.data) return <Typography.Text>…</Typography.Text>;
  const { locked, lockedUntil, failures } = lockout.data;
  if (!locked) return <Typography.Text>{failures ? t(u.failures, { failures }) : u.notLocked}</Typography.Text>;
  return (
    <Space direction="vertical" size={2}>
      <Typography.Text type="danger">{t(u.locked, { time: formatTime(lockedUntil), failures })}</Typography.Text>
      <Button
        size="small"
        loading={unlock.isPending}
        aria-label={`${u.unlock} ${name}`}
        onClick={() => unlock.mutate(undefined, { onSuccess: () => void message.success(t(u.unlocked, { name })) })}
      >
        {u.unlock}
      </Button>
    </Space>
  );
}
