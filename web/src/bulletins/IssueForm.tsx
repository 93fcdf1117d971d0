import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { request } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { useAsOf } from '../shell/use-as-of';
import type { BulletinView } from './types';

type IssueBody = components['schemas']['IssueBulletinDto'];

/** 印发: draft → issued with the 文号 and the issuing office (default the plan's issuer). */
export function IssueForm({ id }: { id: string }) {
  const { m, t } = useI18n();
  const b = m.bulletins;
  const [form] = Form.useForm<{ documentNo: string; issuer?: string }>();
  const { error, busy, run } = useProblemForm(form, ['documentNo', 'issuer']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { historical } = useAsOf();
  const submit = async (values: { documentNo: string; issuer?: string }) => {
    const body: IssueBody = {
      documentNo: values.documentNo.trim(),
      ...(values.issuer?.trim() ? { issuer: values.issuer.trim() } : {}),
    };
    const answered = await run(() =>
      request<BulletinView>(`/api/bulletins/${encodeURIComponent(id)}/issue`, { method: 'POST', body }),
    );
    if (!answered) return;
    queryClient.setQueryData(['bulletin', id], {
      view: answered.data,
      etag: answered.headers.get('etag') ?? `"${answered.data.revision}"`,
    });
    await queryClient.invalidateQueries({ queryKey: ['bulletins'] });
    void message.success(t(b.issuedOk, { documentNo: body.documentNo }));
  };
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{b.issueTitle}</h2>}>
      <Typography.Paragraph className="field-hint">{b.issueHint}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" className="form-alert" message={error} />}
      <Form form={form} layout="inline" onFinish={submit}>
        <Form.Item
          name="documentNo"
          label={b.documentNo}
          rules={[{ required: true, whitespace: true, message: t(m.required, { field: b.documentNo }) }]}
        >
          <Input maxLength={100} placeholder="嘉督〔2021〕9号" />
        </Form.Item>
        <Form.Item name="issuer" label={b.issuer}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={historical}>
            {b.issue}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
