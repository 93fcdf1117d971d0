import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { get } from '../api/client';
import { inLanguage } from '../api/problem';
import type { UnitView } from '../api/views';
import { formatPeriod, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ExportButton } from '../lists/ExportButton';
import { linkWithAsOf } from '../shell/as-of';
import { usePlan } from '../shell/plans';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { useAsOf } from '../shell/use-as-of';
import { useCursorPages } from '../lists/cursor-pages';
import { CursorPager, PAGE_SIZES } from '../lists/CursorPager';
import { useUrlFilters } from '../lists/use-url-filters';
import { LevelTag, StateText } from './LevelTag';
import { useIndicators, useWarningPage } from './queries';
import { apiQuery, emptyReason, FILTER_KEYS, LEVELS, monthsOf, readWarningFilters, STATES } from './warning-filters';
import type { WarningItem } from './warning-types';
import { WarningDetail } from './WarningDetail';
import './warnings.css';
import { emptyText } from '../lists/empty-text';

const LEVEL_ORDER: Record<string, number> = { yellow: 1, red: 2 };

/** 预警: the API's warnings, filtered (level, state, unit, category, period) and paged by the API. */
export default function WarningsPage() {
  const { m, t, language } = useI18n();
  const w = m.warningsPage;
  const { plan } = usePlan();
  const { user } = useSession();
  const { asOf, historical } = useAsOf();
  const { params, setParam, clear: clearFilters, narrowed } = useUrlFilters(FILTER_KEYS);
  const filters = readWarningFilters(params);
  const [limit, setLimit] = useState(PAGE_SIZES[0]);
  const unitOnly = !!user && user.roles.every((r) => r === 'unit');
  const server = { planCode: plan?.code, ...apiQuery(filters), limit, asOf };
  const pages = useCursorPages(JSON.stringify(server));
  const page = useWarningPage({ ...server, cursor: pages.cursor });
  const indicators = useIndicators(plan?.code);
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => get<UnitView[]>('/api/units', undefined, signal),
    staleTime: 300_000,
    enabled: !unitOnly,
  });
  const categoryOf = useMemo(() => {
    const byCode = new Map((indicators.data ?? []).map((i) => [i.code, i.category]));
    return (code: string) => byCode.get(code);
  }, [indicators.data]);
  const rows = useMemo(() => page.data?.items ?? [], [page.data]);
  const [visible, setVisible] = useState<{ of: WarningItem[]; rows: WarningItem[] }>();
  const exported = visible && visible.of === rows ? visible.rows : rows;
  const openId = params.get('warning') ?? undefined;

  const categories = [...new Set((indicators.data ?? []).map((i) => i.category))].filter(Boolean);
  const empty = { historical: w.emptyHistorical, open: w.emptyOpen, filtered: w.emptyFiltered }[
    emptyReason(filters, historical)
  ];
  const who = (item: WarningItem) => item.unitName ?? item.unitCode;
  const what = (item: WarningItem) => `${item.indicatorCode} ${item.indicatorName ?? ''}`.trim();

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {m.warningsTitle}
        {plan && <span className="page-subtitle"> · {plan.title}</span>}
      </Typography.Title>
      <Card size="small">
        <Space wrap className="filters">
          <Select
            aria-label={w.filterLevel}
            placeholder={w.allLevels}
            allowClear
            value={filters.level}
            onChange={(v) => setParam('level', v)}
            className="filter"
            options={LEVELS.map((l) => ({ value: l, label: m.level[l] }))}
          />
          <Select
            aria-label={w.filterState}
            value={filters.state}
            onChange={(v) => setParam('state', v === 'open' ? undefined : v)}
            className="filter filter-wide"
            options={[
              { value: 'open', label: w.openStates },
              ...STATES.map((s) => ({ value: s, label: m.state[s] })),
              { value: 'all', label: w.allStates },
            ]}
          />
          {!unitOnly && (
            <Select
              aria-label={w.filterUnit}
              placeholder={m.allUnits}
              allowClear
              value={filters.unitCode}
              onChange={(v) => setParam('unitCode', v)}
              className="filter"
              options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          )}
          <Select
            aria-label={w.filterCategory}
            placeholder={m.allCategories}
            allowClear
            value={filters.category}
            onChange={(v) => setParam('category', v)}
            className="filter"
            options={categories.map((c) => ({ value: c, label: c }))}
          />
          <Select
            aria-label={w.filterPeriod}
            placeholder={w.allPeriods}
            allowClear
            value={filters.period}
            onChange={(v) => setParam('period', v)}
            className="filter"
            options={plan ? monthsOf(plan.year).map((p) => ({ value: p, label: formatPeriod(p, language) })) : []}
          />
          {narrowed && <Button onClick={clearFilters}>{m.clearFilters}</Button>}
          <ExportButton
            filename={`warnings-${plan?.code ?? ''}.csv`}
            rows={exported}
            columns={[
              { title: m.raisedAt, value: (r) => formatTime(r.raisedAt) },
              { title: m.unit, value: who },
              { title: m.indicator, value: what },
              { title: m.category, value: (r) => categoryOf(r.indicatorCode) },
              { title: m.period, value: (r) => r.period },
              { title: m.levelLabel, value: (r) => m.level[r.level] ?? r.level },
              { title: m.stateLabel, value: (r) => m.state[r.state] ?? r.state },
              { title: w.kindLabel, value: (r) => w.kind[r.kind] ?? r.kind },
              { title: m.warningReason, value: (r) => r.reason },
              { title: m.explanation, value: (r) => r.acknowledgement?.explanation },
              { title: m.measures, value: (r) => r.acknowledgement?.measures },
            ]}
          />
        </Space>
        {page.error ? (
          <div className="section">
            <ProblemAlert error={page.error} />
          </div>
        ) : (
          <Table<WarningItem>
            className="section"
            size="small"
            rowKey="id"
            loading={page.isPending || page.isPlaceholderData}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            sticky
            pagination={false}
            onChange={(_p, _f, _s, extra) => setVisible({ of: rows, rows: extra.currentDataSource })}
            locale={{
              emptyText: emptyText(
                page.isPending,
                <Alert type="info" showIcon message={empty} className="empty-state" />,
              ),
            }}
            columns={[
              // Phones: one stacked column per warning instead of a table wider than the screen.
              {
                title: m.warningsTitle,
                key: 'summary',
                responsive: ['xs'],
                render: (_, r) => (
                  <div className="warning-summary">
                    <Link to={linkWithAsOf(`/targets/${r.targetId}`, asOf)}>{what(r)}</Link>
                    <div>
                      {!unitOnly && `${who(r)} · `}
                      {formatPeriod(r.period, language)} · {w.kind[r.kind] ?? r.kind}
                    </div>
                    <div className="warning-summary-tags">
                      <LevelTag level={r.level} /> <StateText state={r.state} />
                    </div>
                  </div>
                ),
              },
              {
                title: m.raisedAt,
                key: 'raisedAt',
                width: 150,
                responsive: ['sm'],
                render: (_, r) => formatTime(r.raisedAt),
                sorter: (a, b) => a.raisedAt.localeCompare(b.raisedAt),
                defaultSortOrder: 'descend',
              },
              {
                title: m.unit,
                key: 'unit',
                width: 100,
                responsive: ['sm'],
                render: (_, r) => who(r),
                sorter: (a, b) => who(a).localeCompare(who(b), 'zh-CN'),
              },
              {
                title: m.indicator,
                key: 'indicator',
                width: 160,
                responsive: ['sm'],
                sorter: (a, b) => a.indicatorCode.localeCompare(b.indicatorCode, undefined, { numeric: true }),
                render: (_, r) => <Link to={linkWithAsOf(`/targets/${r.targetId}`, asOf)}>{what(r)}</Link>,
              },
              {
                title: m.category,
                key: 'category',
                width: 90,
                responsive: ['lg'],
                render: (_, r) => categoryOf(r.indicatorCode) ?? '—',
              },
              {
                title: m.period,
                key: 'period',
                width: 100,
                responsive: ['sm'],
                render: (_, r) => formatPeriod(r.period, language),
                sorter: (a, b) => a.period.localeCompare(b.period),
              },
              {
                title: m.levelLabel,
                key: 'level',
                width: 110,
                responsive: ['sm'],
                render: (_, r) => <LevelTag level={r.level} />,
                sorter: (a, b) => (LEVEL_ORDER[a.level] ?? 0) - (LEVEL_ORDER[b.level] ?? 0),
              },
              {
                title: m.stateLabel,
                key: 'state',
                width: 80,
                responsive: ['sm'],
                render: (_, r) => <StateText state={r.state} />,
                sorter: (a, b) => a.state.localeCompare(b.state),
              },
              {
                title: w.kindLabel,
                key: 'kind',
                width: 90,
                responsive: ['lg'],
                render: (_, r) => w.kind[r.kind] ?? r.kind,
              },
              // The reason is long (it names the rule's figures): wide screens only; the detail always shows it.
              {
                title: m.warningReason,
                key: 'reason',
                width: 280,
                responsive: ['xxl'],
                render: (_, r) => inLanguage(r.reason, language),
              },
              {
                title: w.details,
                key: 'open',
                width: 72,
                fixed: 'right',
                render: (_, r) => (
                  <Button
                    size="small"
                    onClick={() => setParam('warning', r.id)}
                    aria-label={t(w.detailsOf, {
                      what: `${who(r)} ${what(r)} ${formatPeriod(r.period, language)} ${w.kind[r.kind] ?? r.kind}`,
                    })}
                  >
                    {w.details}
                  </Button>
                ),
              },
            ]}
          />
        )}
        <CursorPager
          page={pages.page}
          shown={rows.length}
          hasNext={!!page.data?.nextCursor}
          busy={page.isPlaceholderData}
          onPrevious={pages.previous}
          onNext={() => page.data?.nextCursor && pages.next(page.data.nextCursor)}
          limit={limit}
          onLimit={setLimit}
        />
      </Card>
      <WarningDetail id={openId} onClose={() => setParam('warning', undefined)} categoryOf={categoryOf} />
    </div>
  );
}
