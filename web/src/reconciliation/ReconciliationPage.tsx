import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Space, Switch, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { get } from '../api/client';
import { formatFigure } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ExportButton } from '../lists/ExportButton';
import { usePlan, useUnitNames } from '../shell/plans';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useAsOf } from '../shell/use-as-of';
import { magnitude, Outcome, outcomeOf, ReconciliationAnswer, ReconciliationLine } from './reconciliation-lines';
import '../lists/lists.css';
import './reconciliation.css';
import { useUrlFilters } from '../lists/use-url-filters';
import { emptyText } from '../lists/empty-text';

/** 分解核对: per decomposed indicator, the district target against the sum of the unit targets; shortfalls marked in colour and words. */
export default function ReconciliationPage() {
  const { m, t } = useI18n();
  const r = m.reconciliationPage;
  const { plan, loading } = usePlan();
  const { asOf } = useAsOf();
  const unitName = useUnitNames();
  const { params, setParam } = useUrlFilters(['work', 'shortfalls']);
  const work = params.get('work') === '1';
  const shortfallsOnly = params.get('shortfalls') === '1';
  const lines = useQuery({
    queryKey: ['reconciliation', plan?.code, work, asOf ?? null],
    queryFn: ({ signal }) =>
      get<ReconciliationAnswer>(
        `/api/plans/${encodeURIComponent(plan?.code ?? '')}/reconciliation`,
        { work: work ? 'true' : undefined, asOf },
        signal,
      ),
    enabled: !!plan,
  });
  const all = useMemo(() => lines.data?.lines ?? [], [lines.data]);
  const rows = useMemo(
    () => (shortfallsOnly ? all.filter((l) => outcomeOf(l) === 'shortfall') : all),
    [all, shortfallsOnly],
  );
  const [visible, setVisible] = useState<{ of: ReconciliationLine[]; rows: ReconciliationLine[] }>();
  const exported = visible && visible.of === rows ? visible.rows : rows;
  const toggle = (key: string, on: boolean) => setParam(key, on ? '1' : undefined);
  const outcomeText = (line: ReconciliationLine, outcome: Outcome = outcomeOf(line)) => {
    if (outcome === 'no-district') return r.noDistrict;
    if (outcome === 'balanced') return r.balanced;
    const amount = formatFigure(magnitude(line.difference ?? '0'), line.unitOfMeasure);
    return t(outcome === 'shortfall' ? r.shortfallOf : r.surplus, { amount });
  };
  if (!loading && !plan) return <Empty description={m.noPlans} />;
  const shortfalls = all.filter((l) => outcomeOf(l) === 'shortfall').length;
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {m.reconciliationTitle}
        {plan && <span className="page-subtitle"> · {plan.title}</span>}
      </Typography.Title>
      <Card size="small">
        <Typography.Paragraph className="reconciliation-subtitle">{r.subtitle}</Typography.Paragraph>
        <Space wrap className="filters">
          <label className="switch-field">
            <Switch
              checked={shortfallsOnly}
              onChange={(on) => toggle('shortfalls', on)}
              aria-label={r.shortfallsOnly}
            />
            <span aria-hidden="true">{r.shortfallsOnly}</span>
          </label>
          <label className="switch-field">
            <Switch checked={work} onChange={(on) => toggle('work', on)} aria-label={r.work} />
            <span aria-hidden="true">{r.work}</span>
          </label>
          <ExportButton
            filename={`reconciliation-${plan?.code ?? ''}${work ? '-work' : ''}.csv`}
            rows={exported}
            columns={[
              { title: m.indicator, value: (l) => `${l.indicatorCode} ${l.indicatorName}` },
              { title: m.unitOfMeasure, value: (l) => l.unitOfMeasure },
              { title: m.districtTarget, value: (l) => l.districtTarget },
              { title: m.unitSum, value: (l) => l.sumOfUnitTargets },
              { title: m.difference, value: (l) => l.difference },
              { title: r.resultLabel, value: (l) => outcomeText(l) },
              { title: r.unitTargets, value: (l) => l.unitTargets },
              { title: r.notSummable, value: (l) => l.notSummable.map(unitName).join('、') },
            ]}
          />
        </Space>
        {lines.data && (
          <Typography.Paragraph className="list-note" aria-live="polite">
            {t(r.summary, { count: all.length, shortfalls })}
          </Typography.Paragraph>
        )}
        {lines.error ? (
          <div className="section">
            <ProblemAlert error={lines.error} />
          </div>
        ) : (
          <Table<ReconciliationLine>
            className="section reconciliation-table"
            size="small"
            rowKey="indicatorCode"
            loading={lines.isPending}
            dataSource={rows}
            scroll={{ x: 900 }}
            sticky
            pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
            rowClassName={(l) => `reconciliation-${outcomeOf(l)}`}
            onChange={(_p, _f, _s, extra) => setVisible({ of: rows, rows: extra.currentDataSource })}
            locale={{
              emptyText: emptyText(
                lines.isPending,
                <Alert
                  type="info"
                  showIcon
                  message={shortfallsOnly && all.length ? r.emptyShortfalls : m.reconciliationEmpty}
                  className="empty-state"
                />,
              ),
            }}
            columns={[
              {
                title: m.indicator,
                key: 'indicator',
                sorter: (a, b) => a.indicatorCode.localeCompare(b.indicatorCode, undefined, { numeric: true }),
                render: (_, l) => `${l.indicatorCode} ${l.indicatorName}`,
              },
              {
                title: m.districtTarget,
                key: 'district',
                align: 'right',
                render: (_, l) => (
                  <span title={l.districtTarget ?? ''}>{formatFigure(l.districtTarget, l.unitOfMeasure)}</span>
                ),
              },
              {
                title: m.unitSum,
                key: 'sum',
                align: 'right',
                render: (_, l) => (
                  <span title={l.sumOfUnitTargets}>{formatFigure(l.sumOfUnitTargets, l.unitOfMeasure)}</span>
                ),
              },
              {
                title: m.difference,
                key: 'difference',
                align: 'right',
                render: (_, l) => <span title={l.difference ?? ''}>{formatFigure(l.difference, l.unitOfMeasure)}</span>,
                sorter: (a, b) => Number(a.difference ?? 0) - Number(b.difference ?? 0),
              },
              {
                title: r.resultLabel,
                key: 'outcome',
                render: (_, l) => {
                  const outcome = outcomeOf(l);
                  return (
                    <span className={`reconciliation-outcome reconciliation-outcome-${outcome}`}>
                      {outcome === 'shortfall' && <span aria-hidden="true">⚠ </span>}
                      {outcomeText(l, outcome)}
                    </span>
                  );
                },
                sorter: (a, b) => Number(outcomeOf(b) === 'shortfall') - Number(outcomeOf(a) === 'shortfall'),
              },
              { title: r.unitTargets, key: 'units', align: 'right', dataIndex: 'unitTargets' },
              {
                title: r.notSummable,
                key: 'notSummable',
                render: (_, l) => (l.notSummable.length ? l.notSummable.map(unitName).join('、') : '—'),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
