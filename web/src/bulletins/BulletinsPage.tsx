import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Skeleton, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { request } from '../api/client';
import type { components } from '../api/schema';
import { formatPeriod, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useProblemForm } from '../reporting/useProblemForm';
import { usePlan } from '../shell/plans';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { useAsOf } from '../shell/use-as-of';
import { BulletinStateTag } from './BulletinStateTag';
import { ScrollRegion } from './ScrollRegion';
import { useBulletins } from './queries';
import type { BulletinListItem, BulletinView } from './types';

type DraftBody = components['schemas']['DraftBulletinDto'];
const FIELDS = ['period', 'cutoff', 'title'] as const;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

interface DraftValues {
  period: string;
  cutoffDate?: string;
  title?: string;
}

/** 通报: the plan's bulletins (drafts, issued history, withdrawn) and drafting a new one. */
export default function BulletinsPage() {
  const { m } = useI18n();
  const { plan } = usePlan();
  const { hasRole } = useSession();
  const list = useBulletins(plan?.code);
  if (list.error) return <ProblemAlert error={list.error} />;
  const rows = list.data ?? [];
  const of = (state: string) => rows.filter((b) => b.state === state);
  const b = m.bulletins;
  return (
    <div className="page bulletins-page">
      <Typography.Title level={1} className="page-title">
        {b.title}
      </Typography.Title>
      {hasRole('office') && plan && <DraftForm planCode={plan.code} planYear={plan.year} />}
      <Card size="small" className="section" title={<h2 className="card-title">{b.listTitle}</h2>}>
        {list.isPending ? (
          <Skeleton active />
        ) : (
          <Tabs
            items={[
              {
                key: 'draft',
                label: `${b.drafts} (${of('draft').length})`,
                children: <BulletinTable rows={of('draft')} empty={b.emptyDrafts} />,
              },
              {
                key: 'issued',
                label: `${b.issuedTab} (${of('issued').length})`,
                children: <BulletinTable rows={of('issued')} empty={b.emptyIssued} />,
              },
              {
                key: 'withdrawn',
                label: `${b.withdrawnTab} (${of('withdrawn').length})`,
                children: <BulletinTable rows={of('withdrawn')} empty={b.emptyWithdrawn} />,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

function BulletinTable({ rows, empty }: { rows: BulletinListItem[]; empty: string }) {
  const { m, t, language } = useI18n();
  const b = m.bulletins;
  if (!rows.length) return <Typography.Paragraph>{empty}</Typography.Paragraph>;
  return (
    <ScrollRegion label={b.listTitle}>
      <Table<BulletinListItem>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        columns={[
          {
            title: b.titleCol,
            key: 'title',
            render: (_v, r) => (
              <Link to={`/bulletins/${encodeURIComponent(r.id)}`} aria-label={t(b.openBulletin, { title: r.title })}>
                {r.title}
              </Link>
            ),
          },
          { title: m.period, dataIndex: 'period', render: (p: string) => formatPeriod(p, language) },
          { title: b.stateLabel, dataIndex: 'state', render: (s: string) => <BulletinStateTag state={s} /> },
          { title: b.documentNo, dataIndex: 'documentNo', render: (d: string | null) => d ?? '—' },
          { title: b.cutoff, dataIndex: 'cutoff', render: (c: string) => formatTime(c) },
          { title: b.issuedAt, dataIndex: 'issuedAt', render: (c?: string) => formatTime(c) },
        ]}
      />
    </ScrollRegion>
  );
}

/** 起草通报: plan + period; the cutoff defaults (server side) to the end of the period's report due day. */
function DraftForm({ planCode, planYear }: { planCode: string; planYear: number }) {
  const { m } = useI18n();
  const b = m.bulletins;
  const [form] = Form.useForm<DraftValues>();
  const { error, busy, run } = useProblemForm(form, FIELDS);
  const { historical } = useAsOf();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const submit = async (values: DraftValues) => {
    const body: DraftBody = {
      planCode,
      period: values.period.trim(),
      ...(values.cutoffDate ? { cutoff: `${values.cutoffDate}T23:59:59.999+08:00` } : {}),
      ...(values.title?.trim() ? { title: values.title.trim() } : {}),
    };
    const drafted = await run(
      async () => (await request<BulletinView>('/api/bulletins', { method: 'POST', body })).data,
    );
    if (!drafted) return;
    await queryClient.invalidateQueries({ queryKey: ['bulletins'] });
    navigate(`/bulletins/${encodeURIComponent(drafted.id)}`);
  };
  return (
    <Card size="small" title={<h2 className="card-title">{b.draftTitle}</h2>}>
      {error && <Alert type="error" showIcon role="alert" className="form-alert" message={error} />}
      <Form
        form={form}
        layout="inline"
        className="draft-form"
        onFinish={submit}
        initialValues={{ period: `${planYear}-` }}
      >
        <Form.Item name="period" label={b.period} rules={[{ required: true, pattern: PERIOD, message: b.periodRule }]}>
          <Input inputMode="numeric" placeholder={`${planYear}-09`} autoComplete="off" />
        </Form.Item>
        <Form.Item name="cutoffDate" label={b.cutoffDate}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="title" label={b.titleField}>
          <Input maxLength={200} className="bulletin-title-input" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={historical}>
            {b.draft}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
