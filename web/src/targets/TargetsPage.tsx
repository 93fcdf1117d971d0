import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CompletionRow } from '../api/views';
import { useCompletion } from '../dashboard/queries';
import { formatNumber, formatPeriod, formatRatio } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ExportButton } from '../lists/ExportButton';
import { linkWithAsOf } from '../shell/as-of';
import { usePlan, useUnitNames } from '../shell/plans';
import { ProblemAlert } from '../shell/ProblemAlert';
import { STATUS_ORDER, STATUS_SEVERITY, StatusTag } from '../shell/StatusTag';
import { useAsOf } from '../shell/use-as-of';
import { emptyText } from '../lists/empty-text';

/** 目标: the plan's targets with the server's status, filtered by unit, category and status (in the URL). */
export default function TargetsPage() {
  const { m, language } = useI18n();
  const { plan } = usePlan();
  const { asOf } = useAsOf();
  const [params, setParams] = useSearchParams();
  const unitCode = params.get('unitCode') ?? undefined;
  const category = params.get('category') ?? undefined;
  const status = params.get('status') ?? undefined;
  const completion = useCompletion({ planCode: plan?.code, asOf });
  const unitName = useUnitNames();
  const [visible, setVisible] = useState<CompletionRow[] | undefined>();
  const all = useMemo(() => completion.data ?? [], [completion.data]);
  const rows = useMemo(
    () =>
      all.filter(
        (r) =>
          (!unitCode || r.unitCode === unitCode) &&
          (!category || r.category === category) &&
          (!status || r.status === status),
      ),
    [all, unitCode, category, status],
  );
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
    setVisible(undefined);
  };
  if (completion.error) return <ProblemAlert error={completion.error} />;
  const units = [...new Set(all.map((r) => r.unitCode))].sort();
  const categories = [...new Set(all.map((r) => r.category ?? ''))].filter(Boolean).sort();
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {m.targetsTitle}
      </Typography.Title>
      <Card size="small">
        <Space wrap className="filters">
          <Select
            aria-label={m.filterUnit}
            placeholder={m.allUnits}
            allowClear
            value={unitCode}
            onChange={(v) => setFilter('unitCode', v)}
            className="filter"
            options={units.map((u) => ({ value: u, label: unitName(u) }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Select
            aria-label={m.filterCategory}
            placeholder={m.allCategories}
            allowClear
            value={category}
            onChange={(v) => setFilter('category', v)}
            className="filter"
            options={categories.map((c) => ({ value: c, label: c }))}
          />
          <Select
            aria-label={m.filterStatus}
            placeholder={m.allStatuses}
            allowClear
            value={status}
            onChange={(v) => setFilter('status', v)}
            className="filter"
            options={STATUS_ORDER.map((s) => ({ value: s, label: m.status[s] }))}
          />
          {(unitCode || category || status) && (
            <Button onClick={() => setParams(asOf ? { asOf } : {})}>{m.clearFilters}</Button>
          )}
          <ExportButton
            filename={`targets-${plan?.code ?? ''}.csv`}
            rows={visible ?? rows}
            columns={[
              { title: m.indicator, value: (r) => `${r.indicatorCode} ${r.indicatorName ?? ''}` },
              { title: m.unit, value: (r) => unitName(r.unitCode) },
              { title: m.category, value: (r) => r.category },
              { title: m.period, value: (r) => r.period },
              { title: m.value, value: (r) => r.value },
              { title: m.completion, value: (r) => r.completion },
              { title: m.expectedPace, value: (r) => r.expectedPace },
              { title: m.statusLabel, value: (r) => m.status[r.status] ?? r.status },
            ]}
          />
        </Space>
        <Table<CompletionRow>
          className="section"
          size="small"
          rowKey="targetId"
          loading={completion.isPending}
          dataSource={rows}
          scroll={{ x: 800 }}
          sticky
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `${m.total} ${total}` }}
          onChange={(_p, _f, _s, extra) => setVisible(extra.currentDataSource)}
          locale={{ emptyText: emptyText(completion.isPending, m.targetsEmpty) }}
          columns={[
            {
              title: m.indicator,
              key: 'indicator',
              sorter: (a, b) => a.indicatorCode.localeCompare(b.indicatorCode),
              render: (_, r) => (
                <Link to={linkWithAsOf(`/targets/${r.targetId}`, asOf)}>
                  {r.indicatorCode} {r.indicatorName}
                </Link>
              ),
            },
            {
              title: m.unit,
              key: 'unit',
              sorter: (a, b) => a.unitCode.localeCompare(b.unitCode),
              render: (_, r) => r.unitName ?? unitName(r.unitCode),
            },
            { title: m.category, dataIndex: 'category', key: 'category' },
            { title: m.period, key: 'period', render: (_, r) => formatPeriod(r.period, language) },
            {
              title: m.value,
              key: 'value',
              align: 'right',
              render: (_, r) => <span title={r.value ?? ''}>{formatNumber(r.value, 2)}</span>,
            },
            {
              title: m.completion,
              key: 'completion',
              align: 'right',
              render: (_, r) => formatRatio(r.completion),
              sorter: (a, b) => Number(a.completion ?? -1) - Number(b.completion ?? -1),
            },
            { title: m.expectedPace, key: 'pace', align: 'right', render: (_, r) => formatRatio(r.expectedPace) },
            {
              title: m.statusLabel,
              key: 'status',
              render: (_, r) => <StatusTag status={r.status} />,
              sorter: (a, b) => (STATUS_SEVERITY[a.status] ?? 0) - (STATUS_SEVERITY[b.status] ?? 0),
            },
          ]}
        />
      </Card>
    </div>
  );
}
