import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import type { BulletinView } from './types';

type EditBody = components['schemas']['EditBulletinDto'];

interface Values {
  remarks: string;
  exemptions: Array<{ unitCode?: string; reason?: string }>;
}

/**
 * Editing a draft: the office's remarks (下一步要求) and the exemptions from the 黑榜, each with a reason.
 * Each save sends the revision it was based on (If-Match); a 412 reloads and says so.
 */
export function DraftEditor({ view, etag }: { view: BulletinView; etag: string }) {
  const { m, t } = useI18n();
  const b = m.bulletins;
  const [form] = Form.useForm<Values>();
  const { error, busy, run } = useProblemForm(form, ['remarks', 'exemptions', 'unitCode', 'reason']);
  const [stale, setStale] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const units = view.rankings.flatMap((g) =>
    g.rows.map((r) => ({ value: r.unitCode, label: `${r.unitName}（${g.group}）` })),
  );

  const save = async (body: EditBody, done: string) => {
    setStale(false);
    const answered = await run(async () => {
      try {
        return await request<BulletinView>(`/api/bulletins/${encodeURIComponent(view.id)}`, {
          method: 'PATCH',
          body,
          headers: { 'if-match': etag },
        });
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          setStale(true);
          await queryClient.invalidateQueries({ queryKey: ['bulletin', view.id] });
          return undefined;
        }
        throw e;
      }
    });
    if (!answered) return;
    queryClient.setQueryData(['bulletin', view.id], {
      view: answered.data,
      etag: answered.headers.get('etag') ?? `"${answered.data.revision}"`,
    });
    await queryClient.invalidateQueries({ queryKey: ['bulletins'] });
    void message.success(done);
  };
  const saveRemarks = () => save({ remarks: form.getFieldValue('remarks') ?? '' }, b.remarksSaved);
  const saveExemptions = async () => {
    const values = await form.validateFields(['exemptions'], { recursive: true }).catch(() => undefined);
    if (!values) return;
    const exemptions = (form.getFieldValue('exemptions') as Values['exemptions']).map((e) => ({
      unitCode: e.unitCode ?? '',
      reason: (e.reason ?? '').trim(),
    }));
    await save({ exemptions }, b.exemptionsSaved);
  };

  return (
    <Card size="small" className="section" title={<h2 className="card-title">{b.editTitle}</h2>}>
      {stale && <Alert type="warning" showIcon role="alert" className="form-alert" message={b.staleRevision} />}
      {error && <Alert type="error" showIcon role="alert" className="form-alert" message={error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ remarks: view.remarks, exemptions: view.exemptions }}
        key={view.revision}
      >
        <Form.Item name="remarks" label={b.remarks}>
          <Input.TextArea rows={5} maxLength={20_000} />
        </Form.Item>
        <Button onClick={() => void saveRemarks()} loading={busy}>
          {b.saveRemarks}
        </Button>
        <h3 className="card-title section">{b.exemptions}</h3>
        <Typography.Paragraph className="field-hint">{b.exemptionsHint}</Typography.Paragraph>
        <Form.List name="exemptions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap className="exemption-row">
                  <Form.Item
                    name={[field.name, 'unitCode']}
                    label={`${b.exemptUnit} ${index + 1}`}
                    rules={[{ required: true, message: t(m.required, { field: b.exemptUnit }) }]}
                  >
                    <Select
                      options={units}
                      showSearch={{ optionFilterProp: 'label' }}
                      className="exemption-unit"
                      aria-label={`${b.exemptUnit} ${index + 1}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'reason']}
                    label={`${b.exemptReason} ${index + 1}`}
                    rules={[{ required: true, whitespace: true, message: t(m.required, { field: b.exemptReason }) }]}
                  >
                    <Input maxLength={500} className="exemption-reason" />
                  </Form.Item>
                  <Button
                    onClick={() => remove(field.name)}
                    aria-label={t(b.removeExemption, { index: index + 1 })}
                    className="exemption-remove"
                  >
                    ×
                  </Button>
                </Space>
              ))}
              <Space wrap>
                <Button onClick={() => add({ unitCode: undefined, reason: '' })}>{b.addExemption}</Button>
                <Button onClick={() => void saveExemptions()} loading={busy}>
                  {b.saveExemptions}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
