import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get, request } from '../api/client';
import type { WarningView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { UrgingFields } from './UrgingFields';
import { ProblemAlert } from '../shell/ProblemAlert';
import { replyByIso } from './UrgeButton';

interface UrgeForm {
  message: string;
  replyBy?: Dayjs | null;
}

/** What `POST /api/plans/:code/report-urgings` answers: the urgings it recorded, one per overdue indicator. */
interface ReportUrgings {
  urgings: Array<{ id: string; warningId: string; indicatorCode?: string }>;
}

/** The unit's open overdue-report warnings (逾期未报) of one month: what an urging on a missing report is about. */
function useOverdueWarnings(planCode: string, unitCode: string, period: string, enabled: boolean) {
  return useQuery({
    queryKey: ['overdue-warnings', planCode, unitCode, period],
    enabled,
    queryFn: async ({ signal }) => {
      const items = await get<WarningView[]>(
        '/api/warnings',
        { planCode, unitCode, state: 'open', limit: 500 },
        signal,
      );
      return items.filter((w) => w.kind === 'overdue' && w.period === period);
    },
  });
}

/**
 * 催办 from the 报送情况 matrix: the office urges a unit on a month's missing reports — one command
 * (`POST /api/plans/:code/report-urgings`) that records an urging on each open overdue-report warning
 * of that unit and month, with one message and reply deadline, all or none.
 */
export function UrgeReportButton({
  planCode,
  unitCode,
  unitName,
  period,
  periodLabel,
}: {
  planCode: string;
  unitCode: string;
  unitName: string;
  period: string;
  periodLabel: string;
}) {
  const { m, t } = useI18n();
  const n = m.notifications;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<UrgeForm>();
  const { error, busy, run } = useProblemForm(form, ['message', 'replyBy']);
  const warnings = useOverdueWarnings(planCode, unitCode, period, open);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const title = t(n.urgeReportTitle, { unit: unitName, period: periodLabel });
  const submit = async (values: UrgeForm) => {
    const replyBy = replyByIso(values.replyBy);
    // One command for the whole month: every overdue indicator is urged, or (an error) none.
    const urged = await run(
      async () =>
        (
          await request<ReportUrgings>(`/api/plans/${encodeURIComponent(planCode)}/report-urgings`, {
            method: 'POST',
            body: { unitCode, period, message: values.message, ...(replyBy ? { replyBy } : {}) },
          })
        ).data.urgings,
    );
    if (urged === undefined) return;
    void message.success(t(n.urgedReport, { count: urged.length }));
    setOpen(false);
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['overdue-warnings', planCode, unitCode, period] });
    for (const u of urged) {
      await queryClient.invalidateQueries({ queryKey: ['warning-told', u.warningId] });
      await queryClient.invalidateQueries({ queryKey: ['warning-urgings', u.warningId] });
    }
  };
  return (
    <>
      <Button size="small" type="link" className="matrix-urge" onClick={() => setOpen(true)} aria-label={title}>
        {n.urge}
      </Button>
      <Modal open={open} title={title} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        {warnings.error ? (
          <ProblemAlert error={warnings.error} />
        ) : !warnings.data ? (
          <Skeleton active />
        ) : !warnings.data.length ? (
          <Typography.Paragraph>{n.urgeReportNone}</Typography.Paragraph>
        ) : (
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            disabled={busy}
            aria-label={title}
            initialValues={{ message: t(n.urgeReportDefault, { period: periodLabel }) }}
          >
            <Typography.Paragraph>{t(n.urgeReportCount, { count: warnings.data.length })}</Typography.Paragraph>
            <UrgingFields error={error} busy={busy} />
          </Form>
        )}
      </Modal>
    </>
  );
}
