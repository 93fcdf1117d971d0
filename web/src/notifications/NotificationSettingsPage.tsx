import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Skeleton, Typography } from 'antd';
import { request } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useNotificationSettings } from './queries';
import { NOTIFICATION_KINDS } from './views';

interface SettingsForm {
  email?: string;
  emailOptOut: string[];
}

/** 通知设置: the user's own email address and the kinds they do not want by email (in-app always stays). */
export default function NotificationSettingsPage() {
  const { m } = useI18n();
  const n = m.notifications;
  const settings = useNotificationSettings();
  const [form] = Form.useForm<SettingsForm>();
  const { error, busy, run } = useProblemForm(form, ['email', 'emailOptOut']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const submit = async (values: SettingsForm) => {
    const email = values.email?.trim() ? values.email.trim() : null;
    const ok = await run(() =>
      request('/api/users/me', {
        method: 'PATCH',
        body: { email, notificationPrefs: { emailOptOut: values.emailOptOut ?? [] } },
      }),
    );
    if (ok === undefined) return;
    void message.success(n.settingsSaved);
    await queryClient.invalidateQueries({ queryKey: ['notification-settings'] });
  };
  if (settings.error) return <ProblemAlert error={settings.error} />;
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {n.settingsTitle}
      </Typography.Title>
      <Card size="small" className="settings-card">
        {!settings.data ? (
          <Skeleton active />
        ) : (
          <Form<SettingsForm>
            form={form}
            layout="vertical"
            onFinish={submit}
            // An error the API named goes once the field is changed.
            onValuesChange={(changed: object) =>
              form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof SettingsForm, errors: [] })))
            }
            disabled={busy}
            aria-label={n.settingsTitle}
            initialValues={{
              email: settings.data.email ?? '',
              emailOptOut: settings.data.notificationPrefs.emailOptOut,
            }}
          >
            <Form.Item label={n.email} name="email" extra={<span className="field-hint">{n.emailHint}</span>}>
              {/* Not type="email": the browser would refuse the submit itself, and the API's answer names the rule. */}
              <Input autoComplete="email" inputMode="email" />
            </Form.Item>
            <Form.Item
              label={n.emailOptOut}
              name="emailOptOut"
              extra={<span className="field-hint">{n.emailOptOutHint}</span>}
            >
              <Checkbox.Group
                className="checkbox-column"
                options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: n.kind[k] ?? k }))}
              />
            </Form.Item>
            {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
            <Button type="primary" htmlType="submit" loading={busy}>
              {m.save}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
