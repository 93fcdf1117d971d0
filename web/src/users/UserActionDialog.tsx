import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { request } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import type { UserView } from './queries';

export type UserAction = 'disable' | 'enable' | 'password';

interface Values {
  reason?: string;
  newPassword?: string;
}

/** 停用 / 启用 (with a reason for the audit trail) or 重置密码 (the user's earlier logins stop working). */
export function UserActionDialog({
  user,
  action,
  onClose,
}: {
  user: UserView;
  action: UserAction;
  onClose: () => void;
}) {
  const { m, t } = useI18n();
  const u = m.users;
  const [form] = Form.useForm<Values>();
  const { error, busy, run } = useProblemForm(form, ['reason', 'newPassword']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const name = user.displayName || user.username;
  const path = `/api/users/${encodeURIComponent(user.id)}`;
  const title = t(action === 'password' ? u.resetTitle : action === 'disable' ? u.disableTitle : u.enableTitle, {
    name,
  });
  const submit = async (values: Values) => {
    const reason = values.reason?.trim();
    const ok = await run(async () => {
      if (action === 'password')
        await request(`${path}/password`, { method: 'POST', body: { newPassword: values.newPassword ?? '' } });
      else await request(`${path}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
      return true;
    });
    if (!ok) return;
    void message.success(
      t(action === 'password' ? u.passwordReset : action === 'disable' ? u.disabledDone : u.enabledDone, { name }),
    );
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    onClose();
  };
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy} aria-label={title}>
        {action === 'password' ? (
          <Form.Item
            label={u.newPassword}
            name="newPassword"
            extra={<span className="field-hint">{u.passwordHint}</span>}
            rules={[{ required: true, message: t(m.required, { field: u.newPassword }) }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : (
          <Form.Item label={u.reason} name="reason">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        )}
        {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={busy} danger={action === 'disable'}>
          {action === 'password' ? u.resetPassword : action === 'disable' ? u.disable : u.enable}
        </Button>
      </Form>
    </Modal>
  );
}
