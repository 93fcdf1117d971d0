import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { request } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { shanghaiInstant } from '../shell/as-of';
import { useProblemForm } from '../reporting/useProblemForm';
import { UrgingFields } from './UrgingFields';

interface UrgeForm {
  message: string;
  /** The picked reply deadline; its wall time is Beijing time. */
  replyBy?: Dayjs | null;
}

/** A picked reply deadline (Beijing wall clock, whatever the browser's zone) as an ISO time. */
export function replyByIso(picked: Dayjs | null | undefined): string | undefined {
  return picked ? shanghaiInstant(picked.format('YYYY-MM-DDTHH:mm')) : undefined;
}

/** 催办: the office urges the unit on a warning, with a message and an optional reply deadline. */
export function UrgeButton({ warningId, what, disabled }: { warningId: string; what: string; disabled?: boolean }) {
  const { m, t } = useI18n();
  const n = m.notifications;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<UrgeForm>();
  const { error, busy, run } = useProblemForm(form, ['message', 'replyBy']);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const submit = async (values: UrgeForm) => {
    const replyBy = replyByIso(values.replyBy);
    const ok = await run(() =>
      request(`/api/warnings/${encodeURIComponent(warningId)}/urgings`, {
        method: 'POST',
        body: { message: values.message, ...(replyBy ? { replyBy } : {}) },
      }),
    );
    if (ok === undefined) return;
    void message.success(n.urged);
    setOpen(false);
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['warning-told', warningId] });
    await queryClient.invalidateQueries({ queryKey: ['warning-urgings', warningId] });
  };
  const title = t(n.urgeTitle, { what });
  return (
    <>
      <Button size="small" disabled={disabled} onClick={() => setOpen(true)} aria-label={title}>
        {n.urge}
      </Button>
      <Modal open={open} title={title} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} disabled={busy} aria-label={title}>
          <UrgingFields error={error} busy={busy} />
        </Form>
      </Modal>
    </>
  );
}
