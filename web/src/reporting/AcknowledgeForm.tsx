import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input } from 'antd';
import { request } from '../api/client';
import type { components } from '../api/schema';
import type { WarningView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from './useProblemForm';

type Body = components['schemas']['AcknowledgeWarningDto'];

/** 情况说明 / 整改措施: the responsible unit's acknowledgement of a warning. */
export function AcknowledgeForm({ warning, disabled }: { warning: WarningView; disabled?: boolean }) {
  const { m, t } = useI18n();
  const [form] = Form.useForm<Body>();
  const { error, busy, run } = useProblemForm(form, ['explanation', 'measures']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const submit = async (body: Body) => {
    const ok = await run(() =>
      request(`/api/warnings/${encodeURIComponent(warning.id)}/acknowledgements`, { method: 'POST', body }),
    );
    if (ok === undefined) return;
    void message.success(m.acknowledged);
    await queryClient.invalidateQueries();
  };
  return (
    <Form<Body>
      form={form}
      layout="vertical"
      className="report-form"
      onFinish={submit}
      disabled={busy || disabled}
      aria-label={`${m.acknowledge} ${warning.id}`}
    >
      <Form.Item
        label={m.explanation}
        name="explanation"
        rules={[{ required: true, message: t(m.required, { field: m.explanation }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item
        label={m.measures}
        name="measures"
        rules={[{ required: true, message: t(m.required, { field: m.measures }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {m.submitAcknowledgement}
      </Button>
    </Form>
  );
}
