import { Alert, Button, Form, Input } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n';
import type { ReplyByPickerProps } from './ReplyByPicker';

const ReplyByPicker = lazy(() => import('./ReplyByPicker'));

/** The reply deadline's picker, and a still field of its size while the picker loads; takes what Form.Item gives. */
function ReplyByField(props: ReplyByPickerProps) {
  return (
    <Suspense fallback={<Input id={props.id} disabled className="reply-by-picker" />}>
      <ReplyByPicker {...props} />
    </Suspense>
  );
}

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
        <ReplyByField />
      </Form.Item>
      {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {m.submit}
      </Button>
    </>
  );
}
