import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { request } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import type { TargetView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';

type AdjustBody = components['schemas']['AdjustTargetDto'];
type WithdrawBody = components['schemas']['WithdrawTargetDto'];
interface Values {
  total?: string;
  reason: string;
  approvalDocument?: string;
  document?: string;
}

/**
 * 调整目标 (new assessment total, reason, approval document) or 撤销目标 (reason, document), sent with
 * If-Match: the revision the user saw. A 412 (changed meanwhile) is explained and the current target loaded.
 */
export function AdjustForm({
  target,
  mode,
  onClose,
}: {
  target: TargetView;
  mode: 'adjust' | 'withdraw';
  onClose: () => void;
}) {
  const { m, t } = useI18n();
  const [form] = Form.useForm<Values>();
  const fields = mode === 'adjust' ? ['total', 'reason', 'approvalDocument'] : ['reason', 'document'];
  const { error, busy, run } = useProblemForm(form, fields);
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const path = `/api/targets/${encodeURIComponent(target.id)}`;
  const submit = async (values: Values) => {
    const headers = { 'If-Match': `"${target.revision}"` };
    const ok = await run(async () => {
      try {
        if (mode === 'adjust') {
          // A work target only (指导性计划) is adjusted on its work side.
          const current = target.assessment ?? target.work ?? {};
          const value = {
            total: values.total?.trim(),
            unitOfMeasure: current.unitOfMeasure,
            growthPct: current.growthPct,
            text: current.text,
            deadline: current.deadline,
          };
          const body: AdjustBody = {
            ...(target.assessment || !target.work ? { assessment: value } : { work: value }),
            reason: values.reason,
            approvalDocument: values.approvalDocument ?? '',
          };
          await request(`${path}/adjustments`, { method: 'POST', body, headers });
        } else {
          const body: WithdrawBody = { reason: values.reason, document: values.document ?? '' };
          await request(`${path}/withdrawal`, { method: 'POST', body, headers });
        }
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          await queryClient.invalidateQueries({ queryKey: ['target', target.id] });
          await queryClient.invalidateQueries({ queryKey: ['target-history', target.id] });
          onClose();
          modal.warning({ title: m.staleRevision });
          return undefined;
        }
        throw e;
      }
    });
    if (!ok) return;
    void message.success(mode === 'adjust' ? m.adjusted : m.withdrawn);
    await queryClient.invalidateQueries();
    onClose();
  };
  const documentLabel = mode === 'adjust' ? m.approvalDocument : m.withdrawDocument;
  return (
    <Modal
      open
      title={mode === 'adjust' ? m.adjustTitle : m.withdrawTitle}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        initialValues={{ total: (target.assessment ?? target.work)?.total }}
      >
        {mode === 'adjust' && (
          <Form.Item
            label={m.newTotal}
            name="total"
            extra={
              <span className="field-hint">
                {m.unitOfMeasure}：{target.unitOfMeasure}
              </span>
            }
          >
            <Input inputMode="decimal" suffix={target.unitOfMeasure} />
          </Form.Item>
        )}
        <Form.Item
          label={mode === 'adjust' ? m.adjustReason : m.withdrawReason}
          name="reason"
          rules={[{ required: true, message: t(m.required, { field: m.reason }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item
          label={documentLabel}
          name={mode === 'adjust' ? 'approvalDocument' : 'document'}
          rules={[{ required: true, message: t(m.required, { field: documentLabel }) }]}
        >
          <Input />
        </Form.Item>
        {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={busy} danger={mode === 'withdraw'}>
          {m.submit}
        </Button>
      </Form>
    </Modal>
  );
}
