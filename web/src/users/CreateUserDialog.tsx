import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select } from 'antd';
import { request } from '../api/client';
import type { components } from '../api/schema';
import type { UnitView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { needsUnit, ROLES } from './roles';

type Body = components['schemas']['CreateUserDto'];
const FIELDS = ['username', 'displayName', 'password', 'roles', 'unitCode'] as const;

/** 新建用户: username, name, initial password, roles and (for 填报员 / 考核认定单位) the unit; the API's field errors beside the fields. */
export function CreateUserDialog({ units, onClose }: { units: UnitView[]; onClose: () => void }) {
  const { m, t } = useI18n();
  const u = m.users;
  const [form] = Form.useForm<Body>();
  const { error, busy, run } = useProblemForm(form, FIELDS);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const roles = Form.useWatch('roles', form);
  const submit = async (values: Body) => {
    const body: Body = {
      username: values.username?.trim(),
      displayName: values.displayName?.trim(),
      password: values.password,
      roles: values.roles ?? [],
      ...(values.unitCode ? { unitCode: values.unitCode } : {}),
    };
    const created = await run(() => request('/api/users', { method: 'POST', body }));
    if (created === undefined) return;
    void message.success(t(u.created, { name: body.username }));
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    onClose();
  };
  return (
    <Modal open title={u.create} onCancel={onClose} footer={null} destroyOnHidden width={520}>
      <Form<Body>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        aria-label={u.create}
        initialValues={{ roles: ['unit'] }}
      >
        <Form.Item
          label={u.username}
          name="username"
          extra={<span className="field-hint">{u.usernameHint}</span>}
          rules={[{ required: true, message: t(m.required, { field: u.username }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={u.displayName}
          name="displayName"
          rules={[{ required: true, message: t(m.required, { field: u.displayName }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={u.password}
          name="password"
          extra={<span className="field-hint">{u.passwordHint}</span>}
          rules={[{ required: true, message: t(m.required, { field: u.password }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {/* No client-side rule: Ant Design would put aria-required on the group's <div>; the API's errors[] names `roles`. */}
        <Form.Item label={u.roles} name="roles">
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: m.roles[r] ?? r }))} />
        </Form.Item>
        <Form.Item
          label={u.unit}
          name="unitCode"
          extra={<span className="field-hint">{u.unitHint}</span>}
          rules={[{ required: needsUnit(roles), message: t(m.required, { field: u.unit }) }]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={units.map((x) => ({ value: x.code, label: `${x.name}（${x.code}）` }))}
          />
        </Form.Item>
        {error && <Alert type="error" role="alert" showIcon title={error} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {u.createSubmit}
        </Button>
      </Form>
    </Modal>
  );
}
