import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { get } from '../api/client';
import type { UnitView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { ExportButton } from '../lists/ExportButton';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { CreateUserDialog } from './CreateUserDialog';
import { LockoutCell } from './LockoutCell';
import { useUsers, type UserView } from './queries';
import { filterUsers, ROLES, type UserFilter } from './roles';
import { UserAction, UserActionDialog } from './UserActionDialog';
import { useUrlFilters } from '../lists/use-url-filters';
import { emptyText } from '../lists/empty-text';

const USER_FILTER_KEYS = ['q', 'unitCode', 'role', 'state'] as const;

/** 用户管理 (office): users with roles, unit, state and login lock; create, disable/enable, reset password, unlock. */
export default function UsersPage() {
  const { m } = useI18n();
  const u = m.users;
  const { hasRole } = useSession();
  const office = hasRole('office');
  const { params, setParam, clear, narrowed: filtered } = useUrlFilters(USER_FILTER_KEYS);
  const unitCode = params.get('unitCode') ?? undefined;
  const filter: UserFilter = {
    text: params.get('q') ?? undefined,
    role: params.get('role') ?? undefined,
    state: (params.get('state') as UserFilter['state']) ?? undefined,
  };
  const users = useUsers(unitCode);
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => get<UnitView[]>('/api/units', undefined, signal),
    staleTime: 300_000,
  });
  const unitName = useMemo(() => {
    const names = new Map((units.data ?? []).map((x) => [x.code, x.name]));
    return (code: string | null | undefined) => (code ? (names.get(code) ?? code) : '—');
  }, [units.data]);
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ user: UserView; action: UserAction }>();
  const [visible, setVisible] = useState<UserView[]>();
  const rows = filterUsers(users.data ?? [], filter);
  const setFilter = (key: string, value: string | undefined) => {
    setParam(key, value, { replace: key === 'q' });
    setVisible(undefined);
  };
  if (users.error) return <ProblemAlert error={users.error} />;
  const roleWords = (roles: string[]) => roles.map((r) => m.roles[r] ?? r).join('、');
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {u.title}
      </Typography.Title>
      <Card size="small">
        <Space wrap className="filters">
          <Input.Search
            aria-label={u.search}
            placeholder={u.search}
            allowClear
            defaultValue={filter.text}
            onSearch={(v) => setFilter('q', v || undefined)}
            className="filter"
          />
          <Select
            aria-label={u.filterUnit}
            placeholder={m.allUnits}
            allowClear
            value={unitCode}
            onChange={(v) => setFilter('unitCode', v)}
            className="filter"
            options={(units.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Select
            aria-label={u.filterRole}
            placeholder={u.allRoles}
            allowClear
            value={filter.role}
            onChange={(v) => setFilter('role', v)}
            className="filter"
            options={ROLES.map((r) => ({ value: r, label: m.roles[r] ?? r }))}
          />
          <Select
            aria-label={u.filterState}
            placeholder={u.allStates}
            allowClear
            value={filter.state}
            onChange={(v) => setFilter('state', v)}
            className="filter"
            options={[
              { value: 'enabled', label: u.enabled },
              { value: 'disabled', label: u.disabled },
            ]}
          />
          {filtered && <Button onClick={clear}>{m.clearFilters}</Button>}
          <ExportButton
            filename="users.csv"
            rows={visible ?? rows}
            columns={[
              { title: u.username, value: (r) => r.username },
              { title: u.displayName, value: (r) => r.displayName },
              { title: u.roles, value: (r) => roleWords(r.roles) },
              { title: u.unit, value: (r) => (r.unitCode ? `${unitName(r.unitCode)}（${r.unitCode}）` : '') },
              { title: u.state, value: (r) => (r.disabled ? u.disabled : u.enabled) },
            ]}
          />
          {office && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {u.create}
            </Button>
          )}
        </Space>
        <Table<UserView>
          className="section"
          size="small"
          rowKey="id"
          loading={users.isPending}
          dataSource={rows}
          scroll={{ x: 900 }}
          sticky
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `${m.total} ${total}` }}
          onChange={(_p, _f, _s, extra) => setVisible(extra.currentDataSource)}
          locale={{ emptyText: emptyText(users.isPending, filtered ? u.empty : u.emptyAll) }}
          columns={[
            {
              title: u.username,
              dataIndex: 'username',
              key: 'username',
              sorter: (a, b) => a.username.localeCompare(b.username),
              defaultSortOrder: 'ascend',
            },
            {
              title: u.displayName,
              dataIndex: 'displayName',
              key: 'displayName',
              sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'),
            },
            { title: u.roles, key: 'roles', render: (_, r) => roleWords(r.roles) },
            {
              title: u.unit,
              key: 'unit',
              render: (_, r) => unitName(r.unitCode),
              sorter: (a, b) => (a.unitCode ?? '').localeCompare(b.unitCode ?? ''),
            },
            {
              title: u.state,
              key: 'state',
              render: (_, r) =>
                r.disabled ? <Typography.Text type="danger">{u.disabled}</Typography.Text> : u.enabled,
              sorter: (a, b) => Number(!!a.disabled) - Number(!!b.disabled),
            },
            ...(office
              ? [
                  {
                    title: u.lockout,
                    key: 'lockout',
                    render: (_: unknown, r: UserView) => <LockoutCell id={r.id} name={r.username} />,
                  },
                ]
              : []),
            ...(office
              ? [
                  {
                    title: u.actions,
                    key: 'actions',
                    render: (_: unknown, r: UserView) => (
                      <Space wrap size={4}>
                        <Button
                          size="small"
                          danger={!r.disabled}
                          aria-label={`${r.disabled ? u.enable : u.disable} ${r.username}`}
                          onClick={() => setActing({ user: r, action: r.disabled ? 'enable' : 'disable' })}
                        >
                          {r.disabled ? u.enable : u.disable}
                        </Button>
                        <Button
                          size="small"
                          aria-label={`${u.resetPassword} ${r.username}`}
                          onClick={() => setActing({ user: r, action: 'password' })}
                        >
                          {u.resetPassword}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <Typography.Paragraph type="secondary" className="section">
          {u.hint}
        </Typography.Paragraph>
      </Card>
      {creating && <CreateUserDialog units={units.data ?? []} onClose={() => setCreating(false)} />}
      {acting && <UserActionDialog user={acting.user} action={acting.action} onClose={() => setActing(undefined)} />}
    </div>
  );
}
