import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Skeleton, Typography } from 'antd';
import { request } from '../api/client';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { useUrgings } from './queries';

/** 回复催办: the unit answers the latest urging of a warning that awaits its reply. */
export function UrgingReplyDialog({ warningId, onClose }: { warningId: string; onClose: () => void }) {
  const { m, t } = useI18n();
  const n = m.notifications;
  const urgings = useUrgings(warningId);
  const [form] = Form.useForm<{ message: string }>();
  const { error, busy, run } = useProblemForm(form, ['message']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const open = [...(urgings.data?.items ?? [])].reverse().find((u) => !u.repliedAt);
  const submit = async ({ message: text }: { message: string }) => {
    if (!open) return;
    const ok = await run(() =>
      request(`/api/warnings/${encodeURIComponent(warningId)}/urgings/${encodeURIComponent(open.id)}/replies`, {
        method: 'POST',
        body: { message: text },
      }),
    );
    if (ok === undefined) return;
    void message.success(n.replied);
    await queryClient.invalidateQueries({ queryKey: ['warning-urgings', warningId] });
    onClose();
  };
  return (
    <Modal open title={n.replyTitle} onCancel={onClose} footer={null} destroyOnHidden>
      {urgings.isPending ? (
        <Skeleton active />
      ) : !open ? (
        <Typography.Paragraph>{n.noOpenUrging}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph>
            <strong>{t(n.urgedBy, { by: open.urgedBy, time: formatTime(open.urgedAt) })}：</strong>
            {open.message}
          </Typography.Paragraph>
          {open.replyBy && (
            <Typography.Paragraph>{t(n.replyByAt, { time: formatTime(open.replyBy) })}</Typography.Paragraph>
          )}
          <Form form={form} layout="vertical" onFinish={submit} disabled={busy} aria-label={n.replyTitle}>
            <Form.Item
              label={n.replyMessage}
              name="message"
              rules={[{ required: true, message: t(m.required, { field: n.replyMessage }) }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
            </Form.Item>
            {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
            <Button type="primary" htmlType="submit" loading={busy} block>
              {m.submit}
            </Button>
          </Form>
        </>
      )}
    </Modal>
  );
}
