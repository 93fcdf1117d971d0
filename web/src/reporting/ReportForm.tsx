import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useRef, useState } from 'react';
import { request } from '../api/client';
import type { components } from '../api/schema';
import type { TargetView } from '../api/views';
import { formatPeriod } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { proposedPeriod } from './periods';
import { useProblemForm } from './useProblemForm';

type ReportBody = components['schemas']['ReportProgressDto'];
type CorrectionBody = components['schemas']['CorrectProgressDto'];
const FIELDS = [
  'period',
  'value',
  'growthPct',
  'done',
  'selfRating',
  'narrative',
  'problems',
  'nextSteps',
  'reason',
] as const;

interface Values {
  period: string;
  value?: string;
  growthPct?: string;
  done?: boolean;
  selfRating?: string;
  narrative?: string;
  problems?: string;
  nextSteps?: string;
  reason?: string;
}

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/**
 * 填报 (or 更正 with `correctPeriod`): one target's monthly report. A retry after a failure reuses the
 * same Idempotency-Key, so a report the server took but whose answer was lost is never taken twice.
 */
export function ReportForm({
  target,
  planYear,
  openPeriod,
  correctPeriod,
  onClose,
}: {
  target: TargetView;
  planYear: number;
  /** The month open for reports now (the page's reporting status), proposed before any report. */
  openPeriod?: string;
  correctPeriod?: string;
  onClose: () => void;
}) {
  const { m, t, language } = useI18n();
  const [form] = Form.useForm<Values>();
  const { error, busy, run } = useProblemForm(form, FIELDS);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const idempotencyKey = useRef(crypto.randomUUID());
  const [done, setDone] = useState<string>();
  const correcting = correctPeriod !== undefined;
  const existing = correcting ? target.periods?.find((p) => p.period === correctPeriod)?.report : undefined;
  const title = correcting
    ? t(m.correctTitle, { period: formatPeriod(correctPeriod, language) })
    : `${m.reportForm} · ${target.indicatorName}`;

  const submit = async (values: Values) => {
    const figures = {
      value: blankToUndefined(values.value),
      growthPct: blankToUndefined(values.growthPct),
      ...(values.done !== undefined ? { done: values.done } : {}),
      ...(values.selfRating ? { selfRating: values.selfRating as ReportBody['selfRating'] } : {}),
      narrative: blankToUndefined(values.narrative),
    };
    const path = `/api/targets/${encodeURIComponent(target.id)}`;
    const answered = await run(async () => {
      if (correcting) {
        const body: CorrectionBody = { ...figures, reason: values.reason ?? '' };
        await request(`${path}/progress/${correctPeriod}/corrections`, { method: 'POST', body });
        return correctPeriod;
      }
      const body: ReportBody = {
        ...figures,
        period: values.period,
        problems: blankToUndefined(values.problems),
        nextSteps: blankToUndefined(values.nextSteps),
      };
      await request(`${path}/progress`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey.current },
      });
      return values.period;
    });
    if (answered === undefined) return;
    await queryClient.invalidateQueries();
    const fresh = await queryClient.fetchQuery({
      queryKey: ['target', target.id],
      queryFn: () => request<TargetView>(`${path}`).then((r) => r.data),
    });
    const status = m.status[fresh.status] ?? fresh.status;
    const text = correcting
      ? t(m.corrected, { period: formatPeriod(answered, language) })
      : t(m.reported, { period: formatPeriod(answered, language), status });
    setDone(`${text}${correcting ? `；${m.statusLabel}：${status}` : ''}`);
    void message.success(text);
    idempotencyKey.current = crypto.randomUUID();
  };

  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      {done ? (
        <>
          <Alert type="success" showIcon role="status" title={done} />
          <Button type="primary" className="section" onClick={onClose}>
            {m.close}
          </Button>
        </>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          className="report-form"
          onFinish={submit}
          disabled={busy}
          initialValues={{
            period: correctPeriod ?? proposedPeriod(target, planYear, openPeriod),
            value: existing?.value,
            growthPct: existing?.growthPct,
            done: existing?.done,
            selfRating: existing?.selfRating,
            narrative: existing?.narrative,
          }}
        >
          {!correcting && (
            <Form.Item
              label={m.period}
              name="period"
              rules={[{ required: true, message: t(m.required, { field: m.period }) }]}
            >
              <Input type="month" />
            </Form.Item>
          )}
          {target.kind === 'milestone' ? (
            <Form.Item label={m.done} name="done">
              <Radio.Group
                options={[
                  { value: true, label: m.doneYes },
                  { value: false, label: m.doneNo },
                ]}
              />
            </Form.Item>
          ) : target.kind === 'qualitative' ? (
            <Form.Item label={m.selfRating} name="selfRating">
              <Select
                options={['on_track', 'at_risk', 'off_track'].map((v) => ({ value: v, label: m.selfRatings[v] }))}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                label={m.value}
                name="value"
                extra={
                  <span className="field-hint">
                    {m.unitOfMeasure}：{target.unitOfMeasure}
                  </span>
                }
              >
                <Input inputMode="decimal" suffix={target.unitOfMeasure} autoComplete="off" />
              </Form.Item>
              <Form.Item label={m.growthPct} name="growthPct">
                <Input inputMode="decimal" suffix="%" autoComplete="off" />
              </Form.Item>
            </>
          )}
          <Form.Item label={m.narrative} name="narrative">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          {!correcting && (
            <>
              <Form.Item label={m.problems} name="problems">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
              <Form.Item label={m.nextSteps} name="nextSteps">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </>
          )}
          {correcting && (
            <Form.Item
              label={m.correctionReason}
              name="reason"
              rules={[{ required: true, message: t(m.required, { field: m.correctionReason }) }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          )}
          {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {m.submit}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
