import { Space } from 'antd';
import type { WarningView } from '../api/views';
import { useSession } from '../shell/session';
import { UrgeButton } from './UrgeButton';
import { WarningTold } from './WarningTold';

/** What notifications add to a warning in a list: 催办 for the office (open warnings) and the 通知记录 evidence. */
export function WarningActions({
  warning,
  what,
  disabled,
  defaultOpen,
}: {
  warning: Pick<WarningView, 'id' | 'targetId' | 'level' | 'state'>;
  what: string;
  disabled?: boolean;
  defaultOpen?: boolean;
}) {
  const { hasRole } = useSession();
  const open = warning.state !== 'cleared';
  const sees = hasRole('office', 'leader', 'auditor');
  if (!sees) return null;
  return (
    <Space direction="vertical" size={4} className="warning-actions">
      {hasRole('office') && open && <UrgeButton warningId={warning.id} what={what} disabled={disabled} />}
      <WarningTold warningId={warning.id} defaultOpen={defaultOpen} />
    </Space>
  );
}
