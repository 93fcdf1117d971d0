import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { request } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { useAsOf } from '../shell/use-as-of';
import type { BulletinView } from './types';

type WithdrawBody = components['schemas']['WithdrawBulletinDto'];

/** 撤回: an issued bulletin is never edited, only withdrawn with a reason. */
export function WithdrawForm({ id }: { id: string }) {
  const { m, t } = useI18n();
  const b = m.bulletins;
  const [form] = Form.useForm<{ reason: string }>();
  const { error, busy, run } = useProblemForm(form, ['reason']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { historical } = useAsOf();
  const submit = async (values: { reason: string }) => {
    const body: WithdrawBody = { reason: values.reason.trim() };
    const answered = await run(() =>
      request<BulletinView>(`/api/bulletins/${encodeURIComponent(id)}/withdrawal`, { method: 'POST', body }),
    );
    if (!answered) return;
    queryClient.setQueryData(['bulletin', id], {
      view: answered.data,
      etag: answered.headers.get('etag') ?? `"${answered.data.revision}"`,
    });
    await queryClient.invalidateQueries({ queryKey: ['bulletins'] });
    void message.success(b.withdrawnOk);
  };
  return (
    <Card size="small" title={<h2 className="card-title">{b.withdrawTitle}</h2>}>
      {error && <Alert type="error" showIcon role="alert" className="form-alert" message={error} />}
      <Form form={form} layout="inline" onFinish={submit}>
        <Form.Item
          name="reason"
          label={b.withdrawReason}
          rules={[{ required: true, whitespace: true, message: t(m.required, { field: b.withdrawReason }) }]}
        >
          <Input maxLength={1000} className="withdraw-reason" />
        </Form.Item>
        <Form.Item>
          <Button danger htmlType="submit" loading={busy} disabled={historical}>
            {b.withdraw}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
