import { Alert, Button, Form, Input } from 'antd';
import { useI18n } from '../i18n/i18n';

/** The fields of a 催办 (message, reply deadline), its error and its submit button: the same wherever the office urges. */
export function UrgingFields({ error, busy }: { error: string | undefined; busy: boolean }) {
  const { m, t } = useI18n();
  const n = m.notifications;
  return (
    <>
      <Form.Item
        label={n.urgeMessage}
        name="message"
        rules={[{ required: true, message: t(m.required, { field: n.urgeMessage }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
      <Form.Item label={n.replyBy} name="replyBy" extra={<span className="field-hint">{n.replyByHint}</span>}>
        <Input type="datetime-local" />
      </Form.Item>
      {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {m.submit}
      </Button>
    </>
  );
}
