import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { get, request } from '../api/client';
import type { UnitView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { ChannelView, NOTIFICATION_KINDS } from './views';

const KINDS = ['dingtalk', 'wecom', 'webhook', 'email'] as const;

interface Values {
  name: string;
  kind: ChannelView['kind'];
  target: string;
  secret?: string;
  removeSecret?: boolean;
  unitCodes?: string[];
  levels?: string[];
  kinds?: string[];
  enabled: boolean;
}

/** Create or edit a channel. The secret is write-only: an edit shows only whether one is set. */
export function ChannelForm({ channel, onClose }: { channel?: ChannelView; onClose: () => void }) {
  const { m, t } = useI18n();
  const n = m.notifications;
  const [form] = Form.useForm<Values>();
  const { error, busy, run } = useProblemForm(form, ['name', 'kind', 'target', 'secret']);
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => get<UnitView[]>('/api/units', undefined, signal),
    staleTime: 300_000,
  });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const submit = async (v: Values) => {
    const filter = {
      ...(v.unitCodes?.length ? { unitCodes: v.unitCodes } : {}),
      ...(v.levels?.length ? { levels: v.levels } : {}),
      ...(v.kinds?.length ? { kinds: v.kinds } : {}),
    };
    const secret = v.removeSecret ? { secret: '' } : v.secret ? { secret: v.secret } : {};
    const body = channel
      ? { name: v.name, target: v.target, filter, enabled: v.enabled, ...secret }
      : { name: v.name, kind: v.kind, target: v.target, filter, enabled: v.enabled, ...secret };
    const ok = await run(() =>
      channel
        ? request(`/api/notification-channels/${encodeURIComponent(channel.id)}`, { method: 'PATCH', body })
        : request('/api/notification-channels', { method: 'POST', body }),
    );
    if (ok === undefined) return;
    void message.success(n.saved);
    await queryClient.invalidateQueries({ queryKey: ['notification-channels'] });
    onClose();
  };
  const title = channel ? t(n.editChannel, { name: channel.name }) : n.createChannel;
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        // An error the API named goes once the field is changed.
        onValuesChange={(changed: object) =>
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })))
        }
        disabled={busy}
        aria-label={title}
        initialValues={{
          name: channel?.name,
          kind: channel?.kind ?? 'dingtalk',
          target: channel?.target,
          enabled: channel?.enabled ?? true,
          unitCodes: channel?.filter.unitCodes ?? [],
          levels: channel?.filter.levels ?? [],
          kinds: channel?.filter.kinds ?? [],
        }}
      >
        <Form.Item label={n.name} name="name" rules={[{ required: true, message: t(m.required, { field: n.name }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={n.channelKind}
          name="kind"
          rules={[{ required: true, message: t(m.required, { field: n.channelKind }) }]}
        >
          <Select disabled={!!channel} options={KINDS.map((k) => ({ value: k, label: n.channelKinds[k] }))} />
        </Form.Item>
        <Form.Item
          label={n.target}
          name="target"
          extra={<span className="field-hint">{n.targetHint}</span>}
          rules={[{ required: true, message: t(m.required, { field: n.target }) }]}
        >
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item label={n.secret} name="secret" extra={<span className="field-hint">{n.secretHint}</span>}>
          <Input.Password
            autoComplete="new-password"
            placeholder={channel?.hasSecret ? n.secretSet : undefined}
            visibilityToggle={false}
          />
        </Form.Item>
        {channel?.hasSecret && (
          <Form.Item name="removeSecret" valuePropName="checked">
            <Checkbox>{n.removeSecret}</Checkbox>
          </Form.Item>
        )}
        <Form.Item label={n.filterUnits} name="unitCodes">
          <Select
            mode="multiple"
            allowClear
            placeholder={n.allFilter}
            optionFilterProp="label"
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          />
        </Form.Item>
        <Form.Item label={n.filterLevels} name="levels">
          <Checkbox.Group options={['yellow', 'red'].map((l) => ({ value: l, label: n.levels[l] }))} />
        </Form.Item>
        <Form.Item label={n.filterKinds} name="kinds">
          <Select
            mode="multiple"
            allowClear
            placeholder={n.allFilter}
            options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: n.kind[k] ?? k }))}
          />
        </Form.Item>
        <Form.Item label={n.enabledLabel} name="enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
        {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {m.save}
        </Button>
      </Form>
    </Modal>
  );
}
